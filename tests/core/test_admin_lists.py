"""Every changelist's faster parts (core.admin.QuickListMixin) give exactly what Django's own
would: the rows' selection checkboxes, and the date hierarchy's years, months and days."""

import copy
import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib import admin
from django.db import connection
from django.db.models import Max, Min
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.changelists import IndexedPeriods, make_quick, with_indexed_periods
from networks.models import Event, NetworkRole
from tests.networks.factories import EventFactory, NetworkFactory, NetworkRoleFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def indexed(queryset, field):
    """The queryset as a changelist has it, once the date hierarchy has asked its bounds."""
    queryset = queryset._chain()
    queryset.__class__ = with_indexed_periods(type(queryset))
    queryset.aggregate(first=Min(field), last=Max(field))
    return queryset


def at(*moment):
    start = datetime.datetime(*moment, tzinfo=UTC)
    return EventFactory(start=start, end=start + datetime.timedelta(hours=2))


@pytest.fixture
def events_across_years():
    # Instants either side of London's midnights: 23:30 UTC on 30 June is 1 July in London
    # (summer time), 23:30 UTC on 31 December is still 31 December (GMT). No events in 2026.
    for moment in [
        (2025, 6, 30, 23, 30),
        (2025, 7, 1, 9),
        (2025, 12, 31, 23, 30),
        (2027, 1, 1, 0, 30),
        (2027, 3, 29, 0, 30),
        (2027, 3, 30, 10),
    ]:
        at(*moment)


@pytest.mark.parametrize("order", ["ASC", "DESC"])
@pytest.mark.parametrize(
    ("kind", "within"),
    [
        ("year", {}),
        ("month", {"start__year": 2025}),
        ("month", {}),
        ("day", {"start__year": 2025, "start__month": 7}),
        ("day", {"start__year": 2027}),
        ("day", {}),  # more days than it looks at one by one: Django's own answer
    ],
)
def test_the_date_hierarchy_lists_the_periods_djangos_own_query_finds(
    events_across_years, kind, within, order
):
    events = Event.objects.filter(**within)
    django = list(events.datetimes("start", kind, order))
    assert django  # the case has periods to find
    assert list(indexed(events, "start").datetimes("start", kind, order)) == django


@pytest.mark.parametrize("kind", ["year", "month", "day"])
def test_dates_of_a_date_field_too(kind):
    for day in [datetime.date(2025, 1, 31), datetime.date(2025, 2, 1), datetime.date(2027, 2, 3)]:
        NetworkRoleFactory(confirmed_on=day)
    roles = NetworkRole.objects.all()
    if kind == "day":
        roles = roles.filter(confirmed_on__year=2025, confirmed_on__month=1)
    django = list(roles.dates("confirmed_on", kind))
    assert list(indexed(roles, "confirmed_on").dates("confirmed_on", kind)) == django


@pytest.mark.parametrize("kind", ["year", "month", "day"])
def test_the_last_day_of_the_calendar_is_listed_as_django_lists_it(kind):
    NetworkRoleFactory(confirmed_on=datetime.date(9999, 12, 31))
    roles = NetworkRole.objects.all()
    django = list(roles.dates("confirmed_on", kind))
    assert list(indexed(roles, "confirmed_on").dates("confirmed_on", kind)) == django


def test_no_rows_no_periods():
    assert indexed(Event.objects.all(), "start").datetimes("start", "year") == []


def test_the_periods_come_from_the_index_in_one_query_once_the_bounds_are_known(
    events_across_years, django_assert_num_queries
):
    events = indexed(Event.objects.all(), "start")
    with django_assert_num_queries(1) as queries:
        years = events.datetimes("start", "year")
    assert [year.year for year in years] == [2025, 2027]
    assert "DISTINCT" not in queries[0]["sql"]
    # Without the bounds (a year already chosen), Django's own query lists them.
    unbounded = Event.objects.filter(start__year=2027)._chain()
    unbounded.__class__ = with_indexed_periods(type(unbounded))
    with django_assert_num_queries(1) as queries:
        months = list(unbounded.datetimes("start", "month"))
    assert [month.month for month in months] == [1, 3]
    assert "DISTINCT" in queries[0]["sql"]


def test_the_events_list_finds_its_years_from_the_index_not_by_reading_every_event(
    admin_client, events_across_years
):
    with CaptureQueriesContext(connection) as queries:
        html = admin_client.get(reverse("admin:networks_event_changelist")).content.decode()
    assert 'href="?start__year=2025"' in html
    assert 'href="?start__year=2027"' in html
    assert 'href="?start__year=2026"' not in html
    assert not [query for query in queries if "DISTINCT" in query["sql"]]


def test_a_rows_checkbox_is_the_html_djangos_widget_writes():
    event = EventFactory(title='A "quoted" <b>title</b> & more')
    model_admin = admin.site._registry[Event]
    assert model_admin.action_checkbox(event) == admin.ModelAdmin.action_checkbox(
        model_admin, event
    )


def test_every_changelist_of_ours_is_a_quick_one():
    ours = [
        model_admin
        for model_admin in admin.site._registry.values()
        if type(model_admin).__module__.split(".")[0] in {"core", "networks", "mentoring"}
    ]
    assert ours
    for model_admin in ours:
        changelist = model_admin.get_changelist(None)
        assert changelist.get_queryset.__qualname__.startswith("QuickChangeList"), model_admin
    assert issubclass(with_indexed_periods(type(Event.objects.all())), IndexedPeriods)


@pytest.mark.parametrize(
    "widget",
    [
        forms.NumberInput(attrs={"class": "vIntegerField", "required": True, "disabled": False}),
        forms.HiddenInput(),
        forms.TextInput(attrs={"aria-describedby": 'x" onmouseover="y', "size": 10}),
        forms.CheckboxInput(),
        forms.EmailInput(attrs={"autocomplete": "email"}),
    ],
    ids=lambda widget: type(widget).__name__,
)
@pytest.mark.parametrize("value", [None, "", 0, 7, True, False, "<b>\"&'</b>"])
def test_an_editable_rows_inputs_are_the_html_djangos_widgets_write(widget, value):
    attrs = {"id": "id_form-0-field"}
    django = widget.render("form-0-field", value, attrs)
    quick = make_quick(copy.deepcopy(widget))
    assert type(quick).__name__.startswith("Quick")
    assert quick.render("form-0-field", value, attrs) == django


def test_a_widget_with_its_own_template_or_render_is_left_to_it():
    class Marked(forms.TextInput):
        def render(self, *args, **kwargs):
            return "marked " + super().render(*args, **kwargs)

    for widget in (forms.ClearableFileInput(), Marked()):
        assert not type(make_quick(widget)).__name__.startswith("Quick")


def test_the_networks_list_edits_display_order_with_quick_inputs(admin_client):
    network = NetworkFactory(display_order=4)
    response = admin_client.get(reverse("admin:networks_network_changelist"))
    html = response.content.decode()
    assert f'name="form-0-id" value="{network.pk}"' in html
    assert 'name="form-0-display_order" value="4"' in html
