"""Crafted keys in the admin (core.admin): a message or a form error, never a 500."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.admin import could_be_key
from institutions.models import Institution, Instructor
from tests import factories
from trainings.models import Enrollment

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_an_action_on_a_junk_selection_answers_without_error(admin_client, model):
    response = admin_client.post(
        changelist(model), {"action": "delete_selected", "index": "0", "_selected_action": "abc"}
    )

    assert response.status_code < 500


def test_an_action_on_a_junk_selection_changes_nothing_and_says_why(client, secretariat):
    enrollment = factories.EnrollmentFactory()
    client.force_login(secretariat)

    response = client.post(
        changelist(Enrollment),
        {"action": "delete_selected", "index": "0", "_selected_action": [enrollment.pk, "abc"]},
        follow=True,
    )

    assert "Pilihan baris tidak valid; tidak ada yang diubah." in response.text
    assert Enrollment.objects.filter(pk=enrollment.pk).exists()


def test_an_action_with_a_junk_index_still_asks_to_confirm(client, secretariat):
    enrollment = factories.EnrollmentFactory()
    client.force_login(secretariat)

    response = client.post(
        changelist(Enrollment),
        {"action": "delete_selected", "index": "x", "_selected_action": enrollment.pk},
    )

    assert response.status_code == 200
    assert response.context["queryset"].get() == enrollment


def inline_formset(response, model):
    formsets = response.context["inline_admin_formsets"]
    (formset,) = [inline.formset for inline in formsets if inline.formset.model is model]
    return formset


@pytest.mark.parametrize("junk", ["abc", "-1", "1.5"])
def test_junk_keys_in_autocomplete_fields_are_form_errors(client, secretariat, junk):
    client.force_login(secretariat)
    url = reverse("admin:institutions_institution_add")
    instructors = inline_formset(client.get(url), Instructor).prefix

    response = client.post(
        url,
        {
            "primary_field": junk,  # a foreign key
            "fields": [junk],  # a many-to-many
            "district": junk,
            f"{instructors}-TOTAL_FORMS": "1",
            f"{instructors}-INITIAL_FORMS": "0",
            f"{instructors}-0-full_name": "Budi",
            f"{instructors}-0-field": junk,  # an inline's
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"primary_field", "fields", "district"} <= errors.keys()
    assert "field" in inline_formset(response, Instructor).errors[0]
    assert not Institution.objects.exists()


def test_a_key_is_checked_against_its_fields_type_and_range(db):
    number_key = Enrollment._meta.pk

    assert could_be_key(number_key, "12")
    assert not could_be_key(number_key, "abc")
    assert not could_be_key(number_key, "9" * 30)


def test_an_export_filtered_on_no_field_is_a_bad_request(client, secretariat):
    client.force_login(secretariat)

    response = client.get(reverse("admin:trainings_enrollment_export"), {"nik__startswith": "1"})

    assert response.status_code == 400
