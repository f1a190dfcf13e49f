"""The home page and its featured roles, moved here from the portal app.

Their tables stay as the portal app made them (``portal/migrations/0001_initial.py`` creates them on a
new database): this app takes them over in Django's state only, and the content types of the two
models move with them, so the existing home page keeps its type, revisions and permissions.
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

MOVED = ("homepage", "homefeaturedrole")


def move_content_types(apps, schema_editor):
    """Rename the portal app's content types to this app's; on a new database there are none yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    for model in MOVED:
        old = ContentType.objects.filter(app_label="portal", model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label="home", model=model).first()
        if new is not None:  # made by an earlier run of post_migrate: keep the one pages point at
            Page.objects.filter(content_type=new).update(content_type=old)
            new.delete()
        old.app_label = "home"
        old.save(update_fields=["app_label"])


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="home", model__in=MOVED).update(app_label="portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("alumni", "0001_initial"),
        ("careers", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("intro", models.TextField(help_text="One or two sentences that say what the portal is; also the meta description.", max_length=400)),
                        ("featured_interview", models.ForeignKey(blank=True, help_text="The alumni story shown with its pull quote on the home page.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="alumni.alumniinterviewpage")),
                    ],
                    options={"db_table": "portal_homepage"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="HomeFeaturedRole",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        ("role", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="careers.rolepage")),
                        ("page", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="featured_role_links", to="home.homepage")),
                    ],
                    options={"ordering": ["sort_order"], "abstract": False, "db_table": "portal_homefeaturedrole"},
                ),
            ],
            database_operations=[migrations.RunPython(move_content_types, restore_content_types)],
        ),
    ]
