"""The applicant's personal link to their application's page: a signed token, no login.

The token signs the enrollment's pk with its reference code (``django.core.signing``, salted
for this use only), so that it cannot be forged, nor made from a code read over someone's
shoulder. It names no person. It is valid until 90 days after the program ends, when the
application has nothing left to tell; the date comes from the program, not the token, so one
link serves from the confirmation e-mail to the end.
"""

import datetime

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Enrollment

SALT = "trainings.application-status"
VALID_AFTER_PROGRAM_ENDS = datetime.timedelta(days=90)


class LinkExpired(Exception):
    """The token is genuine, but its program ended more than 90 days ago."""


def status_token(enrollment: Enrollment) -> str:
    return signing.dumps([enrollment.pk, enrollment.reference_code], salt=SALT)


def expires_on(enrollment: Enrollment) -> datetime.date:
    return enrollment.program.end_date + VALID_AFTER_PROGRAM_ENDS


def enrollment_for_token(token: str, queryset=None) -> Enrollment:
    """The enrollment the token names, read from ``queryset`` (all enrollments by default).

    Raises ``Enrollment.DoesNotExist`` for a tampered or unknown token, ``LinkExpired`` for
    one whose time is over.
    """
    try:
        pk, reference_code = signing.loads(token, salt=SALT)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise Enrollment.DoesNotExist from error
    queryset = Enrollment.objects.all() if queryset is None else queryset
    enrollment = queryset.get(pk=pk, reference_code=reference_code)
    if timezone.localdate() > expires_on(enrollment):
        raise LinkExpired
    return enrollment


def status_path(enrollment: Enrollment) -> str:
    return reverse("applications:status", kwargs={"token": status_token(enrollment)})


def enrollment_for_status_check(reference_code: str, birth_date: datetime.date):
    """The enrollment with this code whose applicant was born on ``birth_date``, or None.

    The same single query and comparison whether the code exists or not, so that neither
    the answer nor its time tells a stranger which codes exist.
    """
    enrollment = (
        Enrollment.objects.select_related("trainee").filter(reference_code=reference_code).first()
    )
    born_on = enrollment.trainee.birth_date if enrollment else None
    return enrollment if born_on == birth_date else None
