"""The privacy notice gains a paragraph on booking places on events, before "When you browse or
search", where the notice is still as first loaded there. A notice whose staff removed that
heading is left as they wrote it, for them to add the paragraph in their own words."""

from django.db import migrations, models

ANCHOR = "### When you browse or search"

PARAGRAPH = """### When you book a place on an event

When you book a place on an event, or join its waiting list, we keep your name, email address,
museum or organisation and, where the event asks, your access and dietary needs. We use them to
keep your place, to email you the details, a reminder two days before (with the joining link
of an online event), any change to the event and any place that frees up for you, and to know
who came. Only Museum Development staff see them. We remove your
name, contact details and needs {booking_months} months after the event, with the copies of
the emails about it, keeping only how many people booked and came.

"""


def add_paragraph(apps, schema_editor):
    PageSection = apps.get_model("networks", "PageSection")
    for section in PageSection.objects.filter(key="privacy", body__contains=ANCHOR).exclude(
        body__contains=PARAGRAPH.splitlines()[0]
    ):
        section.body = section.body.replace(ANCHOR, PARAGRAPH + ANCHOR, 1)
        section.save(update_fields=["body", "updated_at"])


def remove_paragraph(apps, schema_editor):
    PageSection = apps.get_model("networks", "PageSection")
    for section in PageSection.objects.filter(key="privacy", body__contains=PARAGRAPH):
        section.body = section.body.replace(PARAGRAPH, "", 1)
        section.save(update_fields=["body", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [("networks", "0016_bookings")]

    operations = [
        migrations.AlterField(
            model_name="pagesection",
            name="body",
            field=models.TextField(
                help_text="Markdown. These words are replaced by the site's settings: "
                "{retention_months} (months after which closed records lose their personal "
                "data), {inbox} (the MDO team's email address), {rate_limit_period} (how long a "
                "count of forms sent from one address is kept), {site_name} (the name of this "
                "website), {freshness_months} (how often contacts are asked to confirm their "
                "details), {booking_months} (months after an event when its bookings lose their "
                "personal data)."
            ),
        ),
        migrations.RunPython(add_paragraph, remove_paragraph),
    ]
