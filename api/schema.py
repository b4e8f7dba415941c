"""The OpenAPI schema's shared parts: the answers every endpoint may give besides 200.

``ApiAutoSchema`` adds to each operation the error answers it can really give, each with the
body DRF sends: 400 where the query has parameters, 401 everywhere (a wrong token is refused
even on public data), 403 where a token is required, 404 for items and pages, 429 for the
throttle, each in JSON whatever the format asked. Lists also document ``format`` (``json``
or ``csv``).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from rest_framework import serializers
from rest_framework.permissions import AllowAny


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Apa yang salah, dalam bahasa pembaca."))


FIELD_ERRORS = {
    "type": "object",
    "description": _("Parameter yang tidak valid, masing-masing dengan pesannya."),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {
            "401": _("Token tidak dikenal, dicabut atau kedaluwarsa."),
            "404": _("Tidak ditemukan: item, halaman atau format yang tidak ada."),
            "429": _("Terlalu banyak permintaan; coba lagi setelah waktu di Retry-After."),
        }
        if not self._is_public():
            errors["403"] = _("Token ini tidak membuka data ini.")
        for status, description in errors.items():
            responses.setdefault(status, self._error_response(ErrorSerializer, status, description))
        if self._has_query_parameters():
            responses.setdefault(
                "400", self._error_response(FIELD_ERRORS, "400", _("Parameter tidak valid."))
            )
        return responses

    def _error_response(self, body, status, description):
        response = self._get_response_for_code(body, status, direction="response")
        # Errors are answered in JSON, even to a request for CSV (base.ConditionalMixin).
        response["content"] = {"application/json": response["content"]["application/json"]}
        response["description"] = str(description)
        return response

    def _is_public(self) -> bool:
        return all(isinstance(permission, AllowAny) for permission in self.view.get_permissions())

    def _has_query_parameters(self) -> bool:
        return any(parameter["in"] == "query" for parameter in self._get_parameters())

    def _resolve_path_parameters(self, variables):
        """An item's key (``{slug}``, ``{code}``) described as its field in the answer is."""
        parameters = super()._resolve_path_parameters(variables)
        fields = getattr(force_instance(self.get_response_serializers()), "fields", {})
        for parameter in parameters:
            field = fields.get(parameter["name"])
            if field is not None and field.help_text:
                parameter["description"] = str(field.help_text)
        return parameters

    def _get_format_parameters(self):
        parameters = super()._get_format_parameters()
        for parameter in parameters:
            parameter["description"] = str(
                _("Format jawaban; sama dengan header Accept (application/json, text/csv).")
            )
        return parameters
