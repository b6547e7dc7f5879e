from django.urls import path

from . import views
from .atom import NewEventsFeed

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("past/", views.event_archive, name="past"),
    path("calendar.ics", views.feed, name="feed"),
    path("new.atom", NewEventsFeed(), name="atom"),
    path("networks/<slug:slug>/calendar.ics", views.network_feed, name="network_feed"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_feed, name="event_feed"),
    path("<slug:slug>/image", views.event_image, name="image"),
]
