from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_page

from . import views
from .sitemaps import SITEMAPS

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
    path("lembaga/", include("institutions.urls")),
    path("usaha-alumni/", include("alumni.urls")),
    path("mitra/", include("partnerships.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
