"""Give the secretariat roles the permissions of the translations (see debates.roles)."""

from django.db import migrations

from debates.roles import roles_create


def update_roles(apps, schema_editor):
    roles_create(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("debates", "0012_translations"),
        ("panels", "0010_term_translations"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
