from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_page

import alumni.urls
import institutions.urls
import institutions.views
import trainings.urls

from . import accounts, manager, views
from .sitemaps import SITEMAPS

# The BLKK pages, all in the institutions namespace (the menu marks its section by namespace):
# the directory from institutions, and each BLKK's profile, whose view is here because it
# reads trainings, alumni and partnerships, which institutions may not import.
institution_pages = [
    *institutions.urls.urlpatterns,
    path("<slug:slug>/", views.InstitutionDetailView.as_view(), name="institution-detail"),
]

# The manager portal (/pengelola/): sign-in and passwords, the home page, choosing a BLKK, and
# each app's pages, all in the "manager" namespace.
manager_pages = [
    path("", manager.ManagerHomeView.as_view(), name="home"),
    *accounts.urlpatterns,
    path(
        "pilih-blkk/",
        institutions.views.InstitutionChooseView.as_view(),
        name="institution-choose",
    ),
    *institutions.urls.manager_urlpatterns,
    *trainings.urls.manager_urlpatterns,
    *alumni.urls.manager_urlpatterns,
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tentang/", views.AboutView.as_view(), name="about"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.RobotsTxtView.as_view(), name="robots-txt"),
    path(
        "sitemap.xml",
        cache_page(60 * 60)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("favicon.ico", views.favicon, name="favicon"),
    path("pelatihan/", include("trainings.urls")),
    path("lembaga/", include((institution_pages, institutions.urls.app_name))),
    path("usaha-alumni/", include("alumni.urls")),
    path("mitra/", include("partnerships.urls")),
    path("pengelola/", include((manager_pages, "manager"))),
    # The Disnaker dashboard: the indicators and the lists behind them.
    path("dasbor/", include("fkblkk.dashboard.urls")),
    # The open data API, its OpenAPI schema and documentation page.
    path("api/", include("fkblkk.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
