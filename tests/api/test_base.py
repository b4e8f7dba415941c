"""What every API answer shares: validators and conditional GET, caching headers, pages with a
Link header, CSV, the throttle."""

import datetime
import email.utils

import pytest
from django.utils import timezone

from api.freshness import data_changed_at
from api.renderers import CsvRenderer
from institutions.models import Institution
from tests import factories

from .conftest import bearer

URL = "/api/v1/kecamatan/"

pytestmark = pytest.mark.django_db


def test_an_answer_carries_an_etag_and_last_modified(api_client):
    response = api_client.get(URL)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert email.utils.parsedate_to_datetime(response["Last-Modified"]) <= timezone.now()


def test_a_matching_etag_gets_304_without_a_body(api_client):
    etag = api_client.get(URL)["ETag"]

    response = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_an_unchanged_copy_since_last_modified_gets_304(api_client):
    last_modified = api_client.get(URL)["Last-Modified"]

    assert api_client.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_write_to_the_data_makes_the_copy_stale(api_client, monkeypatch):
    first = api_client.get(URL)
    an_hour_later = timezone.now() + datetime.timedelta(hours=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: an_hour_later)

    factories.InstitutionFactory()
    response = api_client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert response.status_code == 200
    assert email.utils.parsedate_to_datetime(response["Last-Modified"]) > (
        email.utils.parsedate_to_datetime(first["Last-Modified"])
    )


def test_the_stamp_moves_on_every_domain_write_and_never_lags_today():
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    assert data_changed_at() >= today

    institution = factories.InstitutionFactory()
    before = data_changed_at()
    Institution.objects.filter(pk=institution.pk).update(name="Tanpa sinyal")
    assert data_changed_at() == before  # a bulk update sends no signal...
    institution.delete()
    assert data_changed_at() >= before  # ...a delete does


def test_an_etag_changes_with_the_format(api_client):
    assert api_client.get(URL)["ETag"] != api_client.get(URL, {"format": "csv"})["ETag"]


def test_answers_vary_with_token_format_and_language(api_client):
    vary = {part.strip() for part in api_client.get(URL)["Vary"].split(",")}

    assert {"Authorization", "Accept", "Accept-Language"} <= vary


def test_an_anonymous_answer_may_be_cached_publicly_but_revalidated(api_client):
    cache_control = api_client.get(URL)["Cache-Control"]

    assert "public" in cache_control
    assert "no-cache" in cache_control


def test_an_answer_to_a_token_is_private_and_never_stored(api_client, disnaker_key):
    cache_control = api_client.get(URL, **bearer(disnaker_key))["Cache-Control"]

    assert "private" in cache_control and "no-store" in cache_control
    assert "public" not in cache_control


def test_pages_link_to_the_next_and_previous_page(api_client):
    first = api_client.get(URL, {"per_halaman": 10})
    second = api_client.get(first.json()["next"])

    assert first["Link"] == f'<{first.json()["next"]}>; rel="next"'
    assert 'rel="next"' in second["Link"]
    assert 'rel="prev"' in second["Link"]
    assert "Link" not in api_client.get(URL, {"per_halaman": 100})


def test_a_page_that_does_not_exist_is_404(api_client):
    assert api_client.get(URL, {"halaman": 99}).status_code == 404


def test_a_cursor_page_links_with_a_cursor(api_client):
    response = api_client.get("/api/v1/desa/", {"per_halaman": 5})

    assert "kursor=" in response["Link"]
    assert len(response.json()["results"]) == 5


def test_writing_is_not_allowed(api_client):
    assert api_client.post(URL, {"code": "36.03.99", "name": "Baru"}).status_code == 405
    assert api_client.delete(f"{URL}36.03.01/").status_code == 405


# CSV -------------------------------------------------------------------------------------


def test_a_list_comes_as_csv_with_columns_in_the_serializer_order(api_client):
    response = api_client.get(URL, {"format": "csv"})
    lines = response.content.decode().splitlines()

    assert response["Content-Type"].startswith("text/csv")
    assert lines[0] == "code,name,regency"
    assert lines[1] == "36.03.01,Balaraja,36.03"
    assert len(lines) == 1 + 29


