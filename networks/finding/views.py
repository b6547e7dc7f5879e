from urllib.parse import urlencode

from django.shortcuts import render

from core.page_cache import reads_query
from core.pagination import paginate

from .forms import SearchFilterForm
from .search import BY_KEY, add_passages, clean_query, count_text, search

PER_PAGE = 20
PER_GROUP = 5


@reads_query("q", "type", "page", *SearchFilterForm.base_fields)
def search_page(request):
    """/search/?q=...: every kind of result, a few of each, or one kind (&type=) page by page,
    narrowed by the filters (kind of network, sub-region, events to come), all at once."""
    text, problem, notes = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("type", "")
    if kind not in BY_KEY:
        if kind:
            notes.append(
                "We did not recognise the type of result asked for, so we show every type."
            )
        kind = ""
    form = SearchFilterForm(request.GET)
    filters, applied, filter_notes = form.filters()
    notes += filter_notes
    context = {
        "query": text, "problem": problem, "notes": notes, "type": kind, "form": form,
        "applied": applied,
        "clear_url": "?" + urlencode({"q": text, **({"type": kind} if kind else {})}),
    }  # fmt: skip
    if problem:
        return render(request, "search.html", context)

    groups = search(text, filters)
    query = "&".join(filter(None, [urlencode({"q": text}), form.query_string()]))
    if kind:
        group = next(group for group in groups if group.key == kind)
        page, page_note = paginate(
            request, group.queryset, PER_PAGE, f"{query}&type={kind}", count=group.count
        )
        group.hits = page.object_list = add_passages(group.searchable, page.object_list, text)
        notes += [page_note] if page_note else []
        context.update(page=page, shown=[group] if group.count else [])
    else:
        for group in groups:
            if group.count:
                group.hits = add_passages(group.searchable, group.queryset[:PER_GROUP], text)
        context["shown"] = [group for group in groups if group.count]
    total = sum(group.count for group in groups)
    context.update(
        groups=groups,
        total=total,
        total_text=count_text(total, any(group.more for group in groups)),
        query_string=query,
        per_group=PER_GROUP,
    )
    return render(request, "search.html", context)
