from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.home, name="home"),
    path("networks/", views.network_list, name="list"),
    path("networks/<slug:slug>/", views.network_detail, name="detail"),
]
