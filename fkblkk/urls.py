from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path, reverse_lazy
from django.views.decorators.cache import cache_page

import alumni.urls.manager
import institutions.urls.manager
import institutions.urls.public
import trainings.urls.manager

from .sitemaps import SITEMAPS
from .views import manager, public

# The BLKK pages, all in the institutions namespace (the menu marks its section by namespace):
# the directory from institutions, and each BLKK's profile, whose view is here because it
# reads trainings, alumni and partnerships, which institutions may not import.
institution_pages = [
    *institutions.urls.public.urlpatterns,
    path("<slug:slug>/", public.InstitutionDetailView.as_view(), name="institution-detail"),
]

# Signing in and out, and passwords: shared by every signed-in role.
account_pages = [
    path("masuk/", manager.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change_form.html",
            success_url=reverse_lazy("manager:password-change-done"),
        ),
        name="password-change",
    ),
    path(
        "kata-sandi/diubah/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password-change-done",
    ),
    path(
        "kata-sandi/lupa/",
        manager.PasswordResetView.as_view(),
        name="password-reset",
    ),
    path(
        "kata-sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "kata-sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("manager:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "kata-sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]

# The manager portal (/pengelola/): sign-in and passwords, the home page, and each app's
# pages, all in the "manager" namespace.
manager_pages = [
    path("", manager.ManagerHomeView.as_view(), name="home"),
    path("pembaruan-bulanan/", manager.MonthlyUpdatesView.as_view(), name="monthly-updates"),
    *account_pages,
    *institutions.urls.manager.urlpatterns,
    *trainings.urls.manager.urlpatterns,
    *alumni.urls.manager.urlpatterns,
]

urlpatterns = [
    path("", public.HomeView.as_view(), name="home"),
    path("tentang/", public.AboutView.as_view(), name="about"),
    path("healthz", public.healthz, name="healthz"),
    path("robots.txt", public.RobotsTxtView.as_view(), name="robots-txt"),
    path(
        "sitemap.xml",
        cache_page(60 * 60)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("favicon.ico", public.favicon, name="favicon"),
    path("pelatihan/", include("trainings.urls.public")),
    path("pendaftaran/", include("trainings.urls.applications")),
    path("lembaga/", include((institution_pages, institutions.urls.public.app_name))),
    path("wilayah/", include("institutions.urls.regions")),
    path("usaha-alumni/", include("alumni.urls.public")),
    path("mitra/", include("partnerships.urls.public")),
    path("pengelola/", include((manager_pages, "manager"))),
    # The Disnaker dashboard: the indicators and the lists behind them.
    path("dasbor/", include("dashboard.urls")),
    # The open data API, its OpenAPI schema and documentation page.
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    re_path(
        r"^admin/fkblkk/(?P<model>{})/(?P<rest>.*)$".format("|".join(public.MOVED_ADMIN_MODELS)),
        public.moved_admin_page,
    ),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
