"""The register's first skills, MDO staff's grants to approve and hide listings and keep the
skills, and the privacy notice's paragraph on the register, added to the stored notice where it
is not there yet (the same words as networks' initial content). A notice staff have rewritten keeps
their words, with this paragraph after them."""

from django.db import migrations
from django.utils.text import slugify

from core import staff_group

REGISTER_PRIVACY_PARAGRAPH = """If you also choose to be listed in the
[register of mentors and peer reviewers](/mentoring/register/), once we have approved your
listing anyone can see the name you chose (or your first name and
the first letter of your last name), the roles you offer, the skills you ticked, the parts of
London you can reach and whether you can take on a museum now. The register never shows your
email address, phone number, organisation or anything you wrote. You can change or remove your
listing at any time from the link in our email, and it changes at once; it also goes as soon as
you withdraw your offer or we remove your details."""

SKILLS = [
    "Accreditation returns",
    "Audience development",
    "Collections care",
    "Collections management and documentation",
    "Conservation",
    "Digital",
    "Exhibitions",
    "Forward planning",
    "Fundraising",
    "Governance",
    "Learning",
    "Volunteer management",
]
# As for topics and places: staff keep the list of skills but never delete one listings lean on;
# they approve and hide listings, which only volunteers make or remove.
PERMISSIONS = {"skill": ["add", "change", "view"], "listing": ["change", "view"]}
# Where the paragraph goes: after what the notice says about offers to volunteer.
ANCHOR = "We use them to contact you and to match you with museums that need your help."


def add_skills(apps, schema_editor):
    Skill = apps.get_model("mentoring", "Skill")
    for name in SKILLS:
        Skill.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def grant(apps, schema_editor):
    staff_group.grant(apps, "mentoring", PERMISSIONS)


def revoke(apps, schema_editor):
    staff_group.revoke(apps, "mentoring", PERMISSIONS)


def add_paragraph(apps, schema_editor):
    PageSection = apps.get_model("networks", "PageSection")
    for section in PageSection.objects.filter(key="privacy"):
        if REGISTER_PRIVACY_PARAGRAPH in section.body:
            continue
        if ANCHOR in section.body:
            section.body = section.body.replace(
                ANCHOR, f"{ANCHOR}\n\n{REGISTER_PRIVACY_PARAGRAPH}", 1
            )
        else:
            section.body = f"{section.body.rstrip()}\n\n{REGISTER_PRIVACY_PARAGRAPH}\n"
        section.save(update_fields=["body", "updated_at"])


def remove_paragraph(apps, schema_editor):
    PageSection = apps.get_model("networks", "PageSection")
    for section in PageSection.objects.filter(key="privacy"):
        for text in (f"\n\n{REGISTER_PRIVACY_PARAGRAPH}", REGISTER_PRIVACY_PARAGRAPH):
            section.body = section.body.replace(text, "")
        section.save(update_fields=["body", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0004_register_of_mentors"),
        ("networks", "0011_privacy_notice_reference_cookie"),
    ]

    operations = [
        migrations.RunPython(add_skills, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
        migrations.RunPython(add_paragraph, remove_paragraph),
    ]
