"""``/api/``: the versioned endpoints under ``v1/``, the schema and its documentation page."""

from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, routers
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from . import indicators, public, restricted


class Router(routers.DefaultRouter):
    include_format_suffixes = False


class ApiRootView(routers.APIRootView):
    """Daftar endpoint API v1; skema OpenAPI di /api/schema/, dokumentasi di /api/dokumentasi/."""


Router.APIRootView = ApiRootView


class NoSuchEndpointView(APIView):
    """Any other address under /api/v1/ (an item key the route cannot match, a typo): an API
    answer in JSON rather than the site's HTML page."""

    renderer_classes = [JSONRenderer]
    schema = None  # not an endpoint

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound


router = Router()
for prefix, viewset, basename in (*public.ROUTES, *indicators.ROUTES, *restricted.ROUTES):
    router.register(prefix, viewset, basename=basename)

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    re_path(r"^v1/.+/$", NoSuchEndpointView.as_view()),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "dokumentasi/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", title=_("Dokumentasi API")),
        name="docs",
    ),
]
