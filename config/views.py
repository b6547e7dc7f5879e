import sys

from django.db import connection
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache

from config.middleware import DATABASE_LOST, unavailable
from core import cache_health


@never_cache
def healthz(request):
    """For the load balancer: 503 when the app cannot reach its database, else 200.

    The cache failing is reported ("status": "degraded") but answered with 200: pages are then
    served uncached and forms accepted, so the app still works, and every app server shares the
    one cache, so a 503 would take them all out of service at once. Alert on "degraded"."""
    cache_error = cache_health.probe()
    cache = {"cache": "degraded", "cache_error": cache_error} if cache_error else {"cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy", never a 500
        return JsonResponse(
            {"status": "error", "database": type(error).__name__, **cache}, status=503
        )
    status = "degraded" if cache_error else "ok"
    return JsonResponse({"status": status, "database": "ok", **cache})


def server_error(request):
    """handler500. The database lost outside a view (a staff session read or saved by the
    middleware, say) is a 503 with its Retry-After, as it is inside one, not a 500."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_LOST):
        return unavailable(request, exception, outside_the_view=True)
    return defaults.server_error(request)
