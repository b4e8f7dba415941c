"""The manager portal's access rule: who may enter ``/pengelola/`` and which BLKK they work on.

Every manager page is a view built on ``ManagerPortalMixin``. It answers once per request:
an anonymous visitor is sent to log in, a signed-in user outside the ``Pengelola BLKK`` group
gets 403, and a manager works on one BLKK at a time (``self.institution``), picked from
``Institution.objects.managed_by(user)`` and remembered in the session. Views read and fetch
rows only through ``self.scoped(...)``, which goes through each model's ``for_manager`` and
narrows to the BLKK picked, so another BLKK's object is a 404 and a form cannot reach it.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from core import roles
from core.manager_portal import manager_menu
from core.pagination import NearestPageMixin
from core.views import NeverStoredMixin

from .models import Institution

INSTITUTION_SESSION_KEY = "manager_institution"
CHOOSE_URL_NAME = "manager:institution-choose"
INSTITUTION_QUERY_KEY = "blkk"


def current_institution(request) -> Institution | None:
    """The BLKK the manager works on now, or None when they manage several and chose none.

    A manager of exactly one BLKK needs no choice. The session's choice counts only while
    the user still manages that BLKK. Raises PermissionDenied for a manager linked to none.
    """
    managed = Institution.objects.managed_by(request.user)
    chosen = request.session.get(INSTITUTION_SESSION_KEY)
    if chosen is not None:
        institution = managed.filter(pk=chosen).first()
        if institution is not None:
            return institution
    candidates = list(managed[:2])
    if not candidates:
        raise PermissionDenied(
            _("Akun Anda belum terhubung ke BLKK mana pun. Hubungi sekretariat FK-BLKK.")
        )
    if len(candidates) == 1:
        return candidates[0]
    return None


def choose_institution(request, institution: Institution) -> None:
    """Remember the manager's choice; only an institution they manage may be chosen."""
    if not Institution.objects.managed_by(request.user).filter(pk=institution.pk).exists():
        raise PermissionDenied
    request.session[INSTITUTION_SESSION_KEY] = institution.pk


def institution_link(path: str, institution: Institution) -> str:
    """``path`` opened at ``institution``: for a manager of several BLKK following a link made
    for one of them (the weekly digest's), whichever BLKK the session was working on."""
    return f"{path}?{INSTITUTION_QUERY_KEY}={institution.pk}"


def follow_institution_link(request) -> None:
    """Work on the BLKK a link names (``institution_link``), when the user manages it; a
    link to another BLKK changes nothing, and its page answers as it would without it."""
    requested = request.GET.get(INSTITUTION_QUERY_KEY, "")
    if not requested.isdigit():
        return
    institution = Institution.objects.managed_by(request.user).filter(pk=requested).first()
    if institution is not None:
        choose_institution(request, institution)


def safe_next_url(request, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


class ManagerPortalMixin(NeverStoredMixin, LoginRequiredMixin):
    """Lets in managers only, and resolves the BLKK they work on as ``self.institution``.

    ``needs_institution = False`` is for the pages that come before a choice (the chooser).
    """

    needs_institution = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not roles.has_role(request.user, roles.MANAGER):
            raise PermissionDenied(_("Halaman ini hanya untuk pengelola BLKK."))
        follow_institution_link(request)
        self.institution = current_institution(request)
        if self.needs_institution and self.institution is None:
            return redirect(f"{reverse(CHOOSE_URL_NAME)}?next={request.get_full_path()}")
        return super().dispatch(request, *args, **kwargs)

    def scoped(self, queryset_or_model):
        """Rows of the BLKK being worked on, through the model's ``for_manager`` rule."""
        queryset = getattr(queryset_or_model, "objects", queryset_or_model)
        return queryset.for_manager(self.request.user).of_institution(self.institution)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            institution=self.institution,
            # The menu needs a BLKK to work on: the chooser comes before it.
            backoffice_menu=manager_menu() if self.institution else (),
            **kwargs,
        )


class ManagerObjectMixin(ManagerPortalMixin):
    """Object views of the portal: the object is fetched within the BLKK being worked on."""

    def get_queryset(self):
        return self.scoped(self.model)

    def http_method_not_allowed(self, request, *args, **kwargs):
        # Another BLKK's object is a 404 whatever the method, even one the page does not take,
        # so that a page's answer never tells whether an id exists elsewhere.
        if "pk" in kwargs:
            self.get_object()
        return super().http_method_not_allowed(request, *args, **kwargs)


class ManagerListView(NearestPageMixin, ManagerObjectMixin, ListView):
    paginate_by = 25


class ManagerFormMixin(SuccessMessageMixin, ManagerObjectMixin):
    """Create and edit pages: forms get the user and the BLKK, and never an owner field.

    ``owner_attribute`` names the attribute that ties a new object to its owner; by default
    the BLKK. Pages of an object that belongs to another object (an instructor's certificate)
    override ``get_owner``.
    """

    template_name = "backoffice/object_form.html"
    owner_attribute = "institution"
    success_message = _("Perubahan disimpan.")
    # Where "Batal" leads when not where the page was opened from or where saving leads.
    cancel_url_name = None

    def get_owner(self):
        return self.institution

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if kwargs.get("instance") is None:
            kwargs["instance"] = self.model(**{self.owner_attribute: self.get_owner()})
        return {**kwargs, "user": self.request.user, "institution": self.institution}

    def get_success_url(self):
        return safe_next_url(self.request, reverse(self.success_url_name))

    def get_cancel_url(self):
        """Where "Batal" leads: where the page was opened from, else where saving would."""
        if self.cancel_url_name:
            return safe_next_url(self.request, reverse(self.cancel_url_name))
        if getattr(self, "object", None) is not None:
            return self.get_success_url()
        return safe_next_url(self.request, reverse(self.success_url_name))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cancel_url=self.get_cancel_url(),
            next_url=safe_next_url(self.request, ""),
            **kwargs,
        )


class ManagerCreateView(ManagerFormMixin, CreateView):
    success_message = _("Data baru disimpan.")


class ManagerUpdateView(ManagerFormMixin, UpdateView):
    pass


class ManagerDeleteView(ManagerObjectMixin, DeleteView):
    """Deletes after confirmation; an object that other records still need is kept, with why."""

    template_name = "backoffice/object_confirm_delete.html"

    def get_success_url(self):
        return reverse(self.success_url_name)

    def form_valid(self, form):
        try:
            self.object.delete()
        except ProtectedError:
            messages.error(
                self.request,
                _("%(object)s tidak dapat dihapus karena masih dipakai oleh data lain.")
                % {"object": self.object},
            )
            return HttpResponseRedirect(self.get_success_url())
        messages.success(self.request, _("%(object)s dihapus.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())
