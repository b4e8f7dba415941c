"""The base map the BLKK maps draw their markers on (``settings.MAP_TILES_URL``)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def map_tiles_url() -> str:
    return settings.MAP_TILES_URL
