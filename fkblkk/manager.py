"""The manager portal's own pages: its home page and its menu, which gather every app's parts.

The home page puts together what the apps' selectors read for the BLKK being worked on: what
needs doing now, and this year's figures. Every read costs a fixed number of queries.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

import alumni.urls
import institutions.urls
import trainings.urls
from alumni import selectors as alumni_selectors
from alumni.models import Enterprise, Outcome
from institutions.models import Instructor
from institutions.portal import ManagerPortalMixin
from trainings import selectors as training_selectors
from trainings.models import Enrollment, PBKAssistance, TrainingProgram

# (URL name, label): the home page, then each app's sections in the order managers work.
MANAGER_MENU = (
    ("manager:home", _("Beranda")),
    *institutions.urls.manager_menu,
    *trainings.urls.manager_menu,
    *alumni.urls.manager_menu,
)

# How many items each to-do card lists before its "see all" link.
TODO_ITEMS_SHOWN = 5


@dataclass(frozen=True)
class TodoEntry:
    label: str
    detail: str
    url: str


@dataclass(frozen=True)
class TodoCard:
    """One card of "Perlu ditindaklanjuti": a count, the first few entries, a link to all."""

    key: str
    title: str
    icon: str
    count: int
    entries: list[TodoEntry]
    url: str
    link_label: str


@dataclass(frozen=True)
class Figure:
    value: int | str
    label: str


def _day(value) -> str:
    return date_format(value, "j F Y")


def _with_query(url: str, **params) -> str:
    return f"{url}?{urlencode(params)}"


class ManagerHomeView(ManagerPortalMixin, TemplateView):
    template_name = "backoffice/manager_home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            today=today,
            todo_cards=[card for card in self.todo_cards(today) if card.count],
            figures=self.year_figures(today),
            **kwargs,
        )

    def year_figures(self, today) -> list[Figure]:
        programs = training_selectors.program_year_figures(
            self.scoped(TrainingProgram),
            self.scoped(Enrollment),
            self.scoped(Instructor),
            today=today,
        )
        alumni = alumni_selectors.alumni_year_figures(
            self.scoped(Outcome), self.scoped(Enterprise), year=today.year
        )
        if alumni.placement_rate is None:
            placement = Figure("—", _("Terserap kerja/usaha (belum ada tracer tahun ini)"))
        else:
            placement = Figure(
                f"{alumni.placement_rate}%",
                _("Terserap kerja/usaha: %(placed)s dari %(surveyed)s lulusan yang ditracer")
                % {"placed": alumni.graduates_placed, "surveyed": alumni.graduates_surveyed},
            )
        return [
            Figure(programs.programs_started, _("Program dimulai")),
            Figure(programs.participants, _("Peserta program tahun ini")),
            Figure(programs.graduates, _("Lulusan")),
            Figure(programs.competent, _("Lulusan kompeten")),
            Figure(alumni.outcomes_recorded, _("Hasil tracer dicatat")),
            placement,
            Figure(programs.active_instructors, _("Instruktur aktif")),
            Figure(alumni.published_enterprises, _("Usaha alumni tampil di situs")),
        ]

    def todo_cards(self, today) -> list[TodoCard]:
        limit = TODO_ITEMS_SHOWN
        home = reverse("manager:home")
        applications = training_selectors.applications_waiting(self.scoped(Enrollment), limit=limit)
        programs = training_selectors.program_todos(
            self.scoped(TrainingProgram), limit=limit, today=today
        )
        tracers = alumni_selectors.missing_tracers(
            self.scoped(Enrollment), limit=limit, today=today
        )
        reports = training_selectors.pbk_reports_due(
            self.scoped(PBKAssistance), limit=limit, today=today
        )
        application_list = reverse("manager:application-list")
        cards = [
            TodoCard(
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
                            "date": _day(timezone.localdate(enrollment.created_at)),
                        },
                        url=_with_query(application_list, program=enrollment.program_id),
                    )
                    for enrollment in applications.items
                ],
                url=application_list,
                link_label=_("Periksa pendaftar"),
            ),
            TodoCard(
                key="closing-soon",
                title=_("Pendaftaran segera ditutup"),
                icon="bi-hourglass-split",
                count=programs.closing_soon.count,
                entries=[
                    TodoEntry(
                        label=program.title,
                        detail=_("ditutup %(date)s · sisa %(seats)s kursi")
                        % {
                            "date": _day(program.registration_closes),
                            "seats": program.seats_left(),
                        },
                        url=reverse("manager:program-detail", args=[program.pk]),
                    )
                    for program in programs.closing_soon.items
                ],
                url=reverse("manager:program-list"),
                link_label=_("Lihat program"),
            ),
            TodoCard(
                key="to-close",
                title=_("Program perlu diperbarui statusnya"),
                icon="bi-flag",
                count=programs.to_close.count,
                entries=[
                    TodoEntry(
                        label=program.title,
                        detail=self.overdue_move(program),
                        url=reverse("manager:program-detail", args=[program.pk]),
                    )
                    for program in programs.to_close.items
                ],
                url=reverse("manager:program-list"),
                link_label=_("Lihat program"),
            ),
        ]
        outcome_create = reverse("manager:outcome-create")
        for months, todo in tracers.items():
            cards.append(
                TodoCard(
                    key=f"tracer-{months}",
                    title=_("Lulusan belum ditracer %(period)s")
                    % {"period": Outcome.MonthsAfter(months).label},
                    icon="bi-clipboard-data",
                    count=todo.count,
                    entries=[
                        TodoEntry(
                            label=graduate.trainee.full_name,
                            detail=_("%(program)s · lulus %(date)s")
                            % {
                                "program": graduate.program.title,
                                "date": _day(graduate.completed_on),
                            },
                            url=_with_query(
                                outcome_create, lulusan=graduate.pk, bulan=months, next=home
                            ),
                        )
                        for graduate in todo.items
                    ],
                    url=_with_query(reverse("manager:outcome-list"), untraced="on"),
                    link_label=_("Lihat semua yang belum ditracer"),
                )
            )
        pbk_list = reverse("manager:pbk-list")
        cards.append(
            TodoCard(
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
                        % {"date": _day(pbk.report_due_date)},
                        url=pbk_list,
                    )
                    for pbk in reports.items
                ],
                url=pbk_list,
                link_label=_("Unggah laporan"),
            )
        )
        return cards

    @staticmethod
    def overdue_move(program: TrainingProgram) -> str:
        if program.status == TrainingProgram.Status.OPEN:
            return _("batas pendaftaran %(date)s sudah lewat: tutup pendaftaran") % {
                "date": _day(program.registration_closes)
            }
        return _("selesai %(date)s: tandai program selesai") % {"date": _day(program.end_date)}
