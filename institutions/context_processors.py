"""What the public layout needs on every page, whichever app's view renders it."""

from django.utils.functional import SimpleLazyObject

from .selectors import secretariat_contact


def secretariat(request) -> dict:
    """The secretariat's contact for the footer. Lazy: pages whose layout has no footer for
    visitors (the admin, the manager portal) never read it."""
    return {"secretariat_contact": SimpleLazyObject(secretariat_contact)}
