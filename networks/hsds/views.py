"""The HSDS 3.0 API: the paths, query parameters and pagination of the specification's
openapi.json, read-only, open to any origin, no key needed.

Filters combine (all must hold). A parameter with a value we cannot read gets 400 and says
why; an identifier we do not know gets 404; both as JSON. Every view is conditional on when
public content last changed (Last-Modified, 304 Not Modified) and declares the parameters it
reads for the page cache.
"""

import datetime
import functools
import math
import uuid

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from core.page_cache import reads_query
from networks.directory.models import Network, NetworkRole
from networks.last_modified import directory_conditional
from networks.places.models import SubRegion, Topic

from . import mapping

PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_SEARCH = 200
PAGE = ("page", "per_page", "format")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class ApiError(Exception):
    def __init__(self, status, message, parameter=None):
        super().__init__(message)
        self.status, self.message, self.parameter = status, message, parameter


def bad(parameter, message):
    return ApiError(400, message, parameter)


def error_response(status, message, parameter=None):
    data = {"status": status, "error": message}
    if parameter:
        data["parameter"] = parameter
    return JsonResponse(data, status=status)


def api(view):
    """JSON errors and CORS for every origin (preflight included). ETags and 304 come from
    ConditionalGetMiddleware, and config.middleware.open_api_cors gives its 304s the CORS
    header too."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = error_response(405, f"Only {ALLOWED_METHODS} are allowed: read-only API.")
            response["Allow"] = ALLOWED_METHODS
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                response = error_response(error.status, error.message, error.parameter)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        return response

    return wrapped


def endpoint(*query):
    """An API view: reads these query parameters (declared for the page cache), answers
    If-Modified-Since from the directory's content clock, and speaks JSON."""

    def decorator(view):
        return reads_query(*query)(api(directory_conditional(view)))

    return decorator


