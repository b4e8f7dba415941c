"""Reads for the partners page and for the partners a BLKK profile shows.

Visitors see published partners only, and of the BLKK an agreement names or delivered to,
only the public ones.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, Sum

from institutions.models import Institution

from .models import Contribution, Partner, Partnership, PartnershipScope


def published_partners():
    return Partner.objects.filter(is_published=True).order_by("name")


def public_contributions():
    """Contributions of published partners to public BLKK, latest first."""
    return (
        Contribution.objects.filter(
            partnership__partner__is_published=True,
            institution__in=Institution.objects.public(),
        )
        .select_related("institution", "partnership__partner")
        .order_by("-delivered_on", "pk")
    )


@dataclass(frozen=True)
class ScopeGroup:
    scope: PartnershipScope
    partnerships: list[Partnership]


def public_active_partnerships(today: datetime.date | None = None):
    """Agreements in force of published partners, by partner and title.

    Each carries ``public_institutions`` (the public BLKK it names), ``public_contributions``
    and their total ``delivered_value``; its scopes are prefetched. Four queries, whatever the
    number of agreements.
    """
    delivered_to_public = Q(contributions__in=public_contributions())
    return (
        Partnership.objects.active(today)
        .filter(partner__is_published=True)
        .select_related("partner")
        .annotate(delivered_value=Sum("contributions__value", filter=delivered_to_public))
        .prefetch_related(
            "scopes",
            Prefetch(
                "institutions",
                queryset=Institution.objects.public().order_by("name"),
                to_attr="public_institutions",
            ),
            Prefetch(
                "contributions", queryset=public_contributions(), to_attr="public_contributions"
            ),
        )
        .order_by("partner__name", "title")
    )


def active_partnerships_by_scope(today: datetime.date | None = None) -> list[ScopeGroup]:
    """Agreements in force, grouped under each scope they cover, in the scopes' order.

    An agreement with two scopes stands under both (``public_active_partnerships`` says what
    each carries). Four queries, whatever the number of agreements.
    """
    by_scope = defaultdict(list)
    for partnership in public_active_partnerships(today):
        for scope in partnership.scopes.all():
            by_scope[scope].append(partnership)
    return [
        ScopeGroup(scope, members)
        for scope, members in sorted(by_scope.items(), key=lambda item: (item[0].order, item[0].pk))
    ]


def partners_of_institution(institution: Institution, today: datetime.date | None = None):
    """Published partners whose agreement in force covers the BLKK (forum-wide or by name),
    or who have delivered something to it."""
    covering = (
        Partnership.objects.active(today)
        .filter(partner=OuterRef("pk"))
        .filter(Q(covers_whole_forum=True) | Q(institutions=institution))
    )
    delivered = Contribution.objects.of_institution(institution).filter(
        partnership__partner=OuterRef("pk")
    )
    return published_partners().filter(Exists(covering) | Exists(delivered))


def contributions_to_institution(institution: Institution):
    """What published partners delivered to the BLKK, latest first."""
    return public_contributions().filter(institution=institution)
