"""Writes of the alumni app that span several rows."""

from django.core.exceptions import ValidationError
from django.db import transaction


def record_tracers(rows) -> bool:
    """Save the outcomes of a cohort page at once, or none of them.

    ``rows`` are (form, outcome) pairs; each outcome is checked by the model's own rules (the
    survey date against the graduation, one tracer per period), and what it breaks is added to
    its form, so the page shows every row's errors together. Returns whether all were saved.
    """
    valid = True
    for form, outcome in rows:
        try:
            outcome.full_clean()
        except ValidationError as error:
            valid = False
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
    if not valid:
        return False
    with transaction.atomic():
        for _form, outcome in rows:
            outcome.save()
    return True
