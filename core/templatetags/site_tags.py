import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.text import render_markdown

register = template.Library()

# As django.utils.html.json_script escapes: no "</script>" or HTML can end the block early.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter(name="markdown")
def markdown_filter(value):
    return render_markdown(value)


@register.filter
def json_ld(data):
    """A schema.org object as a JSON-LD script block."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_ESCAPES)),  # escaped on the line above
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def webcal_url(context, path):
    """The webcal:// address of a feed: calendar programs open it as a subscription."""
    return "webcal://" + context["request"].get_host() + path


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's own address, without its query string: the default canonical link."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request else ""


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered (and so escaped) already: keep it safe, in one line without spare spaces.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}...{% endcapture %}: render the content once into `name`, so that one
    block (the page's title, its description) can be used in several places."""
    try:
        _, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture takes one argument: a name") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)
