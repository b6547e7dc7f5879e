from django.urls import include, path

from networks.content import views as content_views
from networks.directory import views as directory_views
from networks.finding import open_data
from networks.finding import views as finding_views
from networks.freshness import views as freshness_views

app_name = "networks"

urlpatterns = [
    path("", directory_views.home, name="home"),
    path("networks/", directory_views.network_list, name="list"),
    path("networks/<slug:slug>/", directory_views.network_detail, name="detail"),
    path("networks/<slug:slug>/suggest/", freshness_views.suggest, name="suggest"),
    path(
        "networks/<slug:slug>/suggest/confirmation/",
        freshness_views.suggest_done,
        name="suggest_done",
    ),
    path("contacts/confirm/<str:token>/", freshness_views.confirm_contact, name="confirm_contact"),
    path("contacts/confirmed/", freshness_views.contact_confirmed, name="contact_confirmed"),
    path(
        "contacts/changes-sent/",
        freshness_views.contact_changes_sent,
        name="contact_changes_sent",
    ),
    path("search/", finding_views.search_page, name="search"),
    path("resources/", content_views.resources, name="resources"),
    path(
        "resources/<slug:slug>/download/",
        content_views.resource_download,
        name="resource_download",
    ),
    path("open-data/", open_data.open_data, name="open_data"),
    path("api/hsds/", include("networks.hsds.urls")),
    *[
        path(f"open-data/{name}.{fmt}", view, {"fmt": fmt}, name=f"{name}_{fmt}")
        for name, view in [
            ("networks", open_data.networks_export),
            ("events", open_data.events_export),
        ]
        for fmt in ("csv", "json")
    ],
]
