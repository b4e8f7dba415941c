"""Form helpers every app's forms share: layout (crispy-forms) and the error summary."""

from dataclasses import dataclass

from crispy_forms.layout import Div


def side_by_side(*fields: str) -> Div:
    """Fields in one row from small screens up, stacked on phones."""
    return Div(*(Div(field, css_class="col-sm") for field in fields), css_class="row")


@dataclass(frozen=True)
class FormError:
    """One line of a form's error summary: the message, and the field it links to, if any."""

    message: str
    label: str = ""
    target: str = ""


def form_error_summary(form) -> list[FormError]:
    """Every error of ``form``, those of the whole form first, then each field's in form
    order, each with the id of the element that takes the focus when its link is followed.

    A field whose label is a sentence (a consent box) may name itself shortly in the form's
    ``error_summary_labels``.
    """
    short_labels = getattr(form, "error_summary_labels", {})
    summary = [FormError(str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        if bound_field.is_hidden:
            continue
        # A radio list's label points nowhere (its legend names the group); link to its
        # first option, which Django numbers from 0.
        target = bound_field.id_for_label or f"{bound_field.auto_id}_0"
        summary += [
            FormError(
                str(message),
                str(short_labels.get(bound_field.name, bound_field.label or "")),
                target,
            )
            for message in bound_field.errors
        ]
    return summary
