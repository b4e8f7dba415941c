"""What the trainings app adds to the manager portal: its menu entries, and on the home page
the applicants waiting, the programs to act on, the PBK reports due and the year's figures."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import day_label
from core.manager_portal import (
    Figure,
    ManagerPortalSection,
    TodoCard,
    TodoEntry,
    url_with_query,
)
from institutions.models import Instructor
from trainings import selectors
from trainings.models import Enrollment, PBKAssistance, TrainingProgram


class TrainingsSection(ManagerPortalSection):
    menu = (
        ("manager:program-list", _("Program")),
        ("manager:application-list", _("Pendaftar")),
        ("manager:trainee-list", _("Peserta")),
        ("manager:pbk-list", _("Bantuan PBK")),
    )

    def figures(self, portal, today):
        # The year's programs, participants and graduates are the dashboard's figures for the
        # BLKK (dashboard.manager), counted as Disnaker reads them.
        active_instructors = portal.scoped(Instructor).filter(is_active=True).count()
        return [Figure(70, active_instructors, _("Instruktur aktif"))]

    def todo_cards(self, portal, today):
        limit = self.todo_entries_shown
        applications = selectors.applications_waiting(portal.scoped(Enrollment), limit=limit)
        programs = selectors.program_todos(portal.scoped(TrainingProgram), limit=limit, today=today)
        reports = selectors.pbk_reports_due(portal.scoped(PBKAssistance), limit=limit, today=today)
        application_list = reverse("manager:application-list")
        program_list = reverse("manager:program-list")
        pbk_list = reverse("manager:pbk-list")
        return [
            TodoCard(
                order=10,
                key="applications",
                title=_("Pendaftar menunggu keputusan"),
                icon="bi-person-lines-fill",
                count=applications.count,
                entries=[
                    TodoEntry(
                        label=enrollment.trainee.full_name,
                        detail=_("%(program)s · mendaftar %(date)s")
                        % {
                            "program": enrollment.program.title,
                            "date": day_label(timezone.localdate(enrollment.created_at)),
                        },
                        url=url_with_query(application_list, program=enrollment.program_id),
                    )
                    for enrollment in applications.items
                ],
                url=application_list,
                link_label=_("Periksa pendaftar"),
            ),
            TodoCard(
                order=20,
                key="closing-soon",
                title=_("Pendaftaran segera ditutup"),
                icon="bi-hourglass-split",
                count=programs.closing_soon.count,
                entries=[
                    TodoEntry(
                        label=program.title,
                        detail=_("ditutup %(date)s · sisa %(seats)s kursi")
                        % {
                            "date": day_label(program.registration_closes),
                            "seats": program.seats_left(),
                        },
                        url=reverse("manager:program-detail", args=[program.pk]),
                    )
                    for program in programs.closing_soon.items
                ],
                url=program_list,
                link_label=_("Lihat program"),
            ),
            TodoCard(
                order=30,
                key="to-close",
                title=_("Program perlu diperbarui statusnya"),
                icon="bi-flag",
                count=programs.to_close.count,
                entries=[
                    TodoEntry(
                        label=program.title,
                        detail=overdue_move(program),
                        url=reverse("manager:program-detail", args=[program.pk]),
                    )
                    for program in programs.to_close.items
                ],
                url=program_list,
                link_label=_("Lihat program"),
            ),
            TodoCard(
                order=60,
                key="pbk-reports",
                title=_("Laporan PBK jatuh tempo"),
                icon="bi-file-earmark-text",
                count=reports.count,
                entries=[
                    TodoEntry(
                        label=_("PBK %(year)s — %(field)s")
                        % {"year": pbk.year, "field": pbk.field},
                        detail=(
                            _("terlambat, batasnya %(date)s")
                            if pbk.report_due_date < today
                            else _("batas %(date)s")
                        )
                        % {"date": day_label(pbk.report_due_date)},
                        url=pbk_list,
                    )
                    for pbk in reports.items
                ],
                url=pbk_list,
                link_label=_("Unggah laporan"),
            ),
        ]


def overdue_move(program: TrainingProgram) -> str:
    """What a program past its date still needs: its registration closed, or to be completed."""
    if program.status == TrainingProgram.Status.OPEN:
        return _("batas pendaftaran %(date)s sudah lewat: tutup pendaftaran") % {
            "date": day_label(program.registration_closes)
        }
    return _("selesai %(date)s: tandai program selesai") % {"date": day_label(program.end_date)}
