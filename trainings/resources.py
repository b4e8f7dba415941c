"""Import and export of programs (by slug), trainees (by NIK) and enrollments (by both)."""

from import_export.fields import Field

from core.resources import DomainResource

from .models import Enrollment, FundingSource, PBKAssistance, Trainee, TrainingProgram


class TrainingProgramResource(DomainResource):
    class Meta:
        model = TrainingProgram
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "institution",
            "field",
            "description",
            "competencies",
            "requirements",
            "schedule",
            "location",
            "start_date",
            "end_date",
            "registration_closes",
            "hours",
            "quota",
            "min_age",
            "max_age",
            "funding_source",
            "status",
        ]

    def import_derived_fields(self, instance, row):
        """A PBK-funded program draws on its BLKK's PBK grant of that year and kejuruan."""
        instance.pbk_assistance = None
        if instance.funding_source == FundingSource.PBK and instance.start_date:
            instance.pbk_assistance = PBKAssistance.objects.filter(
                institution_id=instance.institution_id,
                field_id=instance.field_id,
                year=instance.start_date.year,
            ).first()
        return {}


class TraineeResource(DomainResource):
    class Meta:
        model = Trainee
        import_id_fields = ["nik"]
        fields = [*Trainee.IDENTITY_FIELDS, *Trainee.CONTACT_FIELDS]


class EnrollmentResource(DomainResource):
    reference_code = Field(attribute="reference_code", readonly=True)

    class Meta:
        model = Enrollment
        import_id_fields = ["trainee", "program"]
        fields = [
            "trainee",
            "program",
            "reference_code",
            "status",
            "competency_result",
            *Enrollment.CERTIFICATE_FIELDS,
            "decided_on",
            "completed_on",
            "note",
        ]
