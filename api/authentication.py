"""Who calls the API: anonymous, or the owner of an ``ApiToken`` (``Authorization: Bearer``)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework_api_key.permissions import KeyParser

from .models import ApiToken


class BearerKeyParser(KeyParser):
    keyword = "Bearer"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """A token that is unknown, revoked or expired, or whose owner no longer holds its access,
    is refused with 401 rather than read as anonymous: the client learns its token stopped
    working instead of silently getting less data."""

    key_parser = BearerKeyParser()

    def authenticate(self, request):
        key = self.key_parser.get(request)
        if key is None:
            return None
        try:
            token = ApiToken.objects.get_from_key(key)
        except ApiToken.DoesNotExist:
            raise exceptions.AuthenticationFailed(
                _("Token tidak dikenal, sudah dicabut, atau sudah kedaluwarsa.")
            ) from None
        if not token.owner_holds_access():
            raise exceptions.AuthenticationFailed(
                _("Pemilik token ini tidak lagi memegang aksesnya; minta token baru.")
            )
        token.record_use()
        return token.owner, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema: HTTP bearer, optional on the public endpoints."""

    target_class = ApiTokenAuthentication
    name = "tokenApi"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "Token dari sekretariat forum. Token Disnaker membuka rincian agregat dan "
                    "pendaftaran; token pengelola membuka pendaftaran dan peserta BLKK-nya."
                )
            ),
        }
