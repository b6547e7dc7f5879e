import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "model",
                    models.CharField(help_text="The app label and model imported.", max_length=100),
                ),
                (
                    "resource",
                    models.CharField(
                        help_text="The import resource's dotted path.", max_length=200
                    ),
                ),
                (
                    "file_format",
                    models.CharField(help_text="The file format's dotted path.", max_length=200),
                ),
                ("encoding", models.CharField(blank=True, max_length=40)),
                (
                    "file_name",
                    models.CharField(help_text="The preview file's stored name.", max_length=64),
                ),
                ("original_file_name", models.CharField(blank=True, max_length=255)),
                ("total_rows", models.PositiveIntegerField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Waiting to start"),
                            ("running", "Importing"),
                            ("done", "Finished"),
                            ("failed", "Failed: nothing was imported"),
                        ],
                        default="queued",
                        max_length=10,
                    ),
                ),
                ("rows_done", models.PositiveIntegerField(default=0)),
                ("totals", models.JSONField(blank=True, default=dict)),
                ("errors", models.JSONField(blank=True, default=list)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "import job", "ordering": ["-created_at"]},
        ),
    ]
