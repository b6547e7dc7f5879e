"""What mentoring offers to the site search: its pages (their words are the templates' own and
the mentoring page text)."""

from networks.finding.search import Page, register


def register_pages():
    register(
        Page(
            "mentoring",
            "mentoring:index",
            "Mentoring and peer support",
            sections=("mentoring_intro",),
            template="mentoring/index.html",
            order=30,
        )
    )
    register(
        Page(
            "mentoring_volunteer",
            "mentoring:volunteer",
            "Offer to volunteer",
            template="mentoring/volunteer_form.html",
            part="lead",
            order=31,
        )
    )
    register(
        Page(
            "mentoring_request",
            "mentoring:request",
            "Ask for support for your museum",
            template="mentoring/request_form.html",
            part="lead",
            order=32,
        )
    )
    register(
        Page(
            "mentoring_register",
            "mentoring:register",
            "Register of mentors and peer reviewers",
            template="mentoring/register.html",
            part="lead",
            order=33,
        )
    )
