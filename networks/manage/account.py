"""A network's contact, signed in by an emailed link: their networks, editing a network's
details and their own, confirming them in one click, and handing a role over."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from core import formkit

from . import changes, handovers, signin
from .account_forms import NETWORK_FIELDS, ContactForm, HandoverForm, NetworkForm, StartForm
from .models import ContactChange, LinkProblem
from .session import contact_required, managed_network, managed_networks, sign_in, sign_out

SIGN_IN_SCOPE = "manage-sign-in"
LINK_STATUS = {"invalid": 400, "no_role": 400}


def page(request, template_name, context=None, status=200):
    """A page about signing in: never cached, with the MDO inbox and the links' lifetime."""
    context = {
        "inbox": settings.MDO_INBOX_EMAIL,
        "minutes": settings.CONTACT_SIGN_IN_LINK_MINUTES,
        **(context or {}),
    }
    response = render(request, template_name, context, status=status)
    add_never_cache_headers(response)
    return response


def link_problem(request, problem):
    status = LINK_STATUS.get(problem, 410)
    return page(request, "manage/link_problem.html", {"problem": problem}, status)


@require_http_methods(["GET", "POST"])
def start(request):
    if request.method == "POST" and formkit.too_large(request):
        return render(request, "form_too_large.html", status=413)
    form = StartForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        limit = formkit.RateLimit(SIGN_IN_SCOPE)
        if limit.allow(request):
            signin.send_link(form.cleaned_data["email"])
            return redirect("manage:link_sent")
        form.add_error(None, limit.message())
        status = 429
    return page(request, "manage/start.html", {"form": form}, status)


def link_sent(request):
    return page(request, "manage/link_sent.html")


@require_http_methods(["GET", "POST"])
def open_link(request, token):
    """GET only shows a button, so a mail scanner that follows the link uses nothing up."""
    try:
        if request.method == "POST":
            person = signin.redeem(token)
            sign_in(request, person)
            return redirect("manage:home")
        signin.link_for(token)
    except LinkProblem as error:
        return link_problem(request, error.problem)
    return page(request, "manage/open_link.html")


@require_POST
def sign_out_view(request):
    sign_out(request)
    return redirect("manage:signed_out")


def signed_out(request):
    return page(request, "manage/signed_out.html")


