"""Form layout helpers every app's forms share (crispy-forms)."""

from crispy_forms.layout import Div


def side_by_side(*fields: str) -> Div:
    """Fields in one row from small screens up, stacked on phones."""
    return Div(*(Div(field, css_class="col-sm") for field in fields), css_class="row")
