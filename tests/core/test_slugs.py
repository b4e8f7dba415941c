"""Shared model pieces: slugs made from names, free even when another save takes one first."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from alumni.models import Enterprise
from core.slugs import save_with_unique_slug, unique_slug
from tests import factories
from trainings.models import TrainingProgram


def test_a_taken_slug_gets_the_next_free_number(db):
    factories.EnterpriseFactory(slug="warung-bu-siti")
    factories.EnterpriseFactory(slug="warung-bu-siti-2")
    assert unique_slug(Enterprise, "Warung Bu Siti", fallback="usaha") == "warung-bu-siti-3"
    assert unique_slug(Enterprise, "!!!", fallback="usaha") == "usaha"


def test_a_program_never_takes_the_address_of_a_fixed_page_beside_it(db):
    assert unique_slug(TrainingProgram, "Kabari", fallback="program") == "kabari-2"
    typed_in_the_admin = TrainingProgram._meta.get_field("slug")
    typed_in_the_admin.run_validators("kabari-2")

    with pytest.raises(ValidationError) as refused:
        typed_in_the_admin.run_validators("kabari")

    assert refused.value.error_list[0].code == "reserved"
    assert reverse("trainings:alert") == "/pelatihan/kabari/"


def test_a_slug_taken_by_a_concurrent_save_makes_the_next_number_win(db):
    enterprise = factories.EnterpriseFactory.build(
        name="Warung Bu Siti",
        owner=factories.GraduateFactory(),
        district=factories.DistrictFactory(),
    )
    real_unique_slug = unique_slug

    def raced(model, text, *, fallback):
        slug = real_unique_slug(model, text, fallback=fallback)
        if not Enterprise.objects.filter(slug=slug).exists() and slug == "warung-bu-siti":
            # Another request saves an enterprise under the same slug between the look and the save.
            factories.EnterpriseFactory(slug=slug)
        return slug

    with mock.patch("core.slugs.unique_slug", side_effect=raced):
        save_with_unique_slug(enterprise, enterprise.name, fallback="usaha")

    assert enterprise.pk is not None
    assert enterprise.slug == "warung-bu-siti-2"


def test_any_other_integrity_error_is_not_swallowed(db):
    enterprise = factories.EnterpriseFactory.build(
        owner=factories.GraduateFactory(), district=factories.DistrictFactory()
    )
    enterprise.monthly_revenue = -1  # refused by a check constraint, not by the slug

    with pytest.raises(IntegrityError):
        save_with_unique_slug(enterprise, "Usaha Baru", fallback="usaha")
