"""/api/hsds/: the paths of HSDS 3.0's openapi.json, without trailing slashes as there."""

from django.urls import path, re_path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.root, name="root"),
    path("services", views.services, name="services"),
    path("services/<str:id>", views.service, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:id>", views.organization, name="organization"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", views.taxonomy_term, name="taxonomy_term"),
    # Anything else under /api/hsds/ is answered in JSON too, and points to the documentation.
    re_path(r"^(?P<path>.+)$", views.not_found, name="not_found"),
]
