from urllib.parse import urlencode

from django.shortcuts import render

from core.pagination import paginate

from .search import BY_KEY, add_passages, clean_query, search

PER_PAGE = 20
PER_GROUP = 5


def search_page(request):
    """/search/?q=...: every kind of result, a few of each, or one kind (&type=) page by page."""
    text, problem, notes = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("type", "")
    if kind not in BY_KEY:
        if kind:
            notes.append(
                "We did not recognise the type of result asked for, so we show every type."
            )
        kind = ""
    context = {"query": text, "problem": problem, "notes": notes, "type": kind}
    if problem:
        return render(request, "search.html", context)

    groups = search(text)
    query = urlencode({"q": text})
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
    context.update(
        groups=groups,
        total=sum(group.count for group in groups),
        query_string=query,
        per_group=PER_GROUP,
    )
    return render(request, "search.html", context)
