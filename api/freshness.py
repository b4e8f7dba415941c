"""When the API's data last changed, for ``Last-Modified`` and ``If-Modified-Since``.

Every save or delete of a domain model (and the bulk paths that refresh the program summaries)
moves the stamp, kept in the cache. The visitor-facing status of a program also changes with the
date alone, so the stamp is never earlier than today's midnight (WIB). The ``ETag``, made from
the answer itself, stays the exact validator.
"""

import datetime

from django.core.cache import cache
from django.utils import timezone

from core.roles import DOMAIN_APPS

CHANGED_AT_KEY = "api:data-changed-at"


def note_data_changed(**signal_kwargs) -> None:
    """Move the stamp to now; a receiver of the domain models' write signals."""
    cache.set(CHANGED_AT_KEY, timezone.now().timestamp(), None)


def note_domain_write(sender, **signal_kwargs) -> None:
    """``post_save``, ``post_delete`` and ``m2m_changed`` of any model: only the domain apps'
    rows (an m2m's ``sender`` is its through model, in the same app) move the stamp."""
    if sender._meta.app_label in DOMAIN_APPS:
        note_data_changed()


def data_changed_at() -> datetime.datetime:
    """The last write to the API's data, or today's midnight (WIB) if that is later.

    A cache that lost the stamp (a restart of a local-memory cache) answers "now", so a
    client's copy is never wrongly declared fresh.
    """
    now = timezone.now()
    stamp = cache.get(CHANGED_AT_KEY)
    if stamp is None:
        cache.add(CHANGED_AT_KEY, now.timestamp(), None)
        stamp = cache.get(CHANGED_AT_KEY, now.timestamp())
    changed = datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(changed, midnight).replace(microsecond=0)
