"""The email outbox and the status log, shared by every app. Sites that had them in mentoring
keep every row: mentoring 0003 copies them here."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core import staff_group

# MDO staff see the outbox and may send failed emails again (the rest of their group is made by
# networks 0004 and mentoring 0003).
PERMISSIONS = {"notification": ["view", "change"]}


def grant(apps, schema_editor):
    staff_group.grant(apps, "core", PERMISSIONS)


def revoke(apps, schema_editor):
    staff_group.revoke(apps, "core", PERMISSIONS)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('acknowledgement', 'Acknowledgement to the sender'), ('staff', 'Notification to MDO staff'), ('reminder', 'Reminder to confirm contact details')], max_length=20)),
                ('to', models.EmailField(max_length=254, verbose_name='to')),
                ('reply_to', models.EmailField(blank=True, max_length=254)),
                ('subject', models.CharField(max_length=200)),
                ('body', models.TextField()),
                ('object_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_attempt_at', models.DateTimeField(blank=True, null=True)),
                ('last_error', models.TextField(blank=True)),
                ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'email notification',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='core_notifi_content_f3d083_idx'), models.Index(fields=['sent_at', 'created_at'], name='core_notifi_sent_at_158908_idx')],
            },
        ),
        migrations.CreateModel(
            name='StatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('status', models.CharField(max_length=20)),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('changed_by', models.ForeignKey(blank=True, help_text='Empty when the change came from the public site or a command.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'ordering': ['changed_at', 'pk'],
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='core_status_content_20f5ee_idx')],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
