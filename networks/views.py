from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .forms import NetworkFilterForm
from .models import Event, Network, NetworkRole, PageSection, Resource

HOME_TRAINING_COUNT = 3
HOME_TEXTS = [
    PageSection.Key.INTRODUCTION,
    PageSection.Key.RESEARCH,
    PageSection.Key.MDO_TRAINING,
    *Network.Kind.values,
    PageSection.Key.MENTORING,
]
NETWORK_EVENTS_COUNT = 3


def group_by_kind(networks):
    """[(kind, label, [networks...]), ...] in the fixed order of Network.Kind."""
    groups = {kind: [] for kind in Network.Kind.values}
    for network in networks:
        groups[network.kind].append(network)
    return [(kind, label, groups[kind]) for kind, label in Network.Kind.choices]


def home(request):
    networks = Network.objects.public().select_related("sub_region").with_contact_status()
    sections = PageSection.objects.texts(*HOME_TEXTS)
    kind_groups = [
        (kind, label, members, sections.get(kind))
        for kind, label, members in group_by_kind(networks)
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


def network_list(request):
    form = NetworkFilterForm(request.GET)
    networks = Network.objects.public().select_related("sub_region").with_contact_status()
    networks, applied, notes = form.filter(networks)
    networks = list(networks)
    groups = [group for group in group_by_kind(networks) if group[2]]
    return render(
        request,
        "networks/network_list.html",
        {
            "intro": PageSection.objects.text(PageSection.Key.NETWORKS_INTRO),
            "form": form,
            "groups": groups,
            "count": len(networks),
            "applied": applied,
            "notes": notes,
        },
    )


def network_detail(request, slug):
    public_roles = NetworkRole.objects.filter(is_public=True).select_related("person")
    network = get_object_or_404(
        Network.objects.public()
        .select_related("sub_region", "parent")
        .prefetch_related("topics", Prefetch("roles", public_roles, to_attr="public_roles"))
        .with_contact_status(),
        slug=slug,
    )
    children = network.children.public().select_related("sub_region").with_contact_status()
    events = network.events.published().upcoming().for_listing()[:NETWORK_EVENTS_COUNT]
    return render(
        request,
        "networks/network_detail.html",
        {"network": network, "children": children, "events": events},
    )
