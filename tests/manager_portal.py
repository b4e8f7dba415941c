"""What the tests of the manager portal share: a world of records, and the pages' expectations.

``manager_world`` gives each BLKK of the shared cast (A managed by ``manager_a``, B by
``manager_b``) one record of every kind a manager keeps. Each app's manager tests declare
their pages in ``tests/<app>/manager_pages.py`` as ``PAGES`` (a list of ``ManagerPage``);
``tests/fkblkk/test_manager_role_matrix.py`` walks them all with every role, and fails for a
URL of the ``manager`` namespace that none declares.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from tests import cast, factories
from trainings.models import Enrollment, TrainingProgram


@dataclass(frozen=True)
class ManagerPage:
    """One URL of the manager portal and what its own manager gets from it.

    ``kwargs`` and ``post_data`` take the world and return what the page is called with for
    BLKK A. ``target`` names the record of BLKK A an object-level page reads or changes:
    a manager of another BLKK must get 404 there, for GET and POST, and the record must stay
    as it was. ``post_data=None`` means the page takes no POST (405 for its own manager).
    ``writes=False`` for a page whose POST changes no record (choosing a BLKK).
    """

    url_name: str
    kwargs: Callable[[SimpleNamespace], dict] = lambda world: {}
    post_data: Callable[[SimpleNamespace], dict] | None = None
    target: Callable[[SimpleNamespace], object] | None = None
    own_get: int = 200
    own_post: int = 302
    # Whether a successful POST changes records (and so must leave history naming the manager).
    writes: bool = True


def build_world(institution, manager):
    """One record of every kind a manager keeps, all belonging to ``institution``."""
    today = timezone.localdate()
    instructor = factories.InstructorFactory(institution=institution)
    program = factories.TrainingProgramFactory(
        institution=institution, status=TrainingProgram.Status.OPEN
    )
    program.instructors.add(instructor)
    completed = factories.TrainingProgramFactory(
        institution=institution,
        status=TrainingProgram.Status.COMPLETED,
        start_date=today - datetime.timedelta(days=200),
        end_date=today - datetime.timedelta(days=180),
        registration_closes=today - datetime.timedelta(days=210),
    )
    running = factories.TrainingProgramFactory(
        institution=institution,
        status=TrainingProgram.Status.RUNNING,
        start_date=today - datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=10),
        registration_closes=today - datetime.timedelta(days=17),
    )
    graduate = factories.GraduateFactory(
        program=completed, completed_on=completed.end_date, certified=True
    )
    return SimpleNamespace(
        institution=institution,
        manager=manager,
        instructor=instructor,
        certificate=factories.InstructorCertificateFactory(instructor=instructor),
        instructor_training=factories.InstructorTrainingFactory(instructor=instructor),
        program=program,
        completed_program=completed,
        running_program=running,
        application=factories.EnrollmentFactory(program=program, status=Enrollment.Status.APPLIED),
        graduate=graduate,
        trainee=graduate.trainee,
        pbk=factories.PBKAssistanceFactory(institution=institution),
        outcome=factories.OutcomeFactory(enrollment=graduate),
        enterprise=factories.EnterpriseFactory(owner=graduate),
        community_group=factories.CommunityGroupFactory(institution=institution),
    )


@pytest.fixture
def manager_world(manager_a, manager_b, institution_a, institution_b):
    """``world`` of BLKK A; ``world.other`` is the same for BLKK B."""
    world = build_world(institution_a, manager_a)
    world.other = build_world(institution_b, manager_b)
    return world


@pytest.fixture(scope="module")
def module_manager_world(django_db_setup, django_db_blocker):
    """The cast and ``manager_world``, built once for a whole module: ``(cast, world)``.

    For a module of many tests that each make one request to the same world (the role
    matrix): the world lives in a transaction held open for the module and rolled back after
    it, and each test's own transaction (the ``db`` fixture, a savepoint inside it) rolls back
    what its request wrote. Every test of the module must be a ``db`` test; none may be
    transactional, whose flush would end the module's transaction.
    """
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        people = SimpleNamespace(
            secretariat=cast.secretariat(),
            disnaker=cast.disnaker(),
            manager_a=cast.manager_a(),
            manager_b=cast.manager_b(),
        )
        world = build_world(cast.institution_a(people.manager_a), people.manager_a)
        world.other = build_world(cast.institution_b(people.manager_b), people.manager_b)
    yield people, world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)
