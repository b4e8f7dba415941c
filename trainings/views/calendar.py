"""The "add to calendar" file of a program: its registration deadline and its training period."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.icalendar import AllDayEvent, calendar_file

from ..models import TrainingProgram


def program_events(program: TrainingProgram, program_url: str) -> list[AllDayEvent]:
    """Two all-day events. Their UIDs depend on the program alone, so a calendar that
    imports the file again after a change of dates moves the events instead of adding more."""
    domain = urlsplit(settings.PORTAL_BASE_URL).hostname
    institution = program.institution
    # The manager's own wording of the place is whole; the BLKK's address needs its kecamatan.
    place = program.location or ", ".join(
        [institution.address, _("Kec. %(district)s") % {"district": institution.district.name}]
    )
    names = {"title": program.title, "institution": institution.name}
    return [
        AllDayEvent(
            uid=f"program-{program.pk}-registration@{domain}",
            summary=_("Batas pendaftaran: %(title)s") % names,
            first_day=program.registration_closes,
            last_day=program.registration_closes,
            description=_("Hari terakhir mendaftar %(title)s di %(institution)s.") % names,
            url=program_url,
        ),
        AllDayEvent(
            uid=f"program-{program.pk}-training@{domain}",
            summary=_("Pelatihan %(title)s, %(institution)s") % names,
            first_day=program.start_date,
            last_day=program.end_date,
            location=place,
            description=program_url,
            url=program_url,
        ),
    ]


def program_calendar(request, slug: str) -> HttpResponse:
    program = get_object_or_404(
        TrainingProgram.objects.public().select_related("institution__district"), slug=slug
    )
    program_url = request.build_absolute_uri(program.get_absolute_url())
    body = calendar_file(
        program_events(program, program_url), stamp=program.updated_at, name=program.title
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}.ics"'
    return response
