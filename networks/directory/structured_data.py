"""schema.org data for a network's page."""

from networks.directory.models import Network


def network_data(network, absolute_url):
    """The schema.org Organization for a network's page. Its contacts are people: they stay on
    the page, out of data made for machines."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": network.name,
        "url": absolute_url(network.get_absolute_url()),
        "areaServed": {
            "@type": "Place",
            "name": f"{network.sub_region.name}, London" if network.sub_region else "London",
        },
    }
    if network.summary:
        data["description"] = network.summary
    if network.website:
        data["sameAs"] = network.website
    if network.parent and network.parent.status != Network.Status.CLOSED:
        data["parentOrganization"] = {
            "@type": "Organization",
            "name": network.parent.name,
            "url": absolute_url(network.parent.get_absolute_url()),
        }
    topics = [topic.name for topic in network.topics.all()]
    if topics:
        data["knowsAbout"] = topics
    return data
