import logging

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .documents import TYPES
from .models import PageSection, Resource

logger = logging.getLogger(__name__)


def full_page(request, key, **extra):
    page = PageSection.objects.text(key)
    return render(request, "pages/full_page.html", {"page": page, **extra})


def privacy(request):
    return full_page(request, PageSection.Key.PRIVACY, version=settings.PRIVACY_NOTICE_VERSION)


def accessibility(request):
    return full_page(request, PageSection.Key.ACCESSIBILITY)


def resources(request):
    return render(
        request,
        "pages/resources.html",
        {
            "intro": PageSection.objects.text(PageSection.Key.RESOURCES_INTRO),
            "resources": Resource.objects.published(),
        },
    )


def resource_download(request, slug):
    """An uploaded document, always as a download (never shown inline, so a file cannot act as
    a page of this site), named after its slug, with the type we checked it to be."""
    resources = Resource.objects.exclude(file="")
    if not request.user.is_staff:
        resources = resources.published()
    resource = get_object_or_404(resources, slug=slug)
    kind = TYPES.get(resource.file_type)
    try:
        file = resource.file.open("rb")
    except FileNotFoundError:
        logger.error("Resource file missing: %s", resource.file.name)
        raise Http404("The file is missing.") from None
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{resource.slug}.{resource.file_type or 'bin'}",
        content_type=kind.mime if kind else "application/octet-stream",
    )


@require_GET
def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
