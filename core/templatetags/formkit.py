from django import template

from core import forms
from core.dates import describe_period

register = template.Library()


@register.filter
def field_kind(bound_field):
    return forms.field_kind(bound_field)


@register.filter
def period(value):
    """A timedelta or a number of seconds in words: "15 minutes", "an hour"."""
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else value
    return describe_period(int(seconds))


@register.filter
def date_parts(bound_field):
    """Each box of a date field: id, name, label, width and the value as typed."""
    widget = bound_field.field.widget
    value = bound_field.value()
    if not isinstance(value, list | tuple):
        value = widget.decompress(value)
    return [
        {
            "id": f"{bound_field.auto_id}_{name}",
            "name": f"{bound_field.html_name}_{name}",
            "label": label,
            "width": width,
            "value": "" if part is None else part,
        }
        for (name, label, width), part in zip(widget.parts, value, strict=False)
    ]
