"""Import and export of alumni enterprises, keyed by slug; the owner by NIK and program."""

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from core.resources import DomainResource
from trainings.models import Enrollment

from .models import Enterprise


class EnterpriseResource(DomainResource):
    # The owner is a graduate's enrollment: two columns name it, the trainee's NIK and the
    # program's slug. import_derived_fields reads them.
    owner_nik = Field(attribute="owner__trainee__nik", column_name=_("NIK pemilik"), readonly=True)
    owner_program = Field(
        attribute="owner__program__slug", column_name=_("Slug program pemilik"), readonly=True
    )

    class Meta:
        model = Enterprise
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "owner_nik",
            "owner_program",
            "sector",
            "description",
            "district",
            "village",
            "business_address",
            "started_on",
            "workers",
            "monthly_revenue",
            "business_phone",
            "order_info",
            "owner_consents_to_publish",
            "consent_recorded_on",
            "is_published",
        ]

    def import_derived_fields(self, instance, row):
        nik, program = (
            str(row.get(self.fields[name].column_name) or "").strip()
            for name in ("owner_nik", "owner_program")
        )
        owner = Enrollment.objects.filter(trainee__nik=nik, program__slug=program).first()
        if owner is None:
            return {
                "owner": [
                    _("Peserta dengan NIK “%(nik)s” tidak terdaftar di program “%(program)s”.")
                    % {"nik": nik, "program": program}
                ]
            }
        instance.owner = owner
        return {}
