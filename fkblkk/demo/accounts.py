"""Demo accounts: ``sekretariat``, ``disnaker`` and one ``pengelola-<slug>`` per demo BLKK."""

import secrets
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from core import roles
from institutions.models import Institution, InstitutionManager

from .people import DEMO_EMAIL_DOMAIN

SECRETARIAT_USERNAME = "sekretariat"
DISNAKER_USERNAME = "disnaker"
MANAGER_POSITION = "Kepala BLKK"


def manager_username(institution: Institution) -> str:
    return f"pengelola-{institution.slug}"


@dataclass(frozen=True)
class AccountsResult:
    created: Counter  # rows inserted, by model
    generated_password: str | None  # shown once, when new accounts got a generated password


def demo_accounts_ensure(
    *, institutions: list[Institution], password: str | None
) -> AccountsResult:
    """Create the demo accounts that are missing, in their groups, managers linked to their BLKK.

    New accounts get ``password``, or a generated one when none is given. With ``password``,
    the accounts that already exist get it too; without, they keep theirs. The hash is computed
    once for all accounts: at 3,300 managers, hashing each would take most of an hour.
    """
    User = get_user_model()
    wanted = {
        SECRETARIAT_USERNAME: roles.SECRETARIAT,
        DISNAKER_USERNAME: roles.DISNAKER,
        **{manager_username(institution): roles.MANAGER for institution in institutions},
    }
    users = User.objects.in_bulk(list(wanted), field_name="username")
    missing = [username for username in wanted if username not in users]
    generated = None if password or not missing else secrets.token_urlsafe(12)
    chosen = password or generated
    hashed = make_password(chosen) if chosen else None
    if password:
        User.objects.filter(pk__in=[user.pk for user in users.values()]).update(password=hashed)
    new_users = User.objects.bulk_create(
        User(
            username=username,
            email=f"{username}@{DEMO_EMAIL_DOMAIN}",
            password=hashed,
            is_staff=username == SECRETARIAT_USERNAME,
            is_superuser=username == SECRETARIAT_USERNAME,
        )
        for username in missing
    )
    users.update({user.username: user for user in new_users})

    groups = Group.objects.in_bulk(list(roles.ROLE_GROUPS), field_name="name")
    Membership = User.groups.through
    members = set(
        Membership.objects.filter(user__in=users.values()).values_list("user_id", "group_id")
    )
    Membership.objects.bulk_create(
        Membership(user_id=user.pk, group_id=groups[wanted[username]].pk)
        for username, user in users.items()
        if (user.pk, groups[wanted[username]].pk) not in members
    )

    links = set(
        InstitutionManager.objects.filter(institution__in=institutions).values_list(
            "user_id", "institution_id"
        )
    )
    managers = [(users[manager_username(institution)], institution) for institution in institutions]
    new_links = InstitutionManager.objects.bulk_create(
        InstitutionManager(user=user, institution=institution, position=MANAGER_POSITION)
        for user, institution in managers
        if (user.pk, institution.pk) not in links
    )
    return AccountsResult(
        created=Counter({User: len(new_users), InstitutionManager: len(new_links)}),
        generated_password=generated,
    )
