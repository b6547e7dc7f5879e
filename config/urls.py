from django.contrib import admin
from django.urls import include, path

from config.views import healthz
from mentoring.views import privacy

admin.site.site_header = "Skills sharing: MDO staff"
admin.site.site_title = "Skills sharing admin"
admin.site.index_title = "Directory and calendar"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("mentoring/", include("mentoring.urls")),
    path("privacy/", privacy, name="privacy"),
    path("events/", include("networks.event_urls")),
    path("", include("networks.urls")),
]
