"""The BLKK's profile in the manager portal: what its manager keeps, its logo and its photos."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from institutions.models import Institution, InstitutionPhoto, Village
from tests import factories
from tests.institutions.manager_pages import png_upload

PROFILE = reverse("manager:institution-update")
PHOTO_CREATE = reverse("manager:institution-photo-create")


@pytest.fixture
def manager_client(client, manager_a, institution_a):
    client.force_login(manager_a)
    return client


def profile_data(**changes) -> dict:
    return {"address": "Jl. Raya Serang Km 20", **changes}


def test_profile_shows_what_the_secretariat_decides_read_only(manager_client, institution_a):
    response = manager_client.get(PROFILE)

    assert response.status_code == 200
    page = response.content.decode()
    assert institution_a.host_name in page
    assert institution_a.primary_field.name in page
    assert "Hubungi sekretariat" in page
    assert reverse("institutions:institution-detail", args=[institution_a.slug]) in page
    form = response.context["form"]
    decided_by_the_secretariat = [
        "name",
        "slug",
        "host_type",
        "host_name",
        "host_legal_form",
        "kemnaker_class",
        "year_built",
    ]
    for decided in decided_by_the_secretariat:
        assert decided not in form.fields
    for decided in ["primary_field", "district", "is_active", "is_published"]:
        assert decided not in form.fields
        assert f'name="{decided}"' not in page


def test_profile_says_whether_the_hosts_legal_form_is_recorded(manager_client, institution_a):
    assert "Bentuk hukum lembaga pengelola" in manager_client.get(PROFILE).content.decode()
    assert "belum dicatat" in manager_client.get(PROFILE).content.decode()

    Institution.objects.filter(pk=institution_a.pk).update(
        host_legal_form=Institution.LegalForm.PERKUMPULAN
    )

    page = manager_client.get(PROFILE).content.decode()
    assert "Perkumpulan" in page
    assert "belum dicatat" not in page


def test_coordinates_outside_the_kecamatan_are_refused_in_indonesian(manager_client, institution_a):
    balaraja = factories.DistrictFactory(code="36.03.01")
    Institution.objects.filter(pk=institution_a.pk).update(district=balaraja, latitude=None)

    # Lintang and bujur swapped, and a point in Kosambi, far east of Balaraja.
    for latitude, longitude in [("106.450000", "-6.195432"), ("-6.080000", "106.690000")]:
        response = manager_client.post(
            PROFILE, profile_data(latitude=latitude, longitude=longitude)
        )
        assert response.status_code == 200
        assert "berada di luar Kecamatan Balaraja" in response.content.decode()
    institution_a.refresh_from_db()
    assert institution_a.latitude is None


def test_unpublished_blkk_has_no_public_profile_link(manager_client, institution_a):
    Institution.objects.filter(pk=institution_a.pk).update(is_published=False)
    page = manager_client.get(PROFILE).content.decode()
    assert "tidak tampil di situs publik" in page
    assert reverse("institutions:institution-detail", args=[institution_a.slug]) not in page


def test_profile_saves_what_the_manager_keeps(manager_client, institution_a):
    # -6.195432, 106.45 lies in Balaraja.
    balaraja = factories.DistrictFactory(code="36.03.01")
    Institution.objects.filter(pk=institution_a.pk).update(district=balaraja)
    village = factories.VillageFactory(district=balaraja)
    extra_field = factories.VocationalFieldFactory(name="Tata Boga")

    response = manager_client.post(
        PROFILE,
        profile_data(
            village=village.pk,
            latitude="-6.195432",
            longitude="106.450000",
            public_phone="0812 9999 8888",
            public_email="info@blkk.example.test",
            website="blkk-al-hidayah.example.test",
            description="BLKK di lingkungan pesantren.",
            facilities="Bengkel jahit 20 mesin.",
            fields=[extra_field.pk],
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    institution_a.refresh_from_db()
    assert institution_a.address == "Jl. Raya Serang Km 20"
    assert institution_a.village == village
    assert str(institution_a.latitude) == "-6.195432"
    assert institution_a.public_phone == "+6281299998888"
    assert institution_a.website == "https://blkk-al-hidayah.example.test"
    assert list(institution_a.fields.all()) == [extra_field]
    assert "Profil BLKK disimpan." in manager_client.get(PROFILE).content.decode()


def test_posting_what_the_secretariat_decides_changes_nothing(
    manager_client, institution_a, institution_b
):
    before = Institution.objects.values().get(pk=institution_a.pk)

    response = manager_client.post(
        PROFILE,
        profile_data(
            public_phone=institution_a.public_phone,
            name="BLKK Ganti Nama",
            slug="ganti",
            is_published="",
            is_active="",
            district=institution_b.district_id,
            kemnaker_class=Institution.KemnakerClass.INDEPENDENT,
            primary_field=institution_b.primary_field_id,
            year_built=2001,
        ),
    )

    assert response.status_code == 302
    after = Institution.objects.values().get(pk=institution_a.pk)
    changed = {key for key in before if before[key] != after[key]}
    assert changed <= {"address", "updated_at"}


def test_village_must_lie_in_the_blkks_kecamatan(manager_client, institution_a):
    elsewhere = Village.objects.exclude(district=institution_a.district).first()

    response = manager_client.post(PROFILE, profile_data(village=elsewhere.pk))

    assert response.status_code == 200
    assert response.context["form"].errors["village"]
    assert not response.context["form"].fields["village"].queryset.filter(pk=elsewhere.pk)
    institution_a.refresh_from_db()
    assert institution_a.village is None


def test_primary_field_is_not_offered_again_among_the_other_kejuruan(manager_client, institution_a):
    offered = manager_client.get(PROFILE).context["form"].fields["fields"].queryset
    assert not offered.filter(pk=institution_a.primary_field_id).exists()


def test_a_fitting_logo_is_saved(manager_client, institution_a):
    response = manager_client.post(PROFILE, profile_data(logo=png_upload(300, 300, "logo.png")))
    assert response.status_code == 302
    institution_a.refresh_from_db()
    assert institution_a.logo.name.startswith("institutions/logos/logo")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: png_upload(100, 100, "logo.png"),
            "Ukuran gambar 100×100 piksel. Ukuran yang diterima paling kecil 120×120 dan "
            "paling besar 4000×4000 piksel.",
        ),
        (
            lambda: png_upload(4001, 200, "logo.png"),
            "Ukuran gambar 4001×200 piksel. Ukuran yang diterima paling kecil 120×120 dan "
            "paling besar 4000×4000 piksel.",
        ),
        (
            lambda: SimpleUploadedFile("logo.png", b"<script>bukan gambar</script>"),
            "Unggah gambar yang valid.",
        ),
    ],
    ids=["too-small", "too-large", "not-an-image"],
)
def test_an_unfit_logo_is_refused_and_nothing_changes(
    manager_client, institution_a, upload, message
):
    before = Institution.objects.values().get(pk=institution_a.pk)

    response = manager_client.post(
        PROFILE, profile_data(logo=upload(), description="Tidak tersimpan")
    )

    assert response.status_code == 200
    assert message in response.context["form"].errors["logo"][0]
    assert message in response.content.decode()
    assert Institution.objects.values().get(pk=institution_a.pk) == before


def test_a_too_heavy_logo_is_refused(manager_client, institution_a, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    response = manager_client.post(PROFILE, profile_data(logo=png_upload(600, 600)))
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.context["form"].errors["logo"][0]
    institution_a.refresh_from_db()
    assert not institution_a.logo


def test_the_edit_is_in_the_history_with_the_manager(manager_client, manager_a, institution_a):
    manager_client.post(PROFILE, profile_data(description="Profil baru"))
    latest = institution_a.history.latest()
    assert latest.description == "Profil baru"
    assert latest.history_user == manager_a


def test_profile_page_costs_the_same_queries_with_many_photos(
    manager_client, institution_a, django_assert_max_num_queries
):
    factories.InstitutionPhotoFactory(institution=institution_a)
    with django_assert_max_num_queries(20) as few:
        manager_client.get(PROFILE)
    factories.InstitutionPhotoFactory.create_batch(7, institution=institution_a)
    factories.VocationalFieldFactory.create_batch(10)
    with django_assert_max_num_queries(len(few)):
        manager_client.get(PROFILE)


# Photos ---------------------------------------------------------------------------------


def test_a_photo_is_added_and_listed_with_its_caption(manager_client, institution_a):
    response = manager_client.post(
        PHOTO_CREATE, {"image": png_upload(), "caption": "Praktik menjahit", "position": 0}
    )

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    photo = InstitutionPhoto.objects.get()
    assert photo.institution == institution_a
    assert photo.image.name.startswith("institutions/photos/")
    page = manager_client.get(PROFILE).content.decode()
    assert 'alt="Praktik menjahit"' in page
    assert reverse("manager:institution-photo-update", args=[photo.pk]) in page


def test_a_new_photo_is_offered_the_next_position(manager_client, institution_a):
    factories.InstitutionPhotoFactory(institution=institution_a, position=4)
    assert manager_client.get(PHOTO_CREATE).context["form"].initial["position"] == 5


def test_a_photo_needs_a_caption_and_a_large_enough_image(manager_client, institution_a):
    response = manager_client.post(
        PHOTO_CREATE, {"image": png_upload(600, 400), "caption": "", "position": 0}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["caption"]
    assert "Ukuran gambar 600×400 piksel" in errors["image"][0]
    assert not InstitutionPhoto.objects.exists()


def test_the_ninth_photo_is_refused(manager_client, institution_a):
    factories.InstitutionPhotoFactory.create_batch(8, institution=institution_a)

    response = manager_client.post(
        PHOTO_CREATE, {"image": png_upload(), "caption": "Satu lagi", "position": 9}
    )

    assert response.status_code == 200
    assert "paling banyak memiliki 8 foto" in response.content.decode()
    assert institution_a.photos.count() == 8


def test_another_blkks_photos_do_not_count_towards_the_limit(
    manager_client, institution_a, institution_b
):
    factories.InstitutionPhotoFactory.create_batch(8, institution=institution_b)
    response = manager_client.post(
        PHOTO_CREATE, {"image": png_upload(), "caption": "Bengkel", "position": 0}
    )
    assert response.status_code == 302
    assert institution_a.photos.count() == 1


def test_a_full_gallery_offers_no_add_button(manager_client, institution_a):
    factories.InstitutionPhotoFactory.create_batch(8, institution=institution_a)
    assert PHOTO_CREATE not in manager_client.get(PROFILE).content.decode()


def test_a_photos_caption_and_position_are_edited(manager_client, manager_a, institution_a):
    photo = factories.InstitutionPhotoFactory(institution=institution_a)
    image = photo.image.name

    response = manager_client.post(
        reverse("manager:institution-photo-update", args=[photo.pk]),
        {"caption": "Ruang kelas teori", "position": 7},
    )

    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.caption, photo.position, photo.image.name) == ("Ruang kelas teori", 7, image)
    assert photo.history.latest().history_user == manager_a


def test_a_photo_is_deleted(manager_client, institution_a):
    photo = factories.InstitutionPhotoFactory(institution=institution_a)
    response = manager_client.post(reverse("manager:institution-photo-delete", args=[photo.pk]))
    assert response.status_code == 302
    assert not InstitutionPhoto.objects.exists()


def test_another_blkks_photo_is_out_of_reach(manager_client, institution_b):
    photo = factories.InstitutionPhotoFactory(institution=institution_b, caption="Milik B")
    for name in ["manager:institution-photo-update", "manager:institution-photo-delete"]:
        url = reverse(name, args=[photo.pk])
        assert manager_client.get(url).status_code == 404
        assert manager_client.post(url, {"caption": "Diubah", "position": 0}).status_code == 404
    photo.refresh_from_db()
    assert photo.caption == "Milik B"


def test_the_public_profile_shows_the_photos_in_order(client, institution_a):
    factories.InstitutionPhotoFactory(institution=institution_a, caption="Kedua", position=2)
    factories.InstitutionPhotoFactory(institution=institution_a, caption="Pertama", position=1)

    page = client.get(institution_a.get_absolute_url()).content.decode()

    assert page.index('alt="Pertama"') < page.index('alt="Kedua"')


def test_the_secretariat_manages_photos_in_the_admin(client, secretariat, institution_a):
    photo = factories.InstitutionPhotoFactory(institution=institution_a)
    client.force_login(secretariat)
    assert client.get(reverse("admin:institutions_institutionphoto_changelist")).status_code == 200
    change = client.get(reverse("admin:institutions_institution_change", args=[institution_a.pk]))
    assert photo.caption in change.content.decode()


def test_the_menu_leads_to_the_profile_and_the_instructors(manager_client):
    page = manager_client.get(reverse("manager:home")).content.decode()
    assert f'href="{PROFILE}"' in page
    assert f'href="{reverse("manager:instructor-list")}"' in page


def test_a_photo_is_stored_upright_and_without_its_metadata(manager_client, institution_a):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone turned: shown rotated
    exif[ExifTags.Base.Artist] = "Pemilik Ponsel"
    exif[ExifTags.Base.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "S"}
    buffer = io.BytesIO()
    Image.new("RGB", (800, 640), "navy").save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("ponsel.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = manager_client.post(
        PHOTO_CREATE, {"image": upload, "caption": "Ruang praktik", "position": 0}
    )

    assert response.status_code == 302
    with Image.open(InstitutionPhoto.objects.get().image) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (640, 800)
        assert dict(stored.getexif()) == {}
