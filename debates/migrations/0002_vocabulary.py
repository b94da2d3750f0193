"""Create the three themes and the starting topic vocabulary."""

from django.db import migrations

from debates.vocabulary import THEMES, TOPICS


def create_vocabulary(apps, schema_editor):
    Theme = apps.get_model("debates", "Theme")
    Topic = apps.get_model("debates", "Topic")
    for order, (slug, name, description) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "description": description, "order": order})
    for slug, name, description in TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})


def remove_vocabulary(apps, schema_editor):
    apps.get_model("debates", "Theme").objects.filter(slug__in=[t[0] for t in THEMES]).delete()
    apps.get_model("debates", "Topic").objects.filter(slug__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("debates", "0001_initial")]

    operations = [migrations.RunPython(create_vocabulary, remove_vocabulary)]
