"""The client's address, read one way for every limit: the login lockout (django-axes), the
rate limits of forms (django-ratelimit) and the API's throttle (DRF's ``NUM_PROXIES``)."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address that the outermost of our ``PROXY_COUNT`` reverse proxies saw, as DRF's
    throttle reads ``X-Forwarded-For``; ``REMOTE_ADDR`` with no proxy.

    Behind a proxy, ``REMOTE_ADDR`` is the proxy's own for every visitor: one visitor's failed
    logins would lock everyone out. A value that is not an address (a forged header) counts
    as the proxy's.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not settings.PROXY_COUNT or not forwarded:
        return remote
    addresses = [address.strip() for address in forwarded.split(",")]
    client = addresses[-min(settings.PROXY_COUNT, len(addresses))]
    try:
        return str(ipaddress.ip_address(client))
    except ValueError:
        return remote
