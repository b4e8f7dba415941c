"""Crafted cursors: a position that is no value of the list's ordering is an invalid cursor."""

from base64 import b64encode

import pytest

from .conftest import bearer


def cursor(query: str) -> str:
    return b64encode(query.encode()).decode()


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ("/api/v1/pelatihan/", "1"),  # ordered by start date
        ("/api/v1/desa/", "%00"),  # a NUL, refused in a string by PostgreSQL
        ("/api/v1/pendaftaran/", "%00"),  # ordered by id
        ("/api/v1/pendaftaran/", "abc"),
        ("/api/v1/peserta/", "%00"),
        ("/api/v1/peserta/", "abc"),
    ],
)
def test_a_forged_cursor_position_is_an_invalid_cursor(api_client, manager_a_key, path, position):
    response = api_client.get(path, {"kursor": cursor(f"p={position}")}, **bearer(manager_a_key))

    assert response.status_code == 404
    assert response.json()["detail"] == "Kursor tidak valid; mulailah dari halaman pertama."


def test_a_cursor_at_a_real_position_still_pages_on(api_client, manager_a_key):
    response = api_client.get(
        "/api/v1/pelatihan/", {"kursor": cursor("p=2030-01-01")}, **bearer(manager_a_key)
    )

    assert response.status_code == 200
