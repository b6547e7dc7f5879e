from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config.sitemaps import SITEMAPS
from config.views import healthz
from core.page_cache import reads_query
from networks.content import views as content_views

admin.site.site_header = "Skills sharing: MDO staff"
admin.site.site_title = "Skills sharing admin"
admin.site.index_title = "Directory and calendar"

handler500 = "config.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("mentoring/", include("mentoring.urls")),
    path("privacy/", content_views.privacy, name="privacy"),
    path("accessibility/", content_views.accessibility, name="accessibility"),
    path("robots.txt", content_views.robots, name="robots"),
    path("sitemap.xml", reads_query("p")(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("networks.booking.urls")),
    path("events/", include("networks.calendar.urls")),
    path("manage/", include("networks.manage.urls")),
    path("", include("networks.urls")),
]
# Uploaded documents are downloaded through networks.content_views.resource_download; this only lets
# the admin's "Currently:" link open a file under runserver.
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
