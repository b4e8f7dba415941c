"""Cached figures that forget themselves when the rows they count change."""

from django.db.models.signals import post_delete, post_save


def forget_on_change(forget, model_label: str) -> None:
    """Call ``forget`` (a signal receiver) whenever a row of the model is saved or deleted."""
    for signal in (post_save, post_delete):
        signal.connect(forget, sender=model_label)
