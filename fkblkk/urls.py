from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page

import alumni.urls.manager
import institutions.urls.manager
import institutions.urls.public
import trainings.urls.manager

from . import accounts, manager, views
from .sitemaps import SITEMAPS

# The BLKK pages, all in the institutions namespace (the menu marks its section by namespace):
# the directory from institutions, and each BLKK's profile, whose view is here because it
# reads trainings, alumni and partnerships, which institutions may not import.
institution_pages = [
    *institutions.urls.public.urlpatterns,
    path("<slug:slug>/", views.InstitutionDetailView.as_view(), name="institution-detail"),
]

# The manager portal (/pengelola/): sign-in and passwords, the home page, and each app's
# pages, all in the "manager" namespace.
manager_pages = [
    path("", manager.ManagerHomeView.as_view(), name="home"),
    *accounts.urlpatterns,
    *institutions.urls.manager.urlpatterns,
    *trainings.urls.manager.urlpatterns,
    *alumni.urls.manager.urlpatterns,
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
    path("pelatihan/", include("trainings.urls.public")),
    path("lembaga/", include((institution_pages, institutions.urls.public.app_name))),
    path("usaha-alumni/", include("alumni.urls.public")),
    path("mitra/", include("partnerships.urls.public")),
    path("pengelola/", include((manager_pages, "manager"))),
    # The Disnaker dashboard: the indicators and the lists behind them.
    path("dasbor/", include("dashboard.urls")),
    # The open data API, its OpenAPI schema and documentation page.
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    re_path(
        r"^admin/fkblkk/(?P<model>{})/(?P<rest>.*)$".format("|".join(views.MOVED_ADMIN_MODELS)),
        views.moved_admin_page,
    ),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
