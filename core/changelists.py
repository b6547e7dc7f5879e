"""Changelists that stay quick at 100 rows a page of thousands (core.admin's ExportCsvMixin,
on every list of ours, includes QuickListMixin). Each part gives exactly what Django's own
would (tests/core/test_admin_lists.py compares them): only the way there is shorter."""

import datetime
import functools

from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db.models import Exists, Max, Min
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


class IndexedPeriods:
    """A queryset whose list of periods at the top of the admin's date hierarchy (years, or
    the months or days of a list that spans less) asks, in one query, for each period from
    the first row's to the last's, whether a row falls in it: a look in an index of the field
    each, where DISTINCT DATE_TRUNC reads every row (22 ms over 50,000 events).

    Django's date_hierarchy tag first asks this queryset for the first and last values
    (aggregate(first=Min(field), last=Max(field))), and those bounds are kept and used: the
    list costs the same number of queries as Django's own. Without them (a year or month
    already chosen, where the filter bounds Django's own query), or over more than
    MAX_PERIODS, the periods are listed as Django lists them."""

    MAX_PERIODS = 60

    def aggregate(self, *args, **kwargs):
        result = super().aggregate(*args, **kwargs)
        first, last = kwargs.get("first"), kwargs.get("last")
        if not args and len(kwargs) == 2 and isinstance(first, Min) and isinstance(last, Max):
            field, same = (
                getattr(e.get_source_expressions()[0], "name", None) for e in (first, last)
            )
            if field and field == same:
                self._hierarchy_bounds = {field: result}
        return result

    def _periods(self, field_name, kind, order, zone):
        bounds = getattr(self, "_hierarchy_bounds", {}).get(field_name)
        if bounds is None or kind not in STEPS:
            return None
        if bounds["first"] is None:
            return []
        first, last = (as_date(bounds[end], zone) for end in ("first", "last"))
        try:
            periods = self._spans(first, last, STEPS[kind], FIRSTS[kind])
        except (ValueError, OverflowError):  # the calendar's end (9999) is in the list
            return None
        if periods is None:
            return None
        # One query, whatever the span: an EXISTS for each period, each a look in the index.
        probes = {
            f"in_{i}": Exists(
                self.filter(
                    **{
                        f"{field_name}__gte": as_bound(begin, zone),
                        f"{field_name}__lt": as_bound(end, zone),
                    }
                )
            )
            for i, (begin, end) in enumerate(periods)
        }
        row = self.model._base_manager.order_by().annotate(**probes).values_list(*probes).first()
        if row is None:  # every row deleted since the bounds were asked
            return []
        found = [begin for (begin, _), has_rows in zip(periods, row, strict=True) if has_rows]
        return found if order == "ASC" else found[::-1]

    def _spans(self, first, last, step, period_of):
        """[(first day, first day of the next)] of each period from first's to last's, or
        None if there are more than MAX_PERIODS."""
        periods, begin = [], period_of(first)
        while begin <= last:
            if len(periods) == self.MAX_PERIODS:
                return None
            end = step(begin)
            periods.append((begin, end))
            begin = end
        return periods

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        zone = tzinfo or timezone.get_current_timezone()
        found = self._periods(field_name, kind, order, zone)
        if found is None:
            return super().datetimes(field_name, kind, order, tzinfo)
        return [datetime.datetime.combine(day, datetime.time(), zone) for day in found]

    def dates(self, field_name, kind, order="ASC"):
        found = self._periods(field_name, kind, order, None)
        return super().dates(field_name, kind, order) if found is None else found


def as_date(value, zone):
    return timezone.localtime(value, zone).date() if zone else value


def as_bound(day, zone):
    return datetime.datetime.combine(day, datetime.time(), zone) if zone else day


def next_month(day):
    return (
        day.replace(year=day.year + 1, month=1)
        if day.month == 12
        else day.replace(month=day.month + 1)
    )


# The first day of the period a day is in, and from it to the first day of the next.
FIRSTS = {
    "year": lambda day: day.replace(month=1, day=1),
    "month": lambda day: day.replace(day=1),
    "day": lambda day: day,
}
STEPS = {
    "year": lambda day: day.replace(year=day.year + 1),
    "month": next_month,
    "day": lambda day: day + datetime.timedelta(days=1),
}


@functools.cache
def with_indexed_periods(queryset_class):
    return type(f"IndexedPeriods{queryset_class.__name__}", (IndexedPeriods, queryset_class), {})


class QuickChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if not isinstance(queryset, IndexedPeriods):
            # The same queryset, as the class that lists its periods from the index.
            queryset.__class__ = with_indexed_periods(type(queryset))
        return queryset


class QuickInput:
    """An <input> widget written directly: the HTML Django's input.html and attrs.html
    templates write, without the template engine (about 0.2 ms a widget; a list of 100
    editable rows has 200)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        # Each part escaped by format_html, so the whole is safe.
        attributes = mark_safe(
            "".join(
                format_html(" {}", key) if given is True else format_html(' {}="{}"', key, given)
                for key, given in widget["attrs"].items()
                if given is not False
            )
        )
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, attributes
        )


@functools.cache
def quick_input(widget_class):
    return type(f"Quick{widget_class.__name__}", (QuickInput, widget_class), {})


def make_quick(widget):
    """The widget, written directly if it is a plain <input> (its template Django's own)."""
    plain = (
        isinstance(widget, forms.widgets.Input)
        and widget.template_name == f"django/forms/widgets/{widget.input_type}.html"
        and type(widget).render is forms.Widget.render  # nor a render() of its own
    )
    if plain and not isinstance(widget, QuickInput):
        widget.__class__ = quick_input(type(widget))
    return widget


class QuickListMixin:
    """What every changelist of ours does faster than Django's own at 100 rows a page of
    thousands: each row's selection checkbox and editable fields written directly (the same
    HTML as Django's widgets, which go through the form renderer's templates at about 0.2 ms
    each), and the date hierarchy's periods from the index (IndexedPeriods)."""

    def get_changelist(self, request, **kwargs):
        return QuickChangeList

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)

        class QuickFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    make_quick(field.widget)

        return QuickFormSet

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )
