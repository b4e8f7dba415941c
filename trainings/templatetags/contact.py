"""The WhatsApp link a manager opens to reach an applicant, a participant or a graduate, with
a message already typed that says who writes and why."""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from core.templatetags.formats import whatsapp_url
from trainings.models import Enrollment

register = template.Library()


def _message(enrollment: Enrollment) -> str:
    names = {
        "name": enrollment.trainee.full_name,
        "blkk": enrollment.program.institution.name,
        "program": enrollment.program.title,
        "code": enrollment.reference_code,
    }
    Status = Enrollment.Status
    if enrollment.status == Status.APPLIED:
        text = _(
            "Halo %(name)s, kami dari %(blkk)s tentang pendaftaran Anda di pelatihan "
            "%(program)s (kode %(code)s)."
        )
    elif enrollment.status == Status.GRADUATED:
        text = _(
            "Halo %(name)s, kami dari %(blkk)s. Apa kabar setelah lulus pelatihan %(program)s? "
            "Kami ingin mencatat kegiatan Anda sekarang untuk tracer study."
        )
    else:
        text = _("Halo %(name)s, kami dari %(blkk)s tentang pelatihan %(program)s.")
    return text % names


@register.simple_tag
def whatsapp_to(enrollment: Enrollment) -> str:
    """wa.me to the enrollment's trainee, opening on a message fit for its status. Written in
    Indonesian whatever the manager's page language: it is read by the applicant."""
    with translation.override("id"):
        return whatsapp_url(enrollment.trainee.phone, _message(enrollment))