def optional_url(name, *args):
    """A page another part of the site may not have yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@contact_required
def home(request):
    person = request.contact
    networks = list(
        managed_networks(request).prefetch_related("topics").select_related("sub_region")
    )
    roles = list(person.current_roles)
    waiting = handovers.pending_for(roles)
    pending = {}
    for change in ContactChange.objects.filter(
        network__in=networks, person=person, status=ContactChange.Status.PENDING
    ):
        pending.setdefault(change.network_id, []).append(change)
    for network in networks:
        network.my_roles = [role for role in roles if role.network_id == network.pk]
        for role in network.my_roles:
            role.handover = waiting.get(role.pk)
        network.pending_changes = pending.get(network.pk, [])
        network.meetings_url = optional_url("manage:meetings", network.slug)
        network.suggestions_url = optional_url("manage:suggestions", network.slug)
    return render(request, "manage/home.html", {"person": person, "networks": networks})


@require_POST
@contact_required
def confirm_details(request):
    request.contact.confirm_details()
    messages.success(request, "Thank you: your details are confirmed as right today.")
    return redirect("manage:home")


def network_values(form):
    after = changes.field_values(
        form.instance, [name for name in NETWORK_FIELDS if name != "topics"]
    )
    after["topics"] = sorted(topic.pk for topic in form.cleaned_data["topics"])
    return after


@require_http_methods(["GET", "POST"])
@contact_required
def edit_network(request, slug):
    network = managed_network(request, slug)
    if request.method == "POST" and formkit.too_large(request):
        return render(request, "form_too_large.html", status=413)
    # The form changes its own copy: the network stays as published until the change is.
    copy = type(network).objects.get(pk=network.pk)
    form = NetworkForm(request.POST if request.method == "POST" else None, instance=copy)
    if form.is_valid():
        after = network_values(form)
        if after == changes.field_values(network, after):
            messages.info(request, f"You did not change anything about {network.name}.")
            return redirect("manage:home")
        changes.propose(
            network=network,
            person=request.contact,
            kind=ContactChange.Kind.NETWORK,
            instance=network,
            after=after,
        )
        return redirect("manage:network_saved", network.slug)
    pending = ContactChange.objects.filter(
        network=network, kind=ContactChange.Kind.NETWORK, status=ContactChange.Status.PENDING
    ).exists()
    return render(
        request,
        "manage/edit_network.html",
        {"network": network, "form": form, "pending": pending},
    )


@contact_required
def network_saved(request, slug):
    network = managed_network(request, slug)
    change = ContactChange.objects.filter(
        network=network, person=request.contact, kind=ContactChange.Kind.NETWORK
    ).first()
    if change is None:
        return redirect("manage:edit_network", network.slug)
    return render(request, "manage/network_saved.html", {"network": network, "change": change})


@require_http_methods(["GET", "POST"])
@contact_required
def edit_contact(request):
    person = request.contact
    if request.method == "POST" and formkit.too_large(request):
        return render(request, "form_too_large.html", status=413)
    roles = person.current_roles
    copy = type(person).objects.get(pk=person.pk)
    form = ContactForm(
        request.POST if request.method == "POST" else None, instance=copy, roles=roles
    )
    if form.is_valid():
        networks = managed_networks(request)
        with transaction.atomic():
            after = changes.field_values(form.instance, form.Meta.fields)
            if after != changes.field_values(person, after):
                changes.propose(
                    network=networks.first(),
                    person=person,
                    kind=ContactChange.Kind.CONTACT,
                    instance=person,
                    after=after,
                )
            for role, shown in form.role_values():
                if shown != role.is_public:
                    changes.propose(
                        network=role.network,
                        person=person,
                        kind=ContactChange.Kind.CONTACT,
                        instance=role,
                        after={"is_public": shown},
                    )
        messages.success(request, "Your details are saved and published.")
        return redirect("manage:home")
    return render(request, "manage/edit_contact.html", {"form": form})


def own_role(request, role_id):
    """The signed-in contact's current role with this id, or 404."""
    for role in request.contact.current_roles:
        if role.pk == role_id:
            return role
    raise Http404("No such role")


@require_http_methods(["GET", "POST"])
@contact_required
def hand_over(request, role_id):
    role = own_role(request, role_id)
    if request.method == "POST" and formkit.too_large(request):
        return render(request, "form_too_large.html", status=413)
    form = HandoverForm(request.POST if request.method == "POST" else None, person=request.contact)
    if form.is_valid():
        name, email = form.cleaned_data["name"], form.cleaned_data["email"]
        if handovers.clashing_role(role, email):
            form.add_error(
                "email",
                f"Someone with this email address is already {role.get_role_display().lower()} "
                f"of {role.network.name}",
            )
        else:
            handovers.offer(role, request.contact, name, email)
            messages.success(
                request,
                f"We have emailed {name} a link. You stay {role.get_role_display().lower()} of "
                f"{role.network.name} until they accept.",
            )
            return redirect("manage:home")
    return render(request, "manage/hand_over.html", {"role": role, "form": form})


@require_http_methods(["GET", "POST"])
def accept_handover(request, token):
    try:
        if request.method == "POST":
            person = handovers.accept(token)
            sign_in(request, person)
            messages.success(request, "Thank you: the role is yours now.")
            return redirect("manage:home")
        handover = handovers.handover_for(token)
    except LinkProblem as error:
        return link_problem(request, error.problem)
    return page(request, "manage/accept_handover.html", {"handover": handover})
