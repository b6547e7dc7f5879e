"""The privacy notice's paragraph on cookies, brought up to date where it is still the text first
loaded: the reference shown after a form now lives in a cookie per form that lasts a day, no
longer in the session. A notice whose paragraph staff rewrote is left as they wrote it."""

from django.db import migrations

OLD = """This site sets only the cookies it needs to work: one that protects forms from forgery, and one
that lets the page after a form show your reference number. Neither tracks you."""

NEW = """This site sets only the cookies it needs to work: one that protects forms from forgery and, for
each form you send, one that lets the page after it show your reference number, which your
browser forgets after a day. None of them tracks you."""


def replace(apps, old, new):
    PageSection = apps.get_model("networks", "PageSection")
    for section in PageSection.objects.filter(key="privacy", body__contains=old):
        section.body = section.body.replace(old, new)
        section.save(update_fields=["body", "updated_at"])


def update_cookie_paragraph(apps, schema_editor):
    replace(apps, OLD, NEW)


def restore_cookie_paragraph(apps, schema_editor):
    replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("networks", "0010_network_directory_order")]

    operations = [migrations.RunPython(update_cookie_paragraph, restore_cookie_paragraph)]
