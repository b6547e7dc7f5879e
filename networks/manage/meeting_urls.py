"""/manage/networks/<slug>/meetings/: a network's contacts post its meetings."""

from django.urls import path

from . import meetings

urlpatterns = [
    path("networks/<slug:slug>/meetings/", meetings.meeting_list, name="meetings"),
    path("networks/<slug:slug>/meetings/add/", meetings.add_meeting, name="add_meeting"),
    path(
        "networks/<slug:slug>/meetings/<slug:event>/change/",
        meetings.change_meeting,
        name="change_meeting",
    ),
    path(
        "networks/<slug:slug>/meetings/<slug:event>/copy/",
        meetings.copy_meeting,
        name="copy_meeting",
    ),
    path(
        "networks/<slug:slug>/meetings/<slug:event>/cancel/",
        meetings.cancel_meeting,
        name="cancel_meeting",
    ),
]
