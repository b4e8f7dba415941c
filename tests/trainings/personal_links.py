"""The applicant's personal link, as the tests read it back."""

from django.urls import resolve

from trainings import status_links
from trainings.models import Enrollment


def application_opened_by(path: str) -> Enrollment:
    """The application a personal link opens. Links made a second apart differ (the token
    is timestamped), so a test compares what they open, not their text."""
    match = resolve(path)
    assert match.view_name == "applications:status"
    return status_links.enrollment_for_token(match.kwargs["token"])
