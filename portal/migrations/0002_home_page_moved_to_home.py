"""The home page and its featured roles now belong to the home app (``home/migrations/0001_initial.py``),
which keeps their tables: they leave this app's state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0001_initial"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HomeFeaturedRole"),
                migrations.DeleteModel(name="HomePage"),
            ],
        ),
    ]
