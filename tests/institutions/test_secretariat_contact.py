"""The secretariat's contact: one row, kept by the secretariat in the admin, read from the cache
by every public page."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse

from institutions import selectors
from institutions.context_processors import secretariat
from institutions.models import District, SecretariatContact
from institutions.regions import KABUPATEN_TANGERANG_CODE
from tests.assertions import clean_errors

pytestmark = pytest.mark.django_db

CHANGE_URL = reverse("admin:institutions_secretariatcontact_change", args=[1])


def tigaraksa():
    return District.objects.get(regency__code=KABUPATEN_TANGERANG_CODE, name="Tigaraksa")


def test_the_migration_leaves_one_blank_row_that_load_returns():
    contact = SecretariatContact.load()

    assert SecretariatContact.objects.count() == 1
    assert contact.pk == 1
    assert contact.is_empty


def test_load_makes_the_row_again_if_it_went_missing():
    SecretariatContact.objects.all().delete()

    assert SecretariatContact.load().pk == SecretariatContact.load().pk == 1
    assert SecretariatContact.objects.count() == 1


def test_the_database_refuses_a_second_row():
    SecretariatContact.load()

    with pytest.raises(IntegrityError), transaction.atomic():
        SecretariatContact.objects.create(address="Sekretariat kedua")
    assert SecretariatContact.objects.count() == 1


def test_validation_refuses_a_second_row():
    errors = clean_errors(SecretariatContact(pk=2, address="Sekretariat kedua"))

    assert "Kontak sekretariat hanya ada satu." in errors["__all__"]


@pytest.mark.parametrize(
    "phone", ["(021) 5991234", "021-599-1234", "0812-3456-7890", "+62215991234"]
)
def test_phone_takes_office_lines_and_mobile_numbers_as_written(phone):
    contact = SecretariatContact.load()
    contact.phone = phone

    contact.full_clean()
    assert contact.phone == phone


@pytest.mark.parametrize("phone", ["12345", "halo", "0021 5991234", "+1 202 555 0100"])
def test_phone_refuses_what_is_not_an_indonesian_number(phone):
    contact = SecretariatContact.load()
    contact.phone = phone

    assert clean_errors(contact)["phone"] == [
        "Nomor telepon tidak valid. Tulis nomor Indonesia dengan kode wilayah, misalnya "
        "(021) 5991234 atau 0812-3456-7890."
    ]


def test_whatsapp_is_a_mobile_number_stored_as_plus_62():
    contact = SecretariatContact.load()
    contact.whatsapp = "0812-3456-7890"
    contact.full_clean()
    assert contact.whatsapp == "+6281234567890"

    contact.whatsapp = "021 5991234"
    assert "whatsapp" in clean_errors(contact)


def test_coordinates_come_together_and_lie_in_the_kecamatan():
    contact = SecretariatContact.load()
    contact.latitude = Decimal("-6.26")
    assert "Isi lintang dan bujur bersama" in str(clean_errors(contact))

    contact.district = tigaraksa()
    contact.longitude = Decimal("106.70")  # east of Tigaraksa, towards Kota Tangerang
    assert "di luar Kecamatan Tigaraksa" in str(clean_errors(contact))

    contact.latitude, contact.longitude = Decimal("-6.265"), Decimal("106.47")
    contact.full_clean()


# The cache -----------------------------------------------------------------------------


def test_a_warm_cache_answers_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.secretariat_contact()

    with django_assert_num_queries(0):
        assert selectors.secretariat_contact().pk == 1


def test_saving_the_contact_forgets_the_cached_one(django_assert_num_queries):
    selectors.secretariat_contact()
    contact = SecretariatContact.load()
    contact.email = "sekretariat@fkblkk.test"
    contact.save()

    with django_assert_num_queries(1):
        assert selectors.secretariat_contact().email == "sekretariat@fkblkk.test"


def test_the_context_processor_reads_only_when_a_template_asks(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        context = secretariat(request)
    with django_assert_num_queries(1):
        assert context["secretariat_contact"].pk == 1
    with django_assert_num_queries(0):
        assert secretariat(request)["secretariat_contact"].is_empty


# The admin -----------------------------------------------------------------------------


def admin_form(**fields):
    return {
        "address": "",
        "district": "",
        "office_hours": "",
        "phone": "",
        "whatsapp": "",
        "email": "",
        "latitude": "",
        "longitude": "",
        **fields,
    }


def test_the_secretariat_edits_the_contact_in_the_admin(client, secretariat):
    client.force_login(secretariat)

    page = client.get(CHANGE_URL)
    assert page.status_code == 200
    assert "Kontak sekretariat" in page.content.decode()
    response = client.post(
        CHANGE_URL,
        admin_form(
            address="Jl. Aria Jaya Santika No. 1",
            district=tigaraksa().pk,
            phone="(021) 5991234",
            whatsapp="0812-3456-7890",
            email="sekretariat@fkblkk.test",
        ),
    )

    assert response.status_code == 302
    contact = selectors.secretariat_contact()
    assert contact.address == "Jl. Aria Jaya Santika No. 1"
    assert contact.whatsapp == "+6281234567890"
    assert contact.history.count() == 1


def test_a_wrong_number_in_the_admin_is_explained_in_indonesian(client, secretariat):
    client.force_login(secretariat)

    response = client.post(CHANGE_URL, admin_form(phone="12345"))

    assert response.status_code == 200
    assert "Nomor telepon tidak valid" in response.content.decode()


def test_the_admin_offers_only_the_regencys_kecamatan(client, secretariat):
    client.force_login(secretariat)

    choices = client.get(CHANGE_URL).context["adminform"].form.fields["district"].queryset

    assert choices.count() == 29


def test_the_list_opens_the_one_row_and_nothing_adds_or_deletes_it(client, secretariat):
    client.force_login(secretariat)
    base = "admin:institutions_secretariatcontact"

    assert client.get(reverse(f"{base}_changelist")).url == CHANGE_URL
    assert client.get(reverse(f"{base}_add")).status_code == 403
    assert client.post(reverse(f"{base}_delete", args=[1]), {"post": "yes"}).status_code == 403
    assert SecretariatContact.objects.count() == 1


@pytest.mark.parametrize("who", ["disnaker", "manager_a"])
def test_nobody_but_the_secretariat_opens_it(client, request, who):
    client.force_login(request.getfixturevalue(who))

    for response in (
        client.get(CHANGE_URL),
        client.post(CHANGE_URL, admin_form(email="x@fkblkk.test")),
    ):
        # Neither is staff: the admin sends them to its own sign-in.
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    assert SecretariatContact.load().email == ""


def test_staff_without_the_secretariat_role_is_refused(client, disnaker):
    disnaker.is_staff = True
    disnaker.save()
    client.force_login(disnaker)

    assert client.get(CHANGE_URL).status_code == 403
