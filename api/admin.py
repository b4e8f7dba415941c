"""The API's tokens in the secretariat's admin: made, handed over once, revoked."""

import datetime

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from core.admin import FastChangelistMixin, SecretariatOnlyMixin

from .models import ApiToken

# Only the portal's own token model is kept; the library's stand-alone model is not used.
admin.site.unregister(APIKey)


@admin.register(ApiToken)
class ApiTokenAdmin(SecretariatOnlyMixin, FastChangelistMixin, APIKeyModelAdmin):
    """The secretariat makes a token for a Disnaker officer or a BLKK manager, hands over the
    key shown once, and revokes it when it is no longer needed (tokens are never deleted, so
    the record of who had access stays)."""

    # What the change page shows; the list shows the same, with the state for ``revoked``.
    change_fields = (
        "name",
        "prefix",
        "owner",
        "access",
        "created",
        "expiry_date",
        "last_used_at",
        "revoked",
    )
    list_display = (*change_fields[:-1], "state")
    list_filter = ("access", "revoked")
    list_select_related = ("owner",)
    search_fields = ("name", "prefix", "owner__username")
    autocomplete_fields = ("owner",)
    actions = ("revoke",)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("name", "owner", "access", "expiry_date")
        return self.change_fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        fixed = ("prefix", "owner", "access", "created", "expiry_date", "last_used_at")
        return (*fixed, "revoked") if obj.revoked else fixed

    def get_changeform_initial_data(self, request):
        return {"expiry_date": timezone.now() + datetime.timedelta(days=365)}

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        key = ApiToken.objects.assign_key(obj)
        obj.save()
        self.message_user(
            request,
            _(
                "Token “%(name)s” dibuat. Kuncinya: %(key)s — salin dan serahkan sekarang; "
                "kunci ini tidak akan ditampilkan lagi."
            )
            % {"name": obj.name, "key": key},
            messages.WARNING,
        )

    def has_add_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("status"))
    def state(self, token):
        if token.revoked:
            return _("Dicabut")
        if token.expiry_date <= timezone.now():
            return _("Kedaluwarsa")
        return _("Aktif")

    @admin.action(description=_("Cabut token terpilih"))
    def revoke(self, request, queryset):
        revoked = queryset.filter(revoked=False).update(revoked=True)
        self.message_user(
            request, _("%(count)d token dicabut.") % {"count": revoked}, messages.SUCCESS
        )
