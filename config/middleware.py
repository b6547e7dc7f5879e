import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


def permissions_policy(get_response):
    """Add a Permissions-Policy header: the site needs no camera, location, payment..."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


OPEN_API_PREFIX = "/api/"


def open_api_cors(get_response):
    """Any origin may read the open APIs (the HSDS API under /api/hsds/), 304 Not Modified
    included: ConditionalGetMiddleware, inside this one, makes those from a page-cache hit and
    keeps only the headers RFC 9110 names."""

    def middleware(request):
        response = get_response(request)
        if request.path.startswith(OPEN_API_PREFIX):
            response.headers.setdefault("Access-Control-Allow-Origin", "*")
            response.headers.setdefault("Access-Control-Expose-Headers", "ETag, Last-Modified")
        return response

    return middleware


DATABASE_LOST = (OperationalError, InterfaceError)


def unavailable(request, exception, *, outside_the_view=False):
    logger.warning("Database unavailable: %s", type(exception).__name__)
    context = {"outside_the_view": outside_the_view}
    try:
        response = render(request, "503.html", context, status=503)
    except Exception:  # the page itself failed: still a 503, never a bare 500
        logger.exception("The 503 page could not be rendered")
        response = HttpResponse(
            "Sorry, the service is unavailable. Please try again in a minute.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response["Retry-After"] = "30"
    return response


def database_unavailable(get_response):
    """While the database cannot be reached (a restart, a failover), answer 503 with a page that
    says nothing was saved, instead of a bare 500. Nothing is retried here: the visitor is told
    to try again, and persistent connections are health-checked on the next request."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if isinstance(exception, DATABASE_LOST):
            return unavailable(request, exception)
        return None

    middleware.process_exception = process_exception
    return middleware
