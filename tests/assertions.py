"""Assertions that several test modules share: database constraints and manager scoping."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction


def constraint_named(name: str):
    """The model and the constraint declared under ``name`` in any installed app."""
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name:
                return model, constraint
    raise LookupError(name)


def constraint_names(app_label: str) -> set[str]:
    return {
        constraint.name
        for model in apps.get_app_config(app_label).get_models()
        for constraint in model._meta.constraints
    }


def assert_database_refuses(create, name: str) -> None:
    """``create()`` writes a row past validation; the database must refuse it by ``name``.

    PostgreSQL names the constraint in its error; SQLite names a check constraint but
    describes a unique one by its columns.
    """
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        create()
    error = str(caught.value)
    model, constraint = constraint_named(name)
    if isinstance(constraint, models.UniqueConstraint) and name not in error:
        columns = [
            f"{model._meta.db_table}.{model._meta.get_field(field).column}"
            for field in constraint.fields
        ]
        assert all(column in error for column in columns), error
    else:
        assert name in error


def constraint_errors(instance) -> list[str]:
    """The messages ``validate_constraints()`` reports for ``instance``."""
    with pytest.raises(ValidationError) as caught:
        instance.validate_constraints()
    return caught.value.messages


def clean_errors(instance) -> dict[str, list[str]]:
    """The messages ``full_clean()`` reports for ``instance``, by field."""
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def models_with_for_manager(app_label: str) -> set[type[models.Model]]:
    return {
        model
        for model in apps.get_app_config(app_label).get_models()
        if hasattr(model._default_manager, "for_manager")
    }


def assert_scoped_to_manager(model, row_a, row_b, manager_a) -> None:
    """Manager A sees A's row once and not B's; anonymous and deactivated users see nothing."""
    assert list(model.objects.for_manager(manager_a)) == [row_a]
    assert list(model.objects.for_manager(AnonymousUser())) == []
    manager_a.is_active = False
    manager_a.save(update_fields=["is_active"])
    assert list(model.objects.for_manager(manager_a)) == []
    assert model.objects.filter(pk__in=[row_a.pk, row_b.pk]).count() == 2
