"""A formset sent back as its page shows it, with some rows' fields typed in."""

import datetime


def formset_post(formset, changes: dict[int, dict]) -> dict:
    """The POST of ``formset``: its management form and every row's fields as shown, with
    ``changes`` (row index: {field: value}) typed in."""
    data = {
        f"{formset.prefix}-{name}": value for name, value in formset.management_form.initial.items()
    }
    for index, form in enumerate(formset):
        row = {name: form[name].value() for name in form.fields}
        row.update(changes.get(index, {}))
        for name, value in row.items():
            if isinstance(value, datetime.date):
                value = value.isoformat()
            data[f"{form.prefix}-{name}"] = "" if value is None else value
    return data
