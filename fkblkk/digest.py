"""The weekly digest: each Monday morning, every BLKK manager with an e-mail address gets what
waits at the BLKK they manage (``fkblkk.pending``) and the week's program dates, each line
linking to the page where it is done. Nothing is sent to a manager when nothing waits.

It lives in fkblkk because it reads every app; tasks in ``fkblkk/tasks.py`` call it.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alumni.selectors import TracerCohort
from core.mail import portal_url, send_once
from core.queueing import queue_after_commit
from institutions.models import Institution
from institutions.portal import institution_link
from trainings.models import TrainingProgram
from trainings.selectors import WeekPrograms, programs_this_week

from .pending import PendingWork, pending_work

# A week's marker must outlive the week; eight days leave room for a retry.
WEEKLY_DIGEST_SENT_KEY = "fkblkk:weekly-digest:{user}:{week}"
WEEKLY_MARKER_SECONDS = 8 * 24 * 60 * 60
# People and programs each part of the digest lists; the link leads to the rest.
DIGEST_ENTRIES = 10


@dataclass(frozen=True)
class BlkkDigest:
    """One BLKK's part of a digest. Each listed record carries ``action_url``, the absolute
    address of the page where it is done; ``tracer_cohorts`` pairs each cohort with its own."""

    institution: Institution
    pending: PendingWork
    week: WeekPrograms
    tracer_cohorts: list[tuple[TracerCohort, str]]
    applications_url: str
    monthly_url: str

    def __bool__(self):
        return bool(self.pending or self.week.closing or self.week.starting)


def blkk_digest(institution: Institution, *, today: datetime.date) -> BlkkDigest:
    def scoped(model):
        return model.objects.of_institution(institution)

    def link(name: str, *args) -> str:
        # At this BLKK, whichever one a manager of several is working on when they click.
        return portal_url(institution_link(reverse(f"manager:{name}", args=args), institution))

    pending = pending_work(scoped, today=today, limit=DIGEST_ENTRIES)
    week = programs_this_week(scoped(TrainingProgram), today=today)
    for program in pending.programs_awaiting_results.items:
        program.action_url = link("program-results", program.pk)
    for program in (*week.closing, *week.starting):
        program.action_url = link("program-detail", program.pk)
    for grant in pending.pbk_reports.items:
        grant.action_url = link("pbk-report-upload", grant.pk)
    for certificate in pending.certificates_ending:
        certificate.action_url = link("instructor-update", certificate.instructor_id)
    return BlkkDigest(
        institution=institution,
        pending=pending,
        week=week,
        tracer_cohorts=[
            (cohort, link("outcome-cohort", cohort.program.pk, cohort.months))
            for cohort in pending.tracer_cohorts
        ],
        applications_url=link("application-list"),
        monthly_url=link("monthly-updates"),
    )


def digest_managers():
    """Active users who manage an active BLKK and have an e-mail address."""
    return (
        get_user_model()
        .objects.filter(is_active=True, institution_links__institution__is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def weekly_digest_queue(*, today: datetime.date | None = None) -> int:
    """Queue one digest per manager (its own task, retried alone); returns how many."""
    today = today or timezone.localdate()
    user_ids = list(digest_managers().values_list("pk", flat=True))
    with transaction.atomic():
        for user_id in user_ids:
            queue_after_commit(
                "fkblkk.tasks.send_weekly_digest", user_id, today.isoformat(), robust=False
            )
    return len(user_ids)


def blkk_digests(user, *, today: datetime.date) -> list[BlkkDigest]:
    """What waits at each active BLKK ``user`` manages, leaving out those where nothing does."""
    institutions = Institution.objects.managed_by(user).active().order_by("name")
    return [
        digest
        for digest in (blkk_digest(institution, today=today) for institution in institutions)
        if digest
    ]


def weekly_digest_send(*, user_id: int, today: datetime.date) -> bool:
    """E-mail one manager the week's digest; True when it went out. Once per manager per
    week however often the task runs (``core.mail.send_once``), and not at all when nothing
    waits at their BLKK."""
    user = digest_managers().filter(pk=user_id).first()
    if user is None:
        return False
    digests = blkk_digests(user, today=today)
    if not digests:
        return False
    monday = today - datetime.timedelta(days=today.weekday())
    return send_once(
        marker=WEEKLY_DIGEST_SENT_KEY.format(user=user.pk, week=monday.isoformat()),
        timeout=WEEKLY_MARKER_SECONDS,
        template="emails/fkblkk/weekly_digest",
        context={
            "user": user,
            "digests": digests,
            "today": today,
        },
        to=[user.email],
    )
