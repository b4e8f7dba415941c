import pytest
from django.contrib.auth import get_user_model

from tests import factories

MODEL_FACTORIES = [
    factory
    for name, factory in vars(factories).items()
    if name.endswith("Factory")
    and getattr(factory, "_meta", None) is not None
    and factory._meta.model is not None
    and factory._meta.model is not get_user_model()
]


@pytest.mark.django_db
@pytest.mark.parametrize("factory", MODEL_FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_row_that_passes_validation(factory):
    factory().full_clean()
