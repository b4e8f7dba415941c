"""Every admin page the secretariat uses answers 200 with a bounded number of queries."""

import datetime
import html
import itertools
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alumni.models import CommunityGroup, Enterprise, Outcome
from api.models import ApiToken
from core import roles
from core.admin import EstimatedCountPaginator, estimated_row_count
from dashboard.models import DashboardExport
from institutions.models import (
    District,
    ForumOfficer,
    Institution,
    InstitutionManager,
    InstitutionPhoto,
    Instructor,
    InstructorCertificate,
    InstructorTraining,
    KemnakerAssistance,
    Regency,
    SecretariatContact,
    Village,
    VocationalField,
)
from partnerships.models import Contribution, Partner, Partnership, PartnershipScope
from tests import factories
from trainings.models import (
    Enrollment,
    ParticipantImport,
    PBKAssistance,
    ProgramAlert,
    ProgramSummary,
    Trainee,
    TrainingProgram,
)

serial = itertools.count(1)


def kemendagri_code(number):
    """A made-up kecamatan code, 99.xx.xx, unique for each number below 10,000."""
    return f"99.{number // 100 % 100:02d}.{number % 100:02d}"


# How to make one row of each model the secretariat manages.
ROW_MAKERS = {
    Regency: lambda: factories.RegencyFactory(code=f"{next(serial):05d}", name="Kabupaten Uji"),
    District: lambda: factories.DistrictFactory(code=kemendagri_code(next(serial))),
    Village: lambda: factories.VillageFactory(code=f"{5000 + next(serial) % 5000}"),
    VocationalField: factories.VocationalFieldFactory,
    Institution: factories.InstitutionFactory,
    InstitutionManager: lambda: InstitutionManager.objects.create(
        user=factories.UserFactory(role=roles.MANAGER), institution=factories.InstitutionFactory()
    ),
    InstitutionPhoto: factories.InstitutionPhotoFactory,
    KemnakerAssistance: factories.KemnakerAssistanceFactory,
    Instructor: factories.InstructorFactory,
    InstructorCertificate: factories.InstructorCertificateFactory,
    InstructorTraining: factories.InstructorTrainingFactory,
    ForumOfficer: factories.ForumOfficerFactory,
    SecretariatContact: SecretariatContact.load,
    PBKAssistance: factories.PBKAssistanceFactory,
    ParticipantImport: factories.ParticipantImportFactory,
    ProgramAlert: factories.ProgramAlertFactory,
    TrainingProgram: factories.TrainingProgramFactory,
    Trainee: factories.TraineeFactory,
    Enrollment: factories.EnrollmentFactory,
    Outcome: factories.OutcomeFactory,
    Enterprise: factories.EnterpriseFactory,
    CommunityGroup: factories.CommunityGroupFactory,
    Partner: factories.PartnerFactory,
    PartnershipScope: lambda: PartnershipScope.objects.create(
        code=f"lingkup-{next(serial)}", name="Lingkup uji", order=100
    ),
    Partnership: factories.PartnershipFactory,
    Contribution: factories.ContributionFactory,
    DashboardExport: lambda: DashboardExport.objects.create(
        requested_by=factories.UserFactory(role=roles.DISNAKER), format="xlsx", file_name="x.xlsx"
    ),
    ApiToken: lambda: ApiToken.objects.create_key(
        name="Token uji",
        owner=factories.UserFactory(role=roles.DISNAKER),
        access=ApiToken.Access.DISNAKER,
        expiry_date=timezone.now() + datetime.timedelta(days=30),
    )[0],
}
# Registered by Django and third-party apps; the secretariat has no permission on them.
NOT_FOR_THE_SECRETARIAT = {"auth.User", "auth.Group", "axes.AccessAttempt", "axes.AccessLog"}
NOT_FOR_THE_SECRETARIAT_APPS = {"axes", "django_celery_beat"}

