import pytest
from django.conf import settings
from django.urls import reverse

from fkblkk.middleware import StripNulMiddleware
from tests import factories


@pytest.mark.django_db
def test_pages_are_indonesian_whatever_the_browser_prefers(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "id"
    assert "Nama pengguna" in response.content.decode()


@pytest.mark.django_db
def test_the_language_cookie_chooses_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/admin/login/")

    assert response.headers["Content-Language"] == "en"
    assert "Username" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_indonesian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    response = client.get("/admin/login/")

    assert response.headers["Content-Language"] == "id"


# Beat without a broker ------------------------------------------------------------------------


@pytest.fixture
def due_decision(db):
    """An applicant rejected eleven minutes ago, the undo window passed, not yet e-mailed."""
    from datetime import timedelta

    from django.utils import timezone

    from tests import factories

    enrollment = factories.EnrollmentFactory(status="ditolak", trainee__email="a@example.test")
    enrollment.__class__.objects.filter(pk=enrollment.pk).update(
        decision_mail_due_at=timezone.now() - timedelta(minutes=1)
    )
    return enrollment


@pytest.mark.usefixtures("empty_cache")
def test_a_development_server_without_broker_runs_the_every_minute_tasks(
    client, settings, due_decision, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker, as with nothing set (CI has Redis)

    with django_capture_on_commit_callbacks(execute=True):
        client.get("/healthz")

    assert [message.to for message in mailoutbox] == [["a@example.test"]]
    due_decision.refresh_from_db()
    assert due_decision.decision_mail_due_at is None
    client.get("/healthz")  # within the same minute: no second round
    assert len(mailoutbox) == 1


@pytest.mark.usefixtures("empty_cache")
def test_production_and_tests_leave_the_every_minute_tasks_to_beat(
    client, settings, due_decision, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DEBUG = False

    with django_capture_on_commit_callbacks(execute=True):
        client.get("/healthz")

    assert mailoutbox == []


# NUL in input -----------------------------------------------------------------------------


def test_nul_is_taken_out_of_query_and_form_values_and_names(rf):
    strip_nul = StripNulMiddleware(lambda request: request)

    request = strip_nul(rf.post("/?q=Sit%00i&urut%00=baru", {"nama": "Ra\x00tna"}))

    assert request.GET.dict() == {"q": "Siti", "urut": "baru"}
    assert request.POST.dict() == {"nama": "Ratna"}


def test_nul_is_taken_out_of_a_multipart_form(rf):
    request = rf.post("/", {"nama": "Ra\x00tna"})  # the test client posts multipart by default

    assert StripNulMiddleware(lambda request: request)(request).POST["nama"] == "Ratna"


# Searches with a NUL find what they would without it: PostgreSQL refused them as a 500, and
# SQLite reads a text only up to its NUL (so a search starting with one found every row).
def test_a_manager_search_with_a_nul_finds_the_trainee(client, manager_world):
    trainee = manager_world.trainee
    client.force_login(manager_world.manager)

    response = client.get(reverse("manager:trainee-list"), {"q": f"\x00{trainee.full_name}"})

    assert list(response.context["trainees"]) == [trainee]


def test_a_catalogue_search_with_a_nul_finds_the_program(client, db):
    program = factories.TrainingProgramFactory(title="Barista Kopi Nusantara")
    factories.TrainingProgramFactory(title="Las Listrik")

    response = client.get(reverse("trainings:program-list"), {"q": "\x00Barista"})

    assert list(response.context["page"].object_list) == [program]


def test_an_admin_search_with_a_nul_finds_the_trainee(client, secretariat):
    trainee = factories.TraineeFactory(full_name="Ratna Sari")
    factories.TraineeFactory(full_name="Dewi Lestari")
    client.force_login(secretariat)

    response = client.get(reverse("admin:trainings_trainee_changelist"), {"q": "\x00Ratna"})

    assert list(response.context["cl"].result_list) == [trainee]
