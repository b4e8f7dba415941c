"""The shared cast of every permission test: one secretariat user, two BLKK with a manager
each, a Disnaker user. Fixtures of any scope make them through these functions, so a test
reads the same people whichever fixture gave them."""

from core import roles

from . import factories


def secretariat():
    return factories.SecretariatUserFactory(username="sekretariat")


def disnaker():
    return factories.UserFactory(username="disnaker", role=roles.DISNAKER)


def manager_a():
    return factories.UserFactory(username="pengelola-a", role=roles.MANAGER)


def manager_b():
    return factories.UserFactory(username="pengelola-b", role=roles.MANAGER)


def institution_a(manager):
    return factories.InstitutionFactory(
        name="BLKK Al-Hidayah", slug="blkk-al-hidayah", managers=[manager]
    )


def institution_b(manager):
    return factories.InstitutionFactory(
        name="BLKK Darul Ulum", slug="blkk-darul-ulum", managers=[manager]
    )
