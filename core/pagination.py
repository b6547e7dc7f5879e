from django.core.paginator import Paginator


def paginate(request, object_list, per_page, query="", count=None):
    """The page asked for in ?page=, and a note when that was not a page we have.

    A malformed or out-of-range number shows the nearest real page with a note, never an error.
    `query` (filters, already encoded) is kept in the links includes/pagination.html makes.
    `count`, when the caller has counted already, saves counting again.
    """
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count
    asked = request.GET.get("page", "")
    try:
        number = int(asked) if asked else 1
    except ValueError:
        number = 0
    page = paginator.page(min(max(number, 1), paginator.num_pages))
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=1))
    page.link_prefix = f"{request.path}?{query}&page=" if query else f"{request.path}?page="
    note = ""
    if page.number != number:
        note = f"There is no page \u201c{asked}\u201d, so we are showing page {page.number}."
    return page, note
