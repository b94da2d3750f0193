"""Create the two secretariat roles, Secretariat editors and Secretariat reviewers (see debates.roles)."""

from django.db import migrations

from debates.roles import EDITORS, REVIEWERS, roles_create


def create_roles(apps, schema_editor):
    roles_create(apps=apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("debates", "0003_history_versions_workflow"),
        ("panels", "0002_history_versions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
