"""/manage/networks/<slug>/suggestions/: what the public suggested about a contact's network."""

from django.urls import path

from . import suggestions

urlpatterns = [
    path("networks/<slug:slug>/suggestions/", suggestions.suggestions, name="suggestions"),
    path(
        "networks/<slug:slug>/suggestions/<int:pk>/",
        suggestions.close_suggestion,
        name="close_suggestion",
    ),
]
