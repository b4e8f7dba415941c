"""The restricted rows a token opens: the one place the API decides it.

Each function starts from the models' own scoping querysets (``for_manager``, the same the
manager portal reads through), so a manager's token sees exactly what the manager sees in the
portal, and the API never re-implements "what a manager may see".
"""

from trainings.models import Enrollment, Trainee

from .models import ApiToken


def _access(request) -> str | None:
    token = request.auth
    return token.access if isinstance(token, ApiToken) else None


def enrollments_for(request):
    """A Disnaker token: every enrollment; a manager token: those of the BLKK its owner
    manages (all of them, for a manager of two); anything else: none."""
    access = _access(request)
    if access == ApiToken.Access.DISNAKER:
        return Enrollment.objects.all()
    if access == ApiToken.Access.MANAGER:
        return Enrollment.objects.for_manager(request.user)
    return Enrollment.objects.none()


def trainees_for(request):
    """A manager token: the people enrolled in a program of the BLKK its owner manages;
    anything else, Disnaker included, none (the manager is the controller of their own
    trainees' data; Disnaker reads enrollments, with the NIK masked)."""
    if _access(request) == ApiToken.Access.MANAGER:
        return Trainee.objects.for_manager(request.user)
    return Trainee.objects.none()
