"""Public pages of training programs: the listing, a program, and the application form.

Caching: whole pages are never cached, since every page carries the visitor's CSRF token
(the language switch) and a fresh CSP nonce. The listing caches its rendered results for a
minute (see the template) and its filter choices for a few minutes; seats left shown there
may thus be a minute old. The program page reads seats live. The application form and the
service behind it always check registration, quota and age on the locked program row.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView, TemplateView
from django_ratelimit.core import is_ratelimited

from .. import selectors, services
from ..filters import ProgramFilter
from ..forms import ApplicationForm, ProgramAlertForm
from ..status_links import status_path

# Generous per IP: whole villages share one mobile carrier address (CGNAT). Strict per NIK:
# a person applies a few times at most, and it also bounds guessing at stored identities.
APPLY_RATE_PER_IP = "20/h"
APPLY_RATE_PER_NIK = "5/h"
# Each request may send a confirmation e-mail to someone: few per address an hour.
ALERT_RATE_PER_IP = "10/h"
APPLIED_SESSION_KEY = "trainings_last_application"


class ProgramResults:
    """One page of the filtered programs, the status chips above it, and suggestions when
    nothing matches, each computed only when the template first asks.

    The listing template caches the rendered results; on a cache hit nothing here runs.
    """

    page_size = 12

    def __init__(self, program_filter, page_number):
        self.filter = program_filter
        self.page_number = page_number

    @cached_property
    def page(self):
        # get_page() never fails: a page out of range or not a number shows the nearest one.
        return Paginator(self.filter.qs, self.page_size).get_page(self.page_number)

    @cached_property
    def status_chips(self):
        return self.filter.status_chips()

    @cached_property
    def suggestions(self):
        return self.filter.suggestions()


class PublicStatusMixin:
    """Gives templates ``PublicStatus``, which the status badge and program facts compare to."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(PublicStatus=selectors.PublicStatus, **kwargs)


class ProgramListView(PublicStatusMixin, TemplateView):
    template_name = "trainings/program_list.html"

    def get_context_data(self, **kwargs):
        program_filter = ProgramFilter(
            self.request.GET, queryset=selectors.program_public_queryset()
        )
        return super().get_context_data(
            filter=program_filter,
            results=ProgramResults(program_filter, self.request.GET.get("halaman")),
            **kwargs,
        )


class ProgramDetailView(PublicStatusMixin, DetailView):
    """Seats and status are read live; the description and instructors are cached (template)."""

    template_name = "trainings/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return selectors.program_public_queryset()

    def get_context_data(self, **kwargs):
        share_url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(share_url=share_url, **kwargs)


