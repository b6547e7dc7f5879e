"""Template tags for the directory's own pages."""

from django import template

from core.templatetags.site_tags import json_ld
from networks.directory.structured_data import network_data

register = template.Library()


@register.simple_tag(takes_context=True)
def organization_json_ld(context, network):
    """A network's schema.org Organization, as a JSON-LD script block."""
    return json_ld(network_data(network, context["request"].build_absolute_uri))