def test_csv_is_also_chosen_by_the_accept_header(api_client):
    response = api_client.get(URL, HTTP_ACCEPT="text/csv")

    assert response["Content-Type"].startswith("text/csv")


def test_a_csv_cell_that_looks_like_a_formula_stays_text():
    rows = [{"name": '=HYPERLINK("http://x")', "note": "+62 21", "count": -3}]

    text = CsvRenderer().render(rows).decode()

    assert text.splitlines() == ["name,note,count", """"'=HYPERLINK(""http://x"")",'+62 21,-3"""]


def test_nested_fields_become_dotted_columns():
    rows = [{"code": "1", "district": {"code": "2", "name": "Kresek"}}]

    text = CsvRenderer().render({"results": rows}).decode()

    assert text.splitlines()[0] == "code,district.code,district.name"


# The throttle ----------------------------------------------------------------------------


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonim": "3/minute", "token": "5/minute"},
    }


def test_anonymous_readers_are_throttled_per_ip_address(api_client, low_rates):
    answers = [api_client.get(URL, REMOTE_ADDR="10.0.0.1").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert api_client.get(URL, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(api_client, low_rates):
    answers = [
        api_client.get(URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(4)
    ]

    assert answers[-1].status_code == 429
    assert int(answers[-1]["Retry-After"]) > 0


def test_token_holders_are_throttled_per_owner_with_their_own_rate(
    api_client, low_rates, disnaker_key
):
    answers = [
        api_client.get(URL, REMOTE_ADDR=f"10.0.1.{n}", **bearer(disnaker_key)).status_code
        for n in range(6)
    ]

    assert answers == [200] * 5 + [429]


def test_the_throttle_window_passes(api_client, low_rates, monkeypatch):
    for _ in range(3):
        api_client.get(URL)
    assert api_client.get(URL).status_code == 429

    later = timezone.now() + datetime.timedelta(minutes=2)
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.timer", later.timestamp)

    assert api_client.get(URL).status_code == 200


# Language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "message"),
    [
        ("", "Token tidak dikenal, sudah dicabut, atau sudah kedaluwarsa."),
        ("en", "The token is unknown, revoked or expired."),
        ("en-GB,en;q=0.9", "The token is unknown, revoked or expired."),
        ("fr", "Token tidak dikenal, sudah dicabut, atau sudah kedaluwarsa."),
    ],
)
def test_the_api_answers_in_the_language_the_client_accepts(api_client, accept_language, message):
    response = api_client.get(
        URL, HTTP_ACCEPT_LANGUAGE=accept_language, HTTP_AUTHORIZATION="Bearer salah.kunci"
    )

    assert response.json()["detail"] == message


def test_the_site_itself_still_ignores_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="id"' in response.text


@pytest.mark.parametrize(
    ("request_kwargs", "status", "message"),
    [
        ({"path": URL, "data": {"halaman": 99}}, 404, "Halaman tidak ada."),
        ({"path": "/api/v1/desa/", "data": {"kursor": "x"}}, 404, "Kursor tidak valid"),
        ({"path": URL, "method": "post"}, 405, "Metode POST tidak diizinkan"),
    ],
)
def test_errors_of_the_api_machinery_read_in_indonesian(
    api_client, request_kwargs, status, message
):
    method = getattr(api_client, request_kwargs.pop("method", "get"))

    response = method(**request_kwargs)

    assert response.status_code == status
    assert response.json()["detail"].startswith(message)


def test_a_throttled_reader_is_told_when_to_come_back_in_their_language(api_client, low_rates):
    for _ in range(3):
        api_client.get(URL)

    indonesian = api_client.get(URL).json()["detail"]
    english = api_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]

    assert indonesian.startswith("Terlalu banyak permintaan; coba lagi dalam ")
    assert english.startswith("Too many requests; try again in ")
