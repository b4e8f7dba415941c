"""The manager portal's pages of the institutions app: choosing the BLKK to work on, its
profile and photos, and its instructors."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.manager_portal import ManagerPortalSection
from institutions.forms import (
    InstitutionPhotoForm,
    InstitutionProfileForm,
    InstructorCertificateFormSet,
    InstructorForm,
    InstructorTrainingFormSet,
)
from institutions.models import Institution, InstitutionPhoto, Instructor
from institutions.portal import (
    ManagerCreateView,
    ManagerDeleteView,
    ManagerListView,
    ManagerPortalMixin,
    ManagerUpdateView,
    choose_institution,
    safe_next_url,
)


class InstitutionChooseView(ManagerPortalMixin, TemplateView):
    """A manager of several BLKK picks the one to work on; the choice lasts the session."""

    template_name = "institutions/manager/institution_choose.html"
    needs_institution = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            choices=Institution.objects.managed_by(self.request.user).select_related("district"),
            next_url=safe_next_url(self.request, ""),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        institution = get_object_or_404(
            Institution.objects.managed_by(request.user), pk=request.POST.get("institution")
        )
        choose_institution(request, institution)
        return redirect(safe_next_url(request, reverse("manager:home")))


# Manager portal: the BLKK's profile and photos ----------------------------------------


class InstitutionUpdateView(ManagerUpdateView):
    """The profile of the BLKK being worked on, with its photos; always that BLKK, no pk."""

    model = Institution
    form_class = InstitutionProfileForm
    template_name = "institutions/manager/institution_form.html"
    success_url_name = "manager:institution-update"
    cancel_url_name = "manager:home"
    success_message = _("Profil BLKK disimpan.")

    def get_object(self, queryset=None):
        return self.institution

    def get_context_data(self, **kwargs):
        # Read again, so that a refused upload or edit never shows as if it were saved.
        saved = (
            Institution.objects.managed_by(self.request.user)
            .select_related("district__regency", "village", "primary_field")
            .get(pk=self.institution.pk)
        )
        return super().get_context_data(
            saved=saved,
            photos=self.scoped(InstitutionPhoto),
            photo_limit=InstitutionPhoto.MAX_PER_INSTITUTION,
            **kwargs,
        )


class InstitutionPhotoMixin:
    model = InstitutionPhoto
    success_url_name = "manager:institution-update"


class InstitutionPhotoCreateView(InstitutionPhotoMixin, ManagerCreateView):
    form_class = InstitutionPhotoForm
    success_message = _("Foto ditambahkan ke profil BLKK.")


class InstitutionPhotoUpdateView(InstitutionPhotoMixin, ManagerUpdateView):
    form_class = InstitutionPhotoForm
    success_message = _("Foto diperbarui.")


class InstitutionPhotoDeleteView(InstitutionPhotoMixin, ManagerDeleteView):
    pass


# Manager portal: instructors ----------------------------------------------------------


class InstructorListView(ManagerListView):
    model = Instructor
    template_name = "institutions/manager/instructor_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("field")
            .annotate(
                certificate_count=Count("certificates", distinct=True),
                training_count=Count("trainings", distinct=True),
            )
            .order_by("-is_active", "full_name", "pk")
        )


class InstructorFormsetsMixin:
    """An instructor with their certificates and trainings, on one page, saved together.

    The formsets' parent is the form's instance: the instructor fetched within the BLKK (or
    a new one of it), so no row of another BLKK's instructor can be read or written.
    """

    model = Instructor
    form_class = InstructorForm
    template_name = "institutions/manager/instructor_form.html"
    success_url_name = "manager:instructor-list"
    formset_classes = {
        "certificates": InstructorCertificateFormSet,
        "trainings": InstructorTrainingFormSet,
    }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        self.formsets = {
            prefix: formset_class(*data, instance=form.instance, prefix=prefix)
            for prefix, formset_class in self.formset_classes.items()
        }
        return form

    def form_valid(self, form):
        if not all(formset.is_valid() for formset in self.formsets.values()):
            return self.form_invalid(form)
        with transaction.atomic():
            response = super().form_valid(form)
            for formset in self.formsets.values():
                formset.save()
        return response

    def form_invalid(self, form):
        messages.error(self.request, _("Data belum tersimpan. Periksa isian yang ditandai."))
        return super().form_invalid(form)

    def get_success_url(self):
        if "lanjut" in self.request.POST:
            return reverse("manager:instructor-update", kwargs={"pk": self.object.pk})
        return super().get_success_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "formsets": self.formsets}


class InstructorCreateView(InstructorFormsetsMixin, ManagerCreateView):
    success_message = _("Instruktur %(full_name)s ditambahkan.")


class InstructorUpdateView(InstructorFormsetsMixin, ManagerUpdateView):
    success_message = _("Data instruktur %(full_name)s disimpan.")


class InstructorDeleteView(ManagerDeleteView):
    """Deletes an instructor, unless programs name them: then they are deactivated instead.

    Removing an instructor from the programs they taught would rewrite those programs'
    records; a deactivated instructor keeps them and can no longer be mistaken as current.
    """

    model = Instructor
    template_name = "institutions/manager/instructor_confirm_delete.html"
    success_url_name = "manager:instructor-list"

    def taught_programs(self):
        # The relation is declared by trainings (``TrainingProgram.instructors``).
        return self.object.programs.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(programs=list(self.taught_programs()[:10]), **kwargs)

    def form_valid(self, form):
        if "nonaktifkan" in self.request.POST:
            self.object.is_active = False
            self.object.save(update_fields=["is_active", "updated_at"])
            messages.success(self.request, _("%(object)s dinonaktifkan.") % {"object": self.object})
            return HttpResponseRedirect(self.get_success_url())
        if self.taught_programs().exists():
            messages.error(
                self.request,
                _(
                    "%(object)s tidak dihapus karena tercatat sebagai instruktur program "
                    "pelatihan. Nonaktifkan saja bila ia tidak lagi mengajar."
                )
                % {"object": self.object},
            )
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class InstitutionsSection(ManagerPortalSection):
    """The BLKK's profile and instructors in the manager portal's menu."""

    menu = (
        ("manager:institution-update", _("Profil BLKK")),
        ("manager:instructor-list", _("Instruktur")),
    )
