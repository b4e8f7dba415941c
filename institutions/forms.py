"""Forms of the manager portal that every app's manager pages build on."""

from crispy_forms.helper import FormHelper
from django import forms


class ManagerModelForm(forms.ModelForm):
    """A manager's form: every choice is narrowed to the BLKK being worked on.

    Any choice field over an institution-owned model (one whose queryset has
    ``for_manager``) is narrowed through it, so no field can point at another BLKK's rows.
    The owner itself (``institution``) is never a field: the view sets it on the instance.
    Constraints that name the owner (a community group's name is unique per BLKK) are
    checked too, which Django would skip for a field that is not on the form.
    """

    owner_field = "institution"

    def __init__(self, *args, user, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.institution = institution
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_manager"):
                field.queryset = queryset.for_manager(user).of_institution(institution)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def validate_unique(self):
        super().validate_unique()
        exclude = self._get_validation_exclusions() - {self.owner_field}
        for constraint in self.instance._meta.constraints:
            if self.owner_field in getattr(constraint, "fields", ()):
                try:
                    constraint.validate(type(self.instance), self.instance, exclude=exclude)
                except forms.ValidationError as error:
                    self._update_errors(error)
