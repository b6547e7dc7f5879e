"""A contact's own pages: signing in by an emailed link, their networks, their details."""

from django.urls import path

from . import account

urlpatterns = [
    path("", account.start, name="start"),
    path("link-sent/", account.link_sent, name="link_sent"),
    path("sign-in/<str:token>/", account.open_link, name="open_link"),
    path("sign-out/", account.sign_out_view, name="sign_out"),
    path("signed-out/", account.signed_out, name="signed_out"),
    path("home/", account.home, name="home"),
    path("home/confirm/", account.confirm_details, name="confirm_details"),
    path("your-details/", account.edit_contact, name="edit_contact"),
    path("roles/<int:role_id>/hand-over/", account.hand_over, name="hand_over"),
    path("hand-over/<str:token>/", account.accept_handover, name="accept_handover"),
    path("networks/<slug:slug>/details/", account.edit_network, name="edit_network"),
    path("networks/<slug:slug>/details/saved/", account.network_saved, name="network_saved"),
]
