import pytest
from django.db import connection
from django.urls import path


def broken_view(request):
    raise RuntimeError("something broke")


urlpatterns = [path("rusak/", broken_view)]


@pytest.mark.django_db
def test_an_unknown_address_answers_an_indonesian_404_page(client, settings):
    settings.DEBUG = False

    response = client.get("/halaman-yang-tidak-ada/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Halaman tidak ditemukan</h1>" in html
    assert '<html lang="id">' in html
    assert 'href="/">Kembali ke beranda' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


@pytest.mark.django_db
def test_the_404_page_is_in_the_portal_layout_with_nothing_marked_current(client, settings):
    settings.DEBUG = False

    html = client.get("/halaman-yang-tidak-ada/").content.decode()

    assert 'id="main"' in html
    assert 'aria-label="Navigasi utama"' in html
    assert 'aria-current="page"' not in html


@pytest.mark.urls(__name__)
def test_a_server_error_answers_an_indonesian_500_page_without_the_database(
    client, settings, monkeypatch
):
    """No ``db`` fixture: pytest-django refuses every query, and the cursor is refused too."""
    settings.DEBUG = False
    client.raise_request_exception = False

    def refuse(*args, **kwargs):
        raise AssertionError("the 500 page must not need the database")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/rusak/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Terjadi gangguan di server</h1>" in html
    assert '<html lang="id">' in html
    assert "something broke" not in html
