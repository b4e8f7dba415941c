"""How often the API may be called: anonymous readers per IP address, token holders per owner.

The rates are read when a request comes, not when the module loads, so that a setting
changed at run time (tests, ``override_settings``) applies.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class RateFromSettingsMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class AnonymousThrottle(RateFromSettingsMixin, AnonRateThrottle):
    scope = "anonim"


class TokenThrottle(RateFromSettingsMixin, UserRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None  # AnonymousThrottle counts those
        return super().get_cache_key(request, view)
