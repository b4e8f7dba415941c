"""The portal's roles, kept as auth groups.

The groups are created by a data migration (``fkblkk/migrations/0001_roles.py``); their
permissions are synchronised after every ``migrate`` (``core.apps``) so that models added later
reach them too. The domain apps are named by label: the ground floor imports none of them.
"""

from django.contrib.auth.management import create_permissions

SECRETARIAT = "Sekretariat"
MANAGER = "Pengelola BLKK"
DISNAKER = "Disnaker"
ROLE_GROUPS = (SECRETARIAT, MANAGER, DISNAKER)

DOMAIN_APPS = ("institutions", "trainings", "partnerships", "alumni")


def has_role(user, role: str) -> bool:
    """Whether ``user`` is an active, signed-in member of the role's group."""
    if not (user.is_authenticated and user.is_active):
        return False
    # Cached on the user object: a page asks several times per request.
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return role in user._role_names


def sync_role_permissions(apps, using="default"):
    """Create the role groups and give them their permissions; safe to run again.

    Sekretariat gets every permission of the four domain apps, Disnaker their view
    permissions; Pengelola BLKK gets none, since managers work through the manager portal,
    scoped by ``Institution.objects.managed_by``.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        if app_config.label in DOMAIN_APPS:
            # In a migration's historical registry permissions do not exist yet (Django
            # creates them after the last migration) and create_permissions skips app
            # configs without a models module, so one is pretended for the call.
            historical = getattr(app_config, "models_module", None) is None
            if historical:
                app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
            if historical:
                app_config.models_module = None
    domain_permissions = Permission.objects.using(using).filter(
        content_type__app_label__in=DOMAIN_APPS
    )
    groups = {name: Group.objects.using(using).get_or_create(name=name)[0] for name in ROLE_GROUPS}
    groups[SECRETARIAT].permissions.set(domain_permissions)
    groups[DISNAKER].permissions.set(domain_permissions.filter(codename__startswith="view_"))


def sync_role_permissions_after_migrate(sender, app_config=None, using="default", **kwargs):
    from django.apps import apps

    sync_role_permissions(apps, using=using)
