import re

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from partnerships.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db

# Reference data loaded by migrations from Kemendagri's codes and the forum's fixed list.
REFERENCE_MODELS = {"Regency", "District", "Village", "PartnershipScope"}
# Counted by code from the rows that have a history; nobody edits them.
DERIVED_MODELS = {"ProgramSummary"}
# A visitor's e-mail address, deleted when they unsubscribe: a history would keep it.
FORGOTTEN_ON_REQUEST = {"ProgramAlert"}


def domain_models():
    for app_label in ("institutions", "trainings", "partnerships", "alumni"):
        for model in apps.get_app_config(app_label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


@pytest.mark.parametrize("model", list(domain_models()), ids=lambda model: model.__name__)
def test_every_model_people_edit_keeps_its_history(model):
    has_history = hasattr(model, "history")
    assert has_history == (
        model.__name__ not in REFERENCE_MODELS | DERIVED_MODELS | FORGOTTEN_ON_REQUEST
    )


def test_history_middleware_runs_after_authentication():
    middleware = settings.MIDDLEWARE
    assert middleware.index("simple_history.middleware.HistoryRequestMiddleware") > (
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    )


def test_change_in_the_admin_records_the_user_who_made_it(client, secretariat):
    partner = factories.PartnerFactory(name="PT Lama", slug="pt-lama")
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:partnerships_partner_change", args=[partner.pk]),
        {
            "name": "PT Baru",
            "slug": "pt-baru",
            "kind": Partner.Kind.COMPANY,
            "description": "",
            "website": "",
            "contact_name": "Budi",
            "contact_phone": "0813-1234-5678",
            "contact_email": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    latest = partner.history.latest()
    assert (latest.name, latest.history_type) == ("PT Baru", "~")
    assert latest.history_user == secretariat
    assert latest.contact_phone == "+6281312345678"


def test_change_outside_a_request_records_no_user():
    partner = factories.PartnerFactory()
    partner.name = "PT Ganti Nama"
    partner.save()
    assert partner.history.latest().history_user is None


def test_the_secretariat_sees_a_managers_change_in_the_admin_history(
    client, manager_world, secretariat
):
    program = manager_world.program
    client.force_login(manager_world.manager)
    client.post(
        reverse("manager:program-transition", args=[program.pk]),
        {"transition": "close_registration"},
    )
    latest = program.history.latest()
    assert latest.history_user == manager_world.manager

    client.force_login(secretariat)
    page = client.get(reverse("admin:trainings_trainingprogram_history", args=[program.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert manager_world.manager.username in content
    assert "Pendaftaran ditutup" in content


def test_the_history_page_names_who_made_each_change_by_full_name(client, secretariat):
    author = factories.SecretariatUserFactory(
        username="rina", first_name="Rina", last_name="Marlina"
    )
    client.force_login(author)
    partner = factories.PartnerFactory(name="PT Lama")
    client.post(
        reverse("admin:partnerships_partner_change", args=[partner.pk]),
        {"name": "PT Baru", "slug": partner.slug, "kind": partner.kind, "contact_name": "Budi"},
    )
    assert partner.history.latest().history_user == author
    unnamed = partner.history.earliest()
    unnamed.history_user = secretariat
    unnamed.save()

    client.force_login(secretariat)
    page = client.get(reverse("admin:partnerships_partner_history", args=[partner.pk]))

    changed_by = [
        cell.strip()
        for cell in re.findall(r'<a href="/admin/auth/user/\d+/change/">([^<]*)</a>', page.text)
    ]
    assert changed_by == ["Rina Marlina", "sekretariat"]
    assert "Perubahan" in page.text
