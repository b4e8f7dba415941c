"""Request middleware of the portal."""

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.module_loading import import_string

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


NUL = "\x00"
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class StripNulMiddleware:
    """Takes the NUL character out of every query and form value (and name), for the whole site.

    PostgreSQL refuses NUL in text: a search for ``%00`` would fail in the database as a 500
    on any page, form or API list. No one types a NUL, so dropping it changes no honest input.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = without_nul(request.GET)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            request.POST = without_nul(request.POST)
        return self.get_response(request)


def without_nul(values: QueryDict) -> QueryDict:
    if not any(NUL in name or NUL in "".join(items) for name, items in values.lists()):
        return values
    cleaned = QueryDict(mutable=True, encoding=values.encoding)
    for name, items in values.lists():
        cleaned.setlist(name.replace(NUL, ""), [item.replace(NUL, "") for item in items])
    cleaned._mutable = False
    return cleaned


class BeatWithoutBrokerMiddleware:
    """On a development server without Redis, run beat's every-minute tasks after a request,
    at most once a minute.

    Without a broker there is no beat either, and a manager's decision would never be e-mailed
    once its undo window passed (``make run`` serves no worker). Only with DEBUG on and tasks
    run in-process; production has beat, and the tests call the tasks themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and settings.CELERY_TASK_ALWAYS_EAGER:
            minute = timezone.now().strftime("%Y%m%d%H%M")
            if cache.add(f"beat-without-broker:{minute}", True, 120):
                from fkblkk.celery import every_minute_tasks

                for task_name in every_minute_tasks():
                    import_string(task_name).delay()
        return response
