"""Saving an imported file of networks, or of people, in a few statements, not several per row.

Saving 5,000 networks one by one ran 70,000 queries (the row, its history, its topics and their
history, each through signals), which outlived a web request. Here they go in bulk, and what
the signals would have done is done once for the lot:
- the change history: one record per network, "+" or "~", with "Imported from a file" as its
  reason, and its topics as they stand after the import;
- the page cache moves on to a new version once;
- the stored search vectors need nothing: PostgreSQL computes them as each row is written (a
  generated column, migration 0007), in bulk as one by one.
"""

from django.apps import apps
from django.utils import timezone

from core.page_cache import bump_content_version

from .models import Network, Person

BATCH = 500
UPDATED_FIELDS = [
    "name",
    "slug",
    "kind",
    "status",
    "sub_region",
    "parent",
    "summary",
    "description",
    "website",
    "how_to_join",
    "display_order",
    "updated_at",
]
PERSON_FIELDS = ["name", "email", "phone", "organisation"]


def chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def save_networks(new, updated, columns, topics, user, reason):
    """Insert `new` and update `updated` (lists of Network) in the file's `columns`, set the
    topics of each network in `topics` ({id(network): [Topic]}), and record the history of all
    of them."""
    # A parent that is itself new in this file has no key until the insert: link it after.
    waiting = {}
    for network in new:
        if network.parent is not None and network.parent.pk is None:
            waiting[id(network)] = network.parent
            network.parent = None
    Network.objects.bulk_create(new, batch_size=BATCH)
    for network in new:
        if id(network) in waiting:
            network.parent = waiting[id(network)]
            Network.objects.filter(pk=network.pk).update(parent=network.parent)
    now = timezone.now()
    for network in updated:
        network.updated_at = now
    update_rows(Network, updated, [*columns, "updated_at"], UPDATED_FIELDS)

    through = Network.topics.through
    changed = [network for network in new + updated if id(network) in topics]
    for batch in chunks([network.pk for network in updated if id(network) in topics]):
        through.objects.filter(network_id__in=batch).delete()
    through.objects.bulk_create(
        [
            through(network_id=network.pk, topic_id=topic.pk)
            for network in changed
            for topic in topics[id(network)]
        ],
        batch_size=BATCH,
    )

    record_topics(record_history(Network, new, updated, user, reason))
    bump_content_version()


def save_people(new, updated, columns, user, reason):
    """Insert `new` and update `updated` (lists of Person) in the file's `columns`, and record
    the history of each."""
    Person.objects.bulk_create(new, batch_size=BATCH)
    update_rows(Person, updated, columns, PERSON_FIELDS)
    record_history(Person, new, updated, user, reason)
    bump_content_version()


def update_rows(model, rows, columns, allowed):
    """One UPDATE a row, of the `columns` that are `allowed`: bulk_update() writes a CASE over
    every row for each column, which Django takes longer to build than these take to run."""
    fields = [model._meta.get_field(name) for name in columns if name in allowed]
    for row in rows:
        values = {field.attname: getattr(row, field.attname) for field in fields}
        model.objects.filter(pk=row.pk).update(**values)


def record_history(model, new, updated, user, reason):
    """One history record for each of `new` ("+") and `updated` ("~"), in bulk."""
    history = model.history
    recorded = {"default_user": user, "default_change_reason": reason, "batch_size": BATCH}
    return [
        *(history.bulk_history_create(new, **recorded) or []),
        *(history.bulk_history_create(updated, update=True, **recorded) or []),
    ]


def record_topics(records):
    """Each history record's topics, as simple-history keeps them for a network saved alone."""
    m2m_history = apps.get_model("networks", "HistoricalNetwork_topics")
    through = Network.topics.through
    by_network = {record.id: record for record in records}
    rows = []
    for batch in chunks(list(by_network)):
        for link in through.objects.filter(network_id__in=batch):
            rows.append(
                m2m_history(
                    id=link.id,
                    network_id=link.network_id,
                    topic_id=link.topic_id,
                    history=by_network[link.network_id],
                )
            )
    m2m_history.objects.bulk_create(rows, batch_size=BATCH)
