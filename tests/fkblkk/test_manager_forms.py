"""No form of the manager portal can attach anything to another BLKK, nor offer its records."""

import pytest
from django import forms
from django.urls import get_resolver

from institutions.forms import ManagerModelForm
from institutions.models import Institution


def manager_view_classes() -> set[type]:
    _prefix, resolver = get_resolver().namespace_dict["manager"]
    return {
        pattern.callback.view_class
        for pattern in resolver.url_patterns
        if hasattr(pattern.callback, "view_class")
    }


def manager_form_classes() -> set[type]:
    return {
        view_class.form_class
        for view_class in manager_view_classes()
        if isinstance(getattr(view_class, "form_class", None), type)
        and issubclass(view_class.form_class, forms.ModelForm)
    }


def manager_row_form_classes() -> set[type]:
    """The forms of the formsets some pages add (an instructor's certificates)."""
    return {
        formset_class.form
        for view_class in manager_view_classes()
        for formset_class in getattr(view_class, "formset_classes", {}).values()
    }


def by_name(classes) -> list[type]:
    return sorted(classes, key=lambda form_class: form_class.__name__)


FORM_CLASSES = by_name(manager_form_classes())
ROW_FORM_CLASSES = by_name(manager_row_form_classes())


def test_the_portal_edits_through_model_forms():
    # A guard for the tests below: they are only as good as the forms they find.
    assert len(FORM_CLASSES) >= 10, [form_class.__name__ for form_class in FORM_CLASSES]
    assert ROW_FORM_CLASSES


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda form_class: form_class.__name__)
def test_a_manager_form_builds_on_the_scoped_base_and_names_no_blkk(form_class):
    assert issubclass(form_class, ManagerModelForm)
    owning = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Institution
    ]
    assert owning == []
    assert "institution" not in form_class.base_fields


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda form_class: form_class.__name__)
def test_a_manager_form_offers_nothing_of_another_blkk(form_class, manager_world):
    form = form_class(user=manager_world.manager, institution=manager_world.institution)
    other = manager_world.other.institution
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        model = field.queryset.model
        if hasattr(model.objects, "of_institution"):
            others = model.objects.of_institution(other)
            assert not field.queryset.filter(pk__in=others.values("pk")).exists(), name


@pytest.mark.parametrize("form_class", ROW_FORM_CLASSES, ids=lambda form_class: form_class.__name__)
def test_a_formset_row_has_no_choice_of_owned_records(form_class):
    # Rows hang off a parent fetched within the BLKK; a choice of owned records would escape it.
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelChoiceField):
            model = field.queryset.model
            assert model is not Institution and not hasattr(model.objects, "for_manager"), name
