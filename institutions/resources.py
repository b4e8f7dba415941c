"""Import and export of BLKK (CSV/XLSX), keyed by slug."""

from core.resources import DomainResource

from .models import Institution


class InstitutionResource(DomainResource):
    class Meta:
        model = Institution
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "host_type",
            "host_name",
            "host_legal_form",
            "kemnaker_class",
            "year_built",
            "primary_field",
            "fields",
            "district",
            "village",
            "address",
            "latitude",
            "longitude",
            "public_phone",
            "public_email",
            "website",
            "description",
            "facilities",
            "is_active",
            "is_published",
        ]
