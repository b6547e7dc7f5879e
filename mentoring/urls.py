from django.urls import path

from . import register, views

app_name = "mentoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("volunteer/", views.volunteer, name="volunteer"),
    path("volunteer/confirmation/", views.volunteer_done, name="volunteer_done"),
    path("request/", views.support_request, name="request"),
    path("request/confirmation/", views.support_request_done, name="request_done"),
    path("withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("register/", register.register, name="register"),
    path("register/listing/<str:token>/", register.listing, name="listing"),
]