# Budgets, in queries, for one page view (session, user and permissions included).
CHANGELIST_BUDGET = 14
FORM_BUDGET = 18

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
DOMAIN_MODELS = [model for model in REGISTERED if model._meta.app_label in roles.DOMAIN_APPS]
# One row, which the admin opens from its list and never adds: tested on their own below.
SINGLETON_MODELS = [SecretariatContact]
LISTED_MODELS = [model for model in DOMAIN_MODELS if model not in SINGLETON_MODELS]


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def count_queries(client, url):
    """Queries of one GET of ``url``, once process-wide caches (content types) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    print("QCOUNT", len(queries), url)
    return len(queries)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_registered_model_has_an_expectation(model):
    label = model._meta.label
    assert (
        model in ROW_MAKERS
        or label in NOT_FOR_THE_SECRETARIAT
        or model._meta.app_label in NOT_FOR_THE_SECRETARIAT_APPS
    ), f"{label} is registered in the admin but this test does not say what to expect of it"


# Counted by code from other rows and rebuilt at will: nobody edits them, in the admin or not.
DERIVED_MODELS = {ProgramSummary}


def test_every_domain_model_is_registered():
    from django.apps import apps

    concrete = {
        model
        for app in roles.DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model not in DERIVED_MODELS
    }
    assert concrete == set(DOMAIN_MODELS)


@pytest.mark.parametrize("model", LISTED_MODELS, ids=lambda model: model._meta.label)
def test_changelist_query_count_does_not_grow_with_rows(client, secretariat, model):
    client.force_login(secretariat)
    for _ in range(3):
        ROW_MAKERS[model]()
    few = count_queries(client, admin_url(model, "changelist"))
    for _ in range(27):
        ROW_MAKERS[model]()

    many = count_queries(client, admin_url(model, "changelist"))

    assert many == few
    assert many <= CHANGELIST_BUDGET


# Made by the portal and its tasks only: the admin shows them and changes nothing.
READ_ONLY_MODELS = [ParticipantImport, ProgramAlert]


@pytest.mark.parametrize(
    "model",
    [model for model in LISTED_MODELS if model not in READ_ONLY_MODELS],
    ids=lambda model: model._meta.label,
)
def test_add_page_renders_within_budget(client, secretariat, model):
    client.force_login(secretariat)

    assert count_queries(client, admin_url(model, "add")) <= FORM_BUDGET


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=lambda model: model._meta.label)
def test_read_only_models_cannot_be_added_or_changed_in_the_admin(client, secretariat, model):
    client.force_login(secretariat)
    row = ROW_MAKERS[model]()

    assert client.get(admin_url(model, "add")).status_code == 403
    assert client.post(admin_url(model, "change", row.pk), {}).status_code == 403


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda model: model._meta.label)
def test_change_and_history_pages_render_within_budget(client, secretariat, model):
    client.force_login(secretariat)
    row = ROW_MAKERS[model]()

    assert count_queries(client, admin_url(model, "change", row.pk)) <= FORM_BUDGET
    assert count_queries(client, admin_url(model, "history", row.pk)) <= FORM_BUDGET


IMPORT_EXPORT_MODELS = [Institution, TrainingProgram, Trainee, Enrollment, Enterprise]


@pytest.mark.parametrize("model", IMPORT_EXPORT_MODELS, ids=lambda model: model._meta.label)
@pytest.mark.parametrize("file_format", ["0", "1"], ids=["csv", "xlsx"])
def test_export_query_count_does_not_grow_with_rows(client, secretariat, model, file_format):
    client.force_login(secretariat)
    url = admin_url(model, "export")

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {"format": file_format, "resource": "0"})
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        return len(queries)

    for _ in range(3):
        ROW_MAKERS[model]()
    few = export_queries()
    for _ in range(27):
        ROW_MAKERS[model]()

    assert export_queries() == few


def _institution_with(rows):
    institution = factories.InstitutionFactory()
    for _ in range(rows):
        factories.InstructorFactory(institution=institution)
        InstitutionManager.objects.create(
            user=factories.UserFactory(role=roles.MANAGER), institution=institution
        )
    return institution


def _instructor_with(rows):
    instructor = factories.InstructorFactory()
    factories.InstructorCertificateFactory.create_batch(rows, instructor=instructor)
    factories.InstructorTrainingFactory.create_batch(rows, instructor=instructor)
    return instructor


def _program_with(rows):
    program = factories.TrainingProgramFactory(quota=rows)
    factories.EnrollmentFactory.create_batch(rows, program=program)
    return program


def _partnership_with(rows):
    partnership = factories.PartnershipFactory()
    factories.ContributionFactory.create_batch(rows, partnership=partnership)
    return partnership


@pytest.mark.parametrize(
    "make_parent", [_institution_with, _instructor_with, _program_with, _partnership_with]
)
def test_inline_rows_cost_no_query_each(client, secretariat, make_parent):
    client.force_login(secretariat)
    one, many = make_parent(1), make_parent(12)
    model = type(one)

    assert count_queries(client, admin_url(model, "change", one.pk)) == count_queries(
        client, admin_url(model, "change", many.pk)
    )


def test_admin_is_titled_for_the_forum(client, secretariat):
    client.force_login(secretariat)

    html = client.get(reverse("admin:index")).content.decode()

    assert "Administrasi FK-BLKK Kabupaten Tangerang" in html
    assert "Sekretariat forum" in html


@pytest.mark.parametrize("role", ["disnaker", "manager_a"])
def test_users_who_are_not_staff_cannot_reach_the_admin(client, db, request, role):
    client.force_login(request.getfixturevalue(role))

    for url in [reverse("admin:index"), admin_url(Trainee, "changelist")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "label", sorted(NOT_FOR_THE_SECRETARIAT & {m._meta.label for m in REGISTERED})
)
def test_the_secretariat_cannot_manage_accounts(client, secretariat, label):
    client.force_login(secretariat)
    model = next(model for model in REGISTERED if model._meta.label == label)

    assert client.get(admin_url(model, "changelist")).status_code == 403


def test_staff_who_may_only_view_can_export_but_not_import(client, db):
    viewer = factories.SecretariatUserFactory(username="pemantau", role=roles.DISNAKER)
    client.force_login(viewer)

    changelist = client.get(admin_url(Trainee, "changelist")).content.decode()
    assert admin_url(Trainee, "export") in changelist
    assert admin_url(Trainee, "import") not in changelist
    assert client.get(admin_url(Trainee, "import")).status_code == 403
    assert client.get(admin_url(Trainee, "export")).status_code == 200


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_admin_pages_run_no_script_that_the_policy_blocks(client, secretariat):
    client.force_login(secretariat)
    program = _program_with(2)
    institution = _institution_with(2)
    urls = [
        admin_url(TrainingProgram, "changelist"),
        admin_url(TrainingProgram, "change", program.pk),
        admin_url(TrainingProgram, "history", program.pk),
        admin_url(Institution, "change", institution.pk),
        admin_url(Enrollment, "add"),
        admin_url(Trainee, "import"),
        admin_url(Trainee, "export"),
    ]
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert "script-src 'self'" in response["Content-Security-Policy"], url
        assert not INLINE_SCRIPT.findall(html), url
        assert not EVENT_HANDLER_ATTRIBUTE.findall(html), url


def test_paginator_counts_exactly_what_the_database_cannot_estimate(db):
    factories.TraineeFactory.create_batch(3)
    paginator = EstimatedCountPaginator(Trainee.objects.filter(gender="P"), 2)

    assert estimated_row_count(Trainee.objects.filter(gender="P")) is None
    assert paginator.count == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_big_unfiltered_changelist_is_counted_from_statistics(client, secretariat, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_COUNT_LIMIT", 5)
    factories.TraineeFactory.create_batch(12)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE trainings_trainee")
    client.force_login(secretariat)

    def count_queries_of(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return response, [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]

    unfiltered, unfiltered_counts = count_queries_of(admin_url(Trainee, "changelist"))
    _filtered, filtered_counts = count_queries_of(
        admin_url(Trainee, "changelist") + "?gender__exact=P"
    )

    assert not unfiltered_counts
    assert "12 peserta" in unfiltered.content.decode()
    assert filtered_counts


def test_history_reads_as_the_secretariat_reads_the_record(client, secretariat):
    program = factories.TrainingProgramFactory(status=TrainingProgram.Status.RUNNING)
    enrollment = factories.EnrollmentFactory(program=program, status=Enrollment.Status.APPLIED)
    enrollment.status, enrollment.note = Enrollment.Status.ACCEPTED, "Lolos seleksi"
    enrollment.save()
    client.force_login(secretariat)

    page = client.get(admin_url(Enrollment, "history", enrollment.pk)).content.decode()

    changes = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split())
        for item in re.findall(r"<li>\s*<strong>.*?</li>", page, re.S)
    ]
    assert "Status: Mendaftar → Diterima" in changes
    assert "Catatan: — → Lolos seleksi" in changes
    assert "Perubahan" in page
    assert "None" not in " ".join(changes)


def test_admin_home_lists_the_forums_records_before_the_technical_tables(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()

    heading = page.index('id="technical-tables"')
    for forum_app in ["institutions", "trainings", "alumni", "partnerships", "dashboard"]:
        assert page.index(f'class="app-{forum_app} ') < heading, forum_app
    for technical_app in ["auth", "axes", "api"]:
        assert page.index(f'class="app-{technical_app} ') > heading, technical_app


def test_changelists_have_the_page_width_without_the_model_menu(client, secretariat):
    client.force_login(secretariat)

    page = client.get(admin_url(Enrollment, "changelist")).content.decode()

    assert 'id="nav-sidebar"' not in page
    assert 'id="changelist-filter"' in page


def test_admin_home_counts_what_waits_and_each_link_lists_exactly_those_rows(
    client, secretariat, django_assert_max_num_queries
):
    today = timezone.localdate()
    factories.PBKAssistanceFactory(report_due_date=today - datetime.timedelta(days=3))
    factories.PBKAssistanceFactory(report_due_date=today + datetime.timedelta(days=10))
    waiting = factories.EnrollmentFactory(status=Enrollment.Status.APPLIED)
    Enrollment.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=20)
    )
    factories.EnrollmentFactory(status=Enrollment.Status.APPLIED)
    factories.PartnershipFactory(
        start_date=today - datetime.timedelta(days=100),
        end_date=today + datetime.timedelta(days=30),
    )
    stale = factories.InstitutionFactory()
    Institution.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=90)
    )
    factories.ParticipantImportFactory(status=ParticipantImport.Status.FAILED)
    DashboardExport.objects.create(
        requested_by=factories.UserFactory(role=roles.DISNAKER),
        format="xlsx",
        file_name="x.xlsx",
        status=DashboardExport.Status.FAILED,
    )
    client.force_login(secretariat)

    with django_assert_max_num_queries(30):
        response = client.get(reverse("admin:index"))

    page = response.content.decode()
    expected = {
        "pbk-terlambat": 1,
        "pbk-segera": 1,
        "pendaftar-menunggu": 1,
        "kemitraan-berakhir": 1,
        "blkk-lama": 1,
        "impor-gagal": 1,
        "ekspor-gagal": 1,
    }
    for key, count in expected.items():
        row = re.search(rf'<tr id="perhatian-{key}">(.*?)</tr>', page, re.S).group(1)
        url = html.unescape(re.search(r'href="([^"]+)"', row).group(1))
        assert re.search(rf"<strong>{count}</strong>", row), key
        listed = client.get(url)
        assert listed.status_code == 200, key
        assert listed.context["cl"].result_count == count, key
