"""Request middleware of the portal."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

API_PATH = "/api/"


class CookieLocaleMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the visitor chose another language with the switch.

    Django's own middleware would follow the browser's Accept-Language header, so a phone set
    to English would never see the default; only the language cookie (written by the
    ``set_language`` view) counts here.

    The API is the exception: its clients are programs, which carry no cookie and say which
    language they read in Accept-Language, so there the header counts too (after the cookie).
    """

    def process_request(self, request):
        if request.path_info.startswith(API_PATH):
            language = translation.get_language_from_request(request)
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            supported = {code for code, _name in settings.LANGUAGES}
            language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
