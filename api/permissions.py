"""What a token opens beyond the public data. Without a token these answer 401, with a token
of the other kind 403."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .models import ApiToken


class HoldsToken(BasePermission):
    access: str

    def has_permission(self, request, view):
        token = request.auth
        return isinstance(token, ApiToken) and token.access == self.access


class DisnakerToken(HoldsToken):
    access = ApiToken.Access.DISNAKER
    message = _("Data ini hanya untuk token Disnaker.")


class ManagerToken(HoldsToken):
    access = ApiToken.Access.MANAGER
    message = _("Data ini hanya untuk token pengelola BLKK.")


class DisnakerOrManagerToken(BasePermission):
    message = _("Data ini hanya untuk token Disnaker atau token pengelola BLKK.")

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiToken)