class PublicProgramMixin(PublicStatusMixin):
    """Resolves the public program named in the URL once per request; 404 otherwise."""

    @cached_property
    def program(self):
        return get_object_or_404(selectors.program_public_queryset(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.program, **kwargs)


@method_decorator(never_cache, name="dispatch")
class EnrollmentApplyView(PublicProgramMixin, FormView):
    """The application form; a refusal page when registration is not open."""

    template_name = "trainings/enrollment_apply.html"
    refused_template_name = "trainings/enrollment_refused.html"
    form_class = ApplicationForm

    def get(self, request, *args, **kwargs):
        refusal = self.program.registration_refusal()
        if refusal:
            return self.render_refusal(refusal, status=200)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.region_refresh and not self.program.registration_refusal():
            # Lists the kecamatan or desa of a new choice for a browser without JavaScript:
            # nothing is checked or stored, so it does not count against the rate limits.
            return self.form_invalid(form)
        if is_ratelimited(
            request, group="trainings:apply-ip", key="ip", rate=APPLY_RATE_PER_IP, increment=True
        ):
            return self.render_refusal(
                _(
                    "Terlalu banyak formulir pendaftaran dikirim dari jaringan Anda dalam satu "
                    "jam terakhir. Silakan coba lagi nanti."
                ),
                heading=_("Terlalu banyak percobaan"),
                status=429,
            )
        refusal = self.program.registration_refusal()
        if refusal:
            return self.render_refusal(refusal, status=409)
        if form.is_spam():
            # Told nothing: the bot sees what a person would, and nothing is stored.
            return redirect("trainings:enrollment-applied", slug=self.program.slug)
        if not form.is_valid():
            return self.form_invalid(form)
        if self.nik_rate_limited(form.cleaned_data["nik"]):
            form.add_error(
                "nik",
                _("Terlalu banyak percobaan pendaftaran dengan NIK ini. Coba lagi satu jam lagi."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return self.form_valid(form)

    def nik_rate_limited(self, nik: str) -> bool:
        # django-ratelimit hashes the key into the cache key: the NIK is never stored.
        return is_ratelimited(
            self.request,
            group="trainings:apply-nik",
            key=lambda group, request: nik,
            rate=APPLY_RATE_PER_NIK,
            increment=True,
        )

    def form_valid(self, form):
        try:
            enrollment = services.enrollment_apply(
                program=self.program, trainee_data=form.trainee_data()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        self.request.session[APPLIED_SESSION_KEY] = {
            "program": self.program.pk,
            "reference_code": enrollment.reference_code,
            "status_path": status_path(enrollment),
        }
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return reverse("trainings:enrollment-applied", kwargs={"slug": self.program.slug})

    def render_refusal(self, refusal, *, status, heading=None):
        """The page that explains why no application is taken; it never shows the form."""
        context = {
            "view": self,
            "program": self.program,
            "heading": heading or _("Pendaftaran tidak dapat diterima"),
            "refusal": refusal,
        }
        return TemplateResponse(self.request, self.refused_template_name, context, status=status)


@method_decorator(never_cache, name="dispatch")
class EnrollmentAppliedView(PublicProgramMixin, TemplateView):
    """Shows the reference code of the application just sent from this browser, and no data.

    The code, and the link to the applicant's personal page, come from the session, not the
    URL, so nobody can look up another person's application; without one, the visitor goes
    back to the program page.
    """

    template_name = "trainings/enrollment_applied.html"

    def get(self, request, *args, **kwargs):
        applied = request.session.get(APPLIED_SESSION_KEY) or {}
        if applied.get("program") != self.program.pk:
            return redirect(self.program)
        return self.render_to_response(
            self.get_context_data(
                reference_code=applied["reference_code"], status_path=applied.get("status_path")
            )
        )


# "Kabari saya" --------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class ProgramAlertView(FormView):
    """The form to be told when a kejuruan opens registration in a kecamatan; the list links
    here, with both chosen, when it finds nothing."""

    template_name = "trainings/program_alert_form.html"
    sent_template_name = "trainings/program_alert_sent.html"
    form_class = ProgramAlertForm

    def get_initial(self):
        return {name: self.request.GET.get(name) for name in ("kejuruan", "kecamatan")}

    def post(self, request, *args, **kwargs):
        if is_ratelimited(
            request, group="trainings:alert-ip", key="ip", rate=ALERT_RATE_PER_IP, increment=True
        ):
            form = self.get_form()
            form.add_error(
                None,
                _(
                    "Terlalu banyak permintaan dari jaringan Anda dalam satu jam terakhir. "
                    "Silakan coba lagi nanti."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        alert = services.program_alert_request(
            email=form.cleaned_data["email"],
            field=form.cleaned_data["kejuruan"],
            district=form.cleaned_data["kecamatan"],
            consent_text=form.consent_text(),
        )
        return TemplateResponse(self.request, self.sent_template_name, {"alert": alert})


class AlertTokenView(TemplateView):
    """A page reached from an alert e-mail's signed link: GET asks, POST acts, so that a mail
    scanner following links changes nothing."""

    template_name = "trainings/program_alert_token.html"
    salt = ""
    max_age = None

    @cached_property
    def alert(self):
        return services.alert_from_token(self.kwargs["token"], salt=self.salt, max_age=self.max_age)

    def get(self, request, *args, **kwargs):
        if self.alert is None:
            return self.render_to_response(self.get_context_data(invalid=True), status=400)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.alert is None:
            return self.render_to_response(self.get_context_data(invalid=True), status=400)
        self.act()
        return self.render_to_response(self.get_context_data(done=True))

    def act(self):
        raise NotImplementedError


@method_decorator(never_cache, name="dispatch")
class ProgramAlertConfirmView(AlertTokenView):
    salt = services.ALERT_CONFIRM_SALT
    max_age = services.ALERT_CONFIRM_MAX_AGE
    extra_context = {"action": "confirm"}

    def act(self):
        services.program_alert_confirm(alert=self.alert)


# Mail programs unsubscribe with a POST of their own (RFC 8058), without a CSRF token: the
# signed link is the proof.
@method_decorator([never_cache, csrf_exempt], name="dispatch")
class ProgramAlertUnsubscribeView(AlertTokenView):
    salt = services.ALERT_UNSUBSCRIBE_SALT
    extra_context = {"action": "unsubscribe"}

    def act(self):
        services.program_alert_unsubscribe(alert=self.alert)
