from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from core.page_cache import reads_query
from core.pagination import paginate
from networks.calendar.models import Event
from networks.content.models import PageSection, Resource
from networks.freshness.models import Suggestion

from .forms import NetworkFilterForm
from .models import Network, NetworkRole

HOME_TRAINING_COUNT = 3
HOME_TEXTS = [
    PageSection.Key.INTRODUCTION,
    PageSection.Key.RESEARCH,
    PageSection.Key.MDO_TRAINING,
    *Network.Kind.values,
    PageSection.Key.MENTORING,
]
NETWORK_EVENTS_COUNT = 3


HOME_NETWORKS_PER_KIND = 6
NETWORKS_PER_PAGE = 20


def home(request):
    networks = Network.objects.public().select_related("sub_region").with_contact_status()
    sections = PageSection.objects.texts(*HOME_TEXTS)
    firsts = networks.first_of_each_kind(HOME_NETWORKS_PER_KIND)
    kind_groups = [
        (kind, label, *firsts[kind], sections.get(kind)) for kind, label in Network.Kind.choices
    ]
    training = (
        Event.objects.published()
        .upcoming()
        .filter(kind=Event.Kind.MDO_TRAINING)
        .for_listing()[:HOME_TRAINING_COUNT]
    )
    return render(
        request,
        "networks/home.html",
        {
            "sections": sections,
            "kind_groups": kind_groups,
            "training": training,
            "resources": Resource.objects.published().filter(on_home_page=True),
        },
    )


@reads_query(*NetworkFilterForm.base_fields, "page")
def network_list(request):
    form = NetworkFilterForm(request.GET)
    networks = Network.objects.public().select_related("sub_region").with_contact_status()
    networks, applied, notes = form.filter(networks)
    page, page_note = paginate(
        request, networks.in_kind_order(), NETWORKS_PER_PAGE, form.query_string()
    )
    return render(
        request,
        "networks/network_list.html",
        {
            "intro": PageSection.objects.text(PageSection.Key.NETWORKS_INTRO),
            "form": form,
            "page": page,
            "count": page.paginator.count,
            "applied": applied,
            "notes": [*notes, page_note] if page_note else notes,
        },
    )


def network_detail(request, slug):
    public_roles = NetworkRole.objects.filter(is_public=True).select_related("person")
    # Closed networks too, in the same one query, for the page that says they have closed.
    network = get_object_or_404(
        Network.objects.select_related("sub_region", "parent", "successor")
        .prefetch_related("topics", Prefetch("roles", public_roles, to_attr="public_roles"))
        .with_contact_status(),
        slug=slug,
    )
    if network.is_closed:
        return network_closed(request, network)
    children = network.children.public().select_related("sub_region").with_contact_status()
    events = network.events.published().upcoming().for_listing()[:NETWORK_EVENTS_COUNT]
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            "children": children,
            "events": events,
            "suggestion_kinds": Suggestion.Kind.choices,
        },
    )


def network_closed(request, network):
    """A closed network's address says it has closed (410 Gone, so search engines drop it), and
    where its work went if staff have said: better than a bare "page not found" for someone
    following an old link."""
    return render(
        request,
        "networks/network_closed.html",
        {"network": network, "successor": network.public_successor},
        status=410,
    )
