"""The content of the static skills-sharing page this site replaces (shared/seed/).

Only what that page states. Its contact email addresses were hidden when it was saved, so no
person or address is entered: those networks load as "awaiting update" until staff add contacts.
"""

SUB_REGIONS = [
    ("West London", "west-london"),
    ("North and East London", "north-east-london"),
    ("Central London", "central-london"),
]

PAGE_SECTIONS = [
    (
        "introduction",
        "Skills sharing",
        "The free exchange of skills and information between museum workers is vital for the "
        "health of the sector in London.\n\n"
        "Here you can find the museum networks that share skills across London, who to contact "
        "in each, and how Museum Development Officers (MDOs) can help with training, advice, "
        "mentoring and peer support.",
    ),
    (
        "research",
        "Research into skills sharing",
        "In 2014-15 we commissioned research into an appropriate skills sharing model for "
        "London: *Research into suitable skills sharing models for the London museums sector*. "
        "We have also written a blog for London Museums Group (LMG) about how we intend to take "
        "the report forward.",
    ),
    (
        "mdo_training",
        "Museum Development Officer (MDO) training and advice programme",
        "MDOs and specialists from the Museum of London often deliver skills sessions directly "
        "within our training programmes. Events are sometimes held at museum sites and generally "
        "structured to enable museum workers to share their insights and cutting edge work.\n\n"
        "Within our programme of one-to-one advice we can sometimes arrange for museum workers "
        "to observe relevant sessions, or negotiate other kinds of specific support from within "
        "the Museum of London or elsewhere.",
    ),
    (
        "area",
        "Area networks",
        "London Museums Group (LMG) is the federation representing museums and museum workers "
        "in London. The London Museum Development service supports the LMG with funding for "
        "their programme of events.",
    ),
    (
        "sub_regional",
        "Sub-regional networks",
        "The MDO team also works with a range of sub-regional networks to share information and "
        "help set up skills sharing sessions at their request. Please contact the networks "
        "directly for dates of their upcoming meetings.",
    ),
    (
        "subject",
        "Subject networks",
        "The MDO team exchanges information and skills within and between subject-based networks.",
    ),
    (
        "practitioner",
        "Practitioner networks",
        "The MDO team are active in sourcing speakers and generally supporting the work of a "
        "number of professional groups covering specific areas of museum practice. Upcoming "
        "meeting dates are available from their contacts.",
    ),
    (
        "mentoring",
        "Mentoring and peer support",
        "Museum Development Officers can offer general advice within their role, but they also "
        "help to arrange more targeted mentor and peer support.\n\n"
        "The Survive and Thrive programme relies on museum peers to support the self-assessment "
        "and review exercises which are critical to the programme's success. We are always keen "
        "to hear from potential volunteer peers.\n\n"
        "The support of Museum Mentors is critical in enabling museums without professional "
        "staff to achieve Museum Accreditation. MDOs have a key role in sourcing Museum Mentors "
        "for those museums that need them. The Arts Council England website has a Museum Mentor "
        "section with more information.",
    ),
]

NETWORKS = [
    {
        "name": "London Museums Group",
        "slug": "london-museums-group",
        "kind": "area",
        "summary": "The federation representing museums and museum workers in London.",
        "description": "London Museums Group (LMG) is the federation representing museums and "
        "museum workers in London. The London Museum Development service supports the LMG with "
        "funding for their programme of events.\n\n"
        "Recently LMG ran *Navigating Through Change*. Future events will be listed on the LMG "
        "website.",
        "display_order": 1,
    },
    {
        "name": "West London Museums Group",
        "slug": "west-london-museums-group",
        "kind": "sub_regional",
        "sub_region": "west-london",
        "summary": "The sub-regional network for museums in West London.",
        "how_to_join": "Contact the network directly for dates of its upcoming meetings.",
        "display_order": 1,
    },
    {
        "name": "North & East London Museums Group",
        "slug": "north-east-london-museums-group",
        "kind": "sub_regional",
        "sub_region": "north-east-london",
        "summary": "The sub-regional network for museums in North and East London.",
        "how_to_join": "Contact the network directly for dates of its upcoming meetings.",
        "display_order": 2,
    },
    {
        "name": "Central London Historic Collections Network",
        "slug": "central-london-historic-collections-network",
        "kind": "sub_regional",
        "sub_region": "central-london",
        "summary": "The sub-regional network for historic collections in Central London.",
        "how_to_join": "Contact the network directly for dates of its upcoming meetings.",
        "display_order": 3,
    },
    {
        "name": "London Museums of Health and Medicine",
        "slug": "london-museums-of-health-and-medicine",
        "kind": "subject",
        "summary": "A subject network of London's museums of health and medicine.",
        "display_order": 1,
    },
    {
        "name": "Subject Specialist Networks",
        "slug": "subject-specialist-networks",
        "kind": "subject",
        "summary": "The national Subject Specialist Networks, many of whose members are located "
        "in London.",
        "description": "The national Subject Specialist Networks bring together people who work "
        "with particular kinds of collection. Many of their members are located in London.",
        "how_to_join": "Arts Council England's website has further information on the subject "
        "specialist networks and a list of their contacts.",
        "display_order": 2,
    },
]
