"""The applicant's own pages, under /pendaftaran/: the status check and the personal page.

No login: the personal page's address holds a signed token (``trainings.status_links``) that
the confirmation page and e-mails give, and that the status check gives to whoever knows the
reference code and the birth date. Because the key is in the address, the personal page is
never cached, gives no other page its address as referrer, and is kept out of search
engines (robots.txt, noindex).
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_ratelimit.core import is_ratelimited

from .. import services, status_links
from ..forms import StatusCheckForm
from ..models import Enrollment, TrainingProgram

# Per IP, generous for the shared addresses of mobile carriers (CGNAT): a person checks a few
# times; guessing needs the 8-character code and the birth date together.
CHECK_RATE_PER_IP = "10/h"
CONFIRM_WITHDRAWAL_PARAMETER = "mundur"

Status = Enrollment.Status
STATUS_EXPLANATIONS = {
    Status.APPLIED: _(
        "Pendaftaran Anda sedang diperiksa pengelola BLKK. BLKK akan menghubungi Anda lewat "
        "nomor HP yang Anda isi untuk seleksi dan pengumuman peserta."
    ),
    Status.ACCEPTED: _(
        "Selamat, Anda diterima sebagai peserta. Datanglah pada tanggal mulai di tempat "
        "pelatihan di bawah ini."
    ),
    Status.REJECTED: _(
        "Mohon maaf, Anda belum dapat diterima di program ini. Anda tetap dapat mendaftar ke "
        "program pelatihan lain."
    ),
    Status.WITHDRAWN: _(
        "Anda sudah mundur dari pelatihan ini. Pengelola BLKK sudah dapat melihatnya, dan "
        "kursi Anda terbuka untuk pendaftar lain."
    ),
    Status.IN_TRAINING: _("Anda sedang mengikuti pelatihan ini."),
    Status.GRADUATED: _("Selamat, Anda sudah lulus pelatihan ini."),
    Status.DROPPED_OUT: _("Anda tercatat tidak menyelesaikan pelatihan ini."),
}


def private_page(response):
    """The headers of a page whose address is its key: never stored, never passed on.

    "strict-origin" sends the site's origin alone, never the path that holds the key; not
    "no-referrer", under which browsers send ``Origin: null`` with the page's own forms
    (withdrawing, switching language) and Django's CSRF check refuses them.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class ApplicationStatusView(TemplateView):
    """An application's status, history, program, and the applicant's withdrawal.

    A tampered or unknown link answers 404, an expired one 410, both with a page that points
    to the status check. Withdrawing takes two steps: the button asks for a confirmation
    (``?mundur``), whose POST withdraws while the status allows it.
    """

    template_name = "trainings/application_status.html"
    invalid_template_name = "trainings/application_link_invalid.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.enrollment = status_links.enrollment_for_token(
                kwargs["token"],
                Enrollment.objects.select_related("trainee", "program__institution__district"),
            )
        except Enrollment.DoesNotExist:
            return self.invalid_link(expired=False)
        except status_links.LinkExpired:
            return self.invalid_link(expired=True)
        return private_page(super().dispatch(request, *args, **kwargs))

    def invalid_link(self, *, expired: bool):
        response = TemplateResponse(
            self.request,
            self.invalid_template_name,
            {"expired": expired},
            status=410 if expired else 404,
        )
        return private_page(response)

    def get_context_data(self, **kwargs):
        enrollment = self.enrollment
        program = enrollment.program
        return super().get_context_data(
            enrollment=enrollment,
            program=program,
            program_cancelled=program.status == TrainingProgram.Status.CANCELLED,
            program_is_public=program.is_public and program.institution.is_public,
            explanation=STATUS_EXPLANATIONS[enrollment.status],
            history=enrollment.status_history(),
            can_withdraw=enrollment.can("withdraw"),
            confirming=CONFIRM_WITHDRAWAL_PARAMETER in self.request.GET,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            self.enrollment = services.enrollment_withdraw_by_applicant(enrollment=self.enrollment)
        except ValidationError:
            context = self.get_context_data(
                refusal=_(
                    "Pendaftaran ini tidak bisa diundurkan lagi: statusnya sekarang %(status)s. "
                    "Hubungi BLKK bila Anda berhalangan."
                )
                % {"status": self.enrollment.get_status_display().lower()}
            )
            return self.render_to_response(context, status=409)
        return redirect(request.path)


@method_decorator(never_cache, name="dispatch")
class ApplicationCheckView(FormView):
    """Opens the personal page for the reference code and birth date of one application.

    A mismatch gets one neutral message and a blank form, the same whether the code exists
    or not; the posts are limited per IP address.
    """

    template_name = "trainings/application_check.html"
    form_class = StatusCheckForm

    def post(self, request, *args, **kwargs):
        if is_ratelimited(
            request,
            group="trainings:status-check-ip",
            key="ip",
            rate=CHECK_RATE_PER_IP,
            increment=True,
        ):
            return self.render_to_response(self.get_context_data(too_many=True), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        enrollment = status_links.enrollment_for_status_check(
            form.cleaned_data["reference_code"], form.cleaned_data["birth_date"]
        )
        if enrollment is None:
            # Neither input is echoed back: the page is the same for any wrong pair.
            return self.render_to_response(
                self.get_context_data(form=self.form_class(), mismatch=True)
            )
        return redirect(status_links.status_path(enrollment))
