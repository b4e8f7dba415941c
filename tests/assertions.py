"""Assertions that several test modules share: database constraints, scoping, inline code."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

# Every public page reads the secretariat's contact for its footer: one query on a cold cache,
# none once cached (tests/institutions/test_secretariat_contact.py).
FOOTER_QUERIES = 1


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


def constraint_tests(app_label: str, violations: list):
    """The three tests each app runs over its table of constraint violations.

    ``violations`` holds ``pytest.param(factory, fields, message, id=<constraint name>)``:
    ``fields()`` returns values that break the constraint, ``message`` is its Indonesian
    ``violation_error_message`` (None where Django's own message stands).
    """

    def test_every_constraint_of_the_app_has_a_violation_case():
        assert constraint_names(app_label) == {param.id for param in violations}

    @pytest.mark.parametrize(("factory", "fields", "message"), violations)
    def test_database_refuses_a_violating_row(factory, fields, message, request):
        values = fields()
        assert_database_refuses(lambda: factory(**values), request.node.callspec.id)

    @pytest.mark.parametrize(("factory", "fields", "message"), violations)
    def test_validate_constraints_reports_the_violation(factory, fields, message):
        errors = constraint_errors(factory.build(**fields()))
        assert errors
        if message:
            assert message in errors

    return (
        test_every_constraint_of_the_app_has_a_violation_case,
        test_database_refuses_a_violating_row,
        test_validate_constraints_reports_the_violation,
    )


def scoping_tests(app_label: str, scoped: list):
    """The two tests each app runs over its models that have ``for_manager``.

    ``scoped`` holds ``pytest.param(model, make_row, id=...)``; ``make_row(institution)``
    creates a row belonging to that institution.
    """

    def test_every_model_with_for_manager_has_a_scoping_case():
        assert models_with_for_manager(app_label) == {param.values[0] for param in scoped}

    @pytest.mark.parametrize(("model", "make_row"), scoped)
    def test_for_manager_shows_a_manager_only_their_rows(
        model, make_row, institution_a, institution_b, manager_a
    ):
        row_a, row_b = make_row(institution_a), make_row(institution_b)
        assert_scoped_to_manager(model, row_a, row_b, manager_a)

    return (
        test_every_model_with_for_manager_has_a_scoping_case,
        test_for_manager_shows_a_manager_only_their_rows,
    )


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style(?![^>]*\bnonce=)[^>]*>|<[^>]+\sstyle\s*=", re.IGNORECASE)


def assert_nothing_inline(html: str) -> None:
    """The page uses no inline script, event handler or style that the CSP would block."""
    assert not INLINE_SCRIPT.findall(html)
    assert not EVENT_HANDLER_ATTRIBUTE.findall(html)
    assert not INLINE_STYLE.findall(html)
