"""What waits at one BLKK: the pending work the monthly page lists with its actions and the
weekly digest e-mails to the BLKK's managers.

Each part is read by its app's selector (the home page's to-do cards read the same ones);
``scoped`` gives a model's rows at the BLKK (the portal's ``scoped``, or the BLKK's own rows
for the digest), so what waits elsewhere never shows. The whole costs a fixed number of
queries, whatever the number of rows.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from alumni.selectors import TracerCohort, tracer_cohorts_due
from institutions.models import InstructorCertificate
from institutions.selectors import certificates_ending
from trainings import selectors as training_selectors
from trainings.models import Enrollment, PBKAssistance, TrainingProgram
from trainings.selectors import Todo


@dataclass(frozen=True)
class PendingWork:
    applications: Todo  # applications not yet decided
    programs_awaiting_results: Todo  # ended, participants still "in training"
    tracer_cohorts: list[TracerCohort]  # graduates to trace, by program and period
    pbk_reports: Todo  # PBK reports due soon or late
    certificates_ending: list[InstructorCertificate]  # within 60 days

    @property
    def graduates_to_trace(self) -> int:
        """Tracers due and missing, a graduate counted once per period due."""
        return sum(cohort.count for cohort in self.tracer_cohorts)

    def __bool__(self):
        return bool(
            self.applications.count
            or self.programs_awaiting_results.count
            or self.tracer_cohorts
            or self.pbk_reports.count
            or self.certificates_ending
        )


def pending_work(scoped: Callable, *, today: datetime.date, limit: int) -> PendingWork:
    """The BLKK's pending work; lists of people and programs keep their first ``limit``."""
    return PendingWork(
        applications=training_selectors.applications_waiting(scoped(Enrollment), limit=limit),
        programs_awaiting_results=training_selectors.programs_awaiting_results(
            scoped(TrainingProgram), limit=limit, today=today
        ),
        tracer_cohorts=tracer_cohorts_due(scoped(Enrollment), today=today),
        pbk_reports=training_selectors.pbk_reports_due(
            scoped(PBKAssistance), limit=limit, today=today
        ),
        certificates_ending=certificates_ending(scoped(InstructorCertificate), today=today),
    )