def json_response(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


# --- Reading parameters -----------------------------------------------------------------------


def boolean(request, name):
    value = request.GET.get(name, "")
    if value.lower() in ("", "false", "0"):
        return False
    if value.lower() in ("true", "1"):
        return True
    raise bad(name, f"{name} must be true or false, not “{value[:50]}”.")


def identifier(request, name):
    """A UUID parameter, in its canonical form, or None when absent."""
    value = request.GET.get(name, "")
    if not value:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        message = f"{name} must be a UUID, such as one of our ids, not “{value[:50]}”."
        raise bad(name, message) from None


def search_text(request):
    value = request.GET.get("search", "").strip()
    if len(value) > MAX_SEARCH:
        raise bad("search", f"search must be at most {MAX_SEARCH} characters.")
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise bad("search", "search must not contain control characters.")
    return value


def modified_after(request):
    value = request.GET.get("modified_after", "")
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        day = None if moment else parse_date(value)
    except ValueError:
        moment = day = None
    if day:
        moment = datetime.datetime.combine(day, datetime.time())
    if moment is None:
        raise bad(
            "modified_after",
            "modified_after must be an ISO 8601 date or date-time, such as 2026-03-01 or "
            "2026-03-01T09:30:00Z (write + in an offset as %2B).",
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def check_format(request):
    value = request.GET.get("format", "")
    if value and value.lower() != "json":
        raise bad("format", f"format must be json, the only format served, not “{value[:50]}”.")


def page_numbers(request):
    check_format(request)
    numbers = {}
    for name, default, highest in [("page", 1, None), ("per_page", PER_PAGE, MAX_PER_PAGE)]:
        value = request.GET.get(name, "")
        try:
            number = int(value) if value else default
        except ValueError:
            number = 0
        if number < 1 or (highest and number > highest):
            limit = f"from 1 to {highest}" if highest else "1 or more"
            raise bad(name, f"{name} must be a whole number {limit}, not “{value[:50]}”.")
        numbers[name] = number
    return numbers["page"], numbers["per_page"]


def paginated(request, rows, count, serialise):
    """The specification's Page: counts, flags and this page's contents. `rows` is a queryset
    or a list, sliced to the page asked for before anything is serialised."""
    page, per_page = page_numbers(request)
    total_pages = math.ceil(count / per_page)
    if page > max(total_pages, 1):
        raise bad("page", f"page {page} is past the last page, {total_pages}.")
    start = (page - 1) * per_page
    contents = serialise(list(rows[start : start + per_page]))
    return json_response(
        {
            "total_items": count,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": count == 0,
            "contents": contents,
        }
    )


# --- What is served ---------------------------------------------------------------------------


def public_networks(contacts=False):
    networks = (
        Network.objects.public()
        .select_related("sub_region", "parent")
        .prefetch_related("topics")
        .with_contact_status()
    )
    if contacts:
        # The roles the network's page lists, as that page prefetches them.
        public_roles = NetworkRole.objects.filter(is_public=True).select_related("person")
        networks = networks.prefetch_related(
            Prefetch("roles", public_roles, to_attr="public_roles")
        )
    return networks


def network_for(object_id, make_id, contacts=False):
    """The public network whose organization (or service) has this id, or 404."""
    pks = Network.objects.public().values_list("pk", flat=True)
    for pk in pks:
        if make_id(pk) == object_id:
            return public_networks(contacts).get(pk=pk)
    raise ApiError(404, f"There is no {make_id.__name__.removesuffix('_id')} with id {object_id}.")


def network_pk_for(organization):
    pks = Network.objects.public().values_list("pk", flat=True)
    return next((pk for pk in pks if mapping.organization_id(pk) == organization), None)


def all_terms():
    return [
        *(mapping.kind_term(kind) for kind in Network.Kind.values),
        *(mapping.topic_term(topic) for topic in Topic.objects.all()),
        *(mapping.sub_region_term(region) for region in SubRegion.objects.all()),
    ]


def with_term(networks, term_id):
    term = next((term for term in all_terms() if term.id == term_id), None)
    if term is None:
        return networks.none()
    if term.taxonomy is mapping.KINDS:
        return networks.filter(kind=term.key)
    if term.taxonomy is mapping.TOPICS:
        return networks.filter(topics=term.key)
    return networks.filter(sub_region=term.key)


def with_taxonomy(networks, taxonomy_id):
    if taxonomy_id == mapping.KINDS.id:
        return networks  # every network is of a kind
    if taxonomy_id == mapping.TOPICS.id:
        topics = Network.topics.through.objects.filter(network=OuterRef("pk"))
        return networks.filter(Exists(topics))
    if taxonomy_id == mapping.SUB_REGIONS.id:
        return networks.filter(sub_region__isnull=False)
    return networks.none()


def searched(networks, text):
    if not text:
        return networks
    return networks.filter(
        Q(name__icontains=text) | Q(summary__icontains=text) | Q(description__icontains=text)
    )


def shaped(request, **options):
    return mapping.Shape(request.build_absolute_uri, **options)


def with_venues(shape, networks):
    if shape.full:
        shape.venues = mapping.venues_by_network([network.pk for network in networks])
    return shape


@endpoint()
def root(request):
    return json_response(
        {
            "version": mapping.HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("networks:open_data")) + "#hsds",
            "openapi_url": mapping.OPENAPI_URL,
        }
    )


@endpoint(
    *PAGE,
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "minimal",
    "full",
)
def services(request):
    networks = searched(public_networks(), search_text(request))
    if term_id := identifier(request, "taxonomy_term_id"):
        networks = with_term(networks, term_id)
    if taxonomy_id := identifier(request, "taxonomy_id"):
        networks = with_taxonomy(networks, taxonomy_id)
    if organization := identifier(request, "organization_id"):
        networks = networks.filter(pk=network_pk_for(organization))
    if since := modified_after(request):
        networks = networks.filter(updated_at__gte=since)
    minimal, full = boolean(request, "minimal"), boolean(request, "full")
    page_numbers(request)  # a bad page is reported before anything is counted

    def serialise(rows):
        if minimal:
            return [mapping.minimal_service(network) for network in rows]
        shape = with_venues(shaped(request, full=full), rows)
        return [mapping.service(network, shape) for network in rows]

    networks = networks.in_kind_order()
    return paginated(request, networks, networks.count(), serialise)


@endpoint()
def service(request, id):
    network = network_for(id, mapping.service_id, contacts=True)
    shape = with_venues(shaped(request, full=True, contacts=True), [network])
    return json_response(mapping.service(network, shape))


@endpoint(*PAGE, "search", "full", "full_service")
def organizations(request):
    networks = searched(public_networks(), search_text(request))
    full_service = boolean(request, "full_service")
    full = boolean(request, "full") or full_service  # full services come in full organizations
    page_numbers(request)

    def serialise(rows):
        shape = with_venues(shaped(request, full=full, full_service=full_service), rows)
        return [mapping.organization(network, shape) for network in rows]

    networks = networks.in_kind_order()
    return paginated(request, networks, networks.count(), serialise)


@endpoint("full_service")
def organization(request, id):
    network = network_for(id, mapping.organization_id, contacts=True)
    full_service = boolean(request, "full_service")
    shape = shaped(request, full=True, full_service=full_service, contacts=True)
    return json_response(mapping.organization(network, with_venues(shape, [network])))


@endpoint(*PAGE, "search")
def taxonomies(request):
    text = search_text(request).casefold()
    found = [
        taxonomy
        for taxonomy in mapping.TAXONOMIES
        if text in taxonomy.name.casefold() or text in taxonomy.description.casefold()
    ]
    return paginated(
        request,
        found,
        len(found),
        lambda rows: [taxonomy.as_hsds(request.build_absolute_uri) for taxonomy in rows],
    )


@endpoint()
def taxonomy(request, id):
    found = next((taxonomy for taxonomy in mapping.TAXONOMIES if taxonomy.id == id), None)
    if found is None:
        raise ApiError(404, f"There is no taxonomy with id {id}.")
    return json_response(found.as_hsds(request.build_absolute_uri))


@endpoint(*PAGE, "search", "taxonomy_id", "top_only", "parent_id")
def taxonomy_terms(request):
    text = search_text(request).casefold()
    taxonomy_id = identifier(request, "taxonomy_id")
    # Our taxonomies are flat: every term is at the top and none has a parent (or a child).
    boolean(request, "top_only")
    parent_id = identifier(request, "parent_id")
    page_numbers(request)
    found = [
        term
        for term in all_terms()
        if (not text or text in term.name.casefold() or text in term.description.casefold())
        and (not taxonomy_id or term.taxonomy.id == taxonomy_id)
        and not parent_id
    ]
    return paginated(
        request,
        found,
        len(found),
        lambda rows: [term.as_hsds(request.build_absolute_uri) for term in rows],
    )


@endpoint()
def taxonomy_term(request, id):
    found = next((term for term in all_terms() if term.id == id), None)
    if found is None:
        raise ApiError(404, f"There is no taxonomy term with id {id}.")
    return json_response(found.as_hsds(request.build_absolute_uri))


@reads_query()
@api
def not_found(request, path):
    raise ApiError(
        404,
        f"There is no endpoint /{path} here. The endpoints are listed at "
        f"{request.build_absolute_uri(reverse('networks:open_data'))}#hsds (no trailing slashes).",
    )
