from django.urls import path

from . import views

app_name = "booking"

urlpatterns = [
    path("events/<slug:slug>/book/", views.book, name="book"),
    path("events/<slug:slug>/book/done/", views.done, name="done"),
    path("bookings/<str:token>/", views.manage, name="manage"),
    path("bookings/<str:token>/change/", views.change, name="change"),
]
