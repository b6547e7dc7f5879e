import sys

from django.db import connection
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache

from config.middleware import DATABASE_LOST, unavailable


@never_cache
def healthz(request):
    """For the load balancer: 200 when the app can reach its database, 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy", never a 500
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """handler500. The database lost outside a view (a staff session read or saved by the
    middleware, say) is a 503 with its Retry-After, as it is inside one, not a 500."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_LOST):
        return unavailable(request, exception, outside_the_view=True)
    return defaults.server_error(request)
