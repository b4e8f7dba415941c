"""Request middleware of the portal."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class CookieLocaleMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the visitor chose another language with the switch.

    Django's own middleware would follow the browser's Accept-Language header, so a phone set
    to English would never see the default; only the language cookie (written by the
    ``set_language`` view) counts here.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
