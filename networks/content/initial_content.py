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

# Introductions of the directory's other pages, and whole pages. {placeholders} are replaced by
# the site's settings when shown (PageSection.filled_body).
PAGE_SECTIONS += [
    (
        "networks_intro",
        "Networks",
        "Museum networks in London: who they are for, how to join and who to contact.",
    ),
    (
        "events_intro",
        "Events",
        "MDO training, network meetings, conferences, webinars and chances to observe a session, "
        "many of them at museum sites across London.",
    ),
    (
        "mentoring_intro",
        "Mentoring and peer support",
        "Museum Development Officers (MDOs) offer general advice within their role. They also "
        "match museums with experienced museum workers who volunteer as mentors, peer reviewers "
        "and speakers.",
    ),
    (
        "resources_intro",
        "Resources",
        "Reports and guides about skills sharing in London's museums, from the London Museum "
        "Development team.",
    ),
    (
        "open_data_licence",
        "Licence",
        "You may copy, publish, adapt and reuse these data, including commercially, under the "
        "[Creative Commons Attribution 4.0 International licence (CC BY 4.0)]"
        "(https://creativecommons.org/licenses/by/4.0/). Please credit "
        "\u201cLondon Museum Development, {site_name}\u201d.",
    ),
    (
        "privacy",
        "Privacy notice",
        """How the London Museum Development team uses the details you give us on this website.

## Who we are

The London Museum Development team runs this website. We decide how the details you give us
here are used. Write to us at [{inbox}](mailto:{inbox}) about anything in this notice.

## What we collect, and why

### When you offer to volunteer

When you [offer to volunteer](/mentoring/volunteer/) as a mentor, peer reviewer or speaker, we
keep your name, email address, phone number if you give one, your role and organisation, how
you could help, your areas of expertise, your experience of Accreditation, how many museums you
could support, where in London you can reach, when you are available, and whether you want to
hear about other opportunities.

We use them to contact you and to match you with museums that need your help.

If you also choose to be listed in the
[register of mentors and peer reviewers](/mentoring/register/), once we have approved your
listing anyone can see the name you chose (or your first name and
the first letter of your last name), the roles you offer, the skills you ticked, the parts of
London you can reach and whether you can take on a museum now. The register never shows your
email address, phone number, organisation or anything you wrote. You can change or remove your
listing at any time from the link in our email, and it changes at once; it also goes as soon as
you withdraw your offer or we remove your details.

### When you ask for support for a museum

When you [ask for support](/mentoring/request/), we keep the museum's name, your name, email
address and phone number, what support you want, the museum's Accreditation status, any
deadline, whether it has paid professional staff, its part of London, and what you tell us it
needs.

We use them to contact you, to find the right support and to plan our programme.

### With either form

We record when you agreed to this notice and which version of it you saw, and we keep copies of
the emails we send you about your offer or request.

### When you suggest an update to a network's page

When you use "suggest an update" on a network's page, we keep what you tell us should change
and, only if you give it so that we can reply, your email address. We use them to correct the
directory, and never add your email address to it.

### Contacts of networks

If you are a contact for a network, staff keep your name, your role in the network, your
organisation, and your email address and phone number if you give them. Your name, role,
organisation and email address are shown on the network's page only where you have agreed to be
listed; otherwise only staff see them. Contacts are never part of our open data downloads.

About once every {freshness_months} months we email you a link to confirm that your details are
still right, or to tell us what has changed. Staff keep a history of changes to the directory,
including to contact details, so that mistakes can be put right.

### When you book a place on an event

When you book a place on an event, or join its waiting list, we keep your name, email address,
museum or organisation and, where the event asks, your access and dietary needs. We use them to
keep your place, to email you the details, a reminder two days before (with the joining link
of an online event), any change to the event and any place that frees up for you, and to know
who came. Only Museum Development staff see them. We remove your
name, contact details and needs {booking_months} months after the event, with the copies of
the emails about it, keeping only how many people booked and came.

### When you browse or search

We do not record what you search for, and we use no analytics or tracking. Like any website,
our server notes each page address asked for (without what you searched for), with your
internet address and browser, to keep the site running and secure.

## Who sees your details

Only Museum Development staff see these details. When we match you with a museum or a
volunteer, we will ask you before we share your contact details with them. We never publish
the details you give in a form on the website and never sell them.

## How long we keep your details

We keep your details while you are an active volunteer or while we are helping your museum.
When you withdraw, when we decline an offer or request, or when we close a request, we remove
your name and contact details and what you wrote {retention_months} months later, with the
copies of the emails about it. We do the same {retention_months} months after we have dealt with
a suggested update. A network contact's details stay while they are a contact; ask us and we
will remove them. We keep only figures that identify nobody, such as how many
requests came from each part of London.

To stop spam, we count how many forms come from each internet address for {rate_limit_period}.
We store the count against a scrambled form of the address, not the address itself, and then
forget it.

## Cookies

This site sets only the cookies it needs to work: one that protects forms from forgery and, for
each form you send, one that lets the page after it show your reference number, which your
browser forgets after a day. None of them tracks you.

## Your rights

You can ask for a copy of the details we hold about you, ask us to correct them, or ask us to
erase them, by emailing [{inbox}](mailto:{inbox}). Tell us your name and the email address you
used, and your reference number if you have it. We will reply within one month.

A volunteer can also withdraw at any time with the link in the email we send them.

If you are unhappy with how we have used your details, tell us first. You can also complain to
the [Information Commissioner's Office](https://ico.org.uk/make-a-complaint/).""",
    ),
    (
        "accessibility",
        "Accessibility statement",
        """This accessibility statement applies to {site_name}, the public website of the London
Museum Development team. It does not cover the administration pages our staff use.

We want as many people as possible to be able to use this website. For example, that means you
should be able to:

- change colours, contrast levels and fonts using your browser or device settings
- zoom in up to 400% without the text spilling off the screen
- use the website on a screen as narrow as 320 pixels
- get around the website using just a keyboard
- get around the website using speech recognition software
- listen to the website using a screen reader
- use every page and form with JavaScript turned off

We have also made the text as simple as possible to understand.

[AbilityNet](https://mcmw.abilitynet.org.uk/) has advice on making your device easier to use if
you have a disability.

## How accessible this website is

We know some parts of this website are not fully accessible:

- some documents you can download, such as our 2014-15 research report, are older PDFs that may
  not work well with screen readers
- websites of networks and other organisations we link to are not covered by this statement

## Feedback and contact information

If you need a document from this website in a different format, such as an accessible PDF,
large print, easy read, audio recording or braille, email [{inbox}](mailto:{inbox}).

We will consider your request and get back to you within 10 working days.

## Reporting accessibility problems with this website

We are always looking to improve the accessibility of this website. If you find any problems
not listed on this page, or think we are not meeting accessibility requirements, email
[{inbox}](mailto:{inbox}).

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
"accessibility regulations"). If you are not happy with how we respond to your complaint,
[contact the Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/).

## Technical information about this website's accessibility

The London Museum Development team is committed to making its website accessible, in accordance
with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
Regulations 2018.

### Compliance status

This website is partially compliant with the
[Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA standard,
because of the non-compliances listed below.

## Non-accessible content

The content listed below is non-accessible for the following reasons.

### Non-compliance with the accessibility regulations

Some documents we publish may not be tagged so that screen readers can read them in the right
order, or may lack text alternatives for their images and charts. This fails WCAG 2.2 success
criteria 1.1.1 (non-text content) and 1.3.1 (info and relationships). Each new document we
publish will meet accessibility standards. Until an older one is replaced, email us and we will
send you its contents in a format you can use.

### Content that's not within the scope of the accessibility regulations

The accessibility regulations do not require us to fix PDFs or other documents published before
23 September 2018 if they are not essential to providing our services. Our 2014-15 research
report is one of these.

## How we tested this website

Every public page is tested automatically each time the website changes:

- with the axe-core accessibility checker in the Chromium browser, against WCAG 2.2 levels A
  and AA, including every form with its error messages showing
- with the W3C Nu HTML Checker, for valid HTML
- at a width of 320 pixels, for reflow
- with JavaScript turned off
- with a keyboard, for the link that skips to the main content

We have not yet had the website audited by hand by an accessibility specialist, or tested it
with disabled people using their own assistive technology.

## Preparation of this accessibility statement

This statement was prepared on 30 November 2026. It was last reviewed on 30 November 2026.

This website was last tested on 30 November 2026. The tests were carried out by the team that
builds the website, with the tools described above.""",
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
