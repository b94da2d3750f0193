"""The two secretariat roles, as groups with their permissions.

* *Secretariat editors* add and change debates, panels, paragraphs,
  statements, participations, participants and documents (and delete the
  parts of a debate), send debates to review, and read the history. They
  cannot publish.
* *Secretariat reviewers* do everything editors do, plus publish, withdraw
  and restore earlier versions, and edit the vocabulary's translations.

Editors also add and change the texts' translations (titles, paragraphs,
statements), which publishing reviews with the rest of the debate.

A user also needs "staff status" to log in to the admin.  The groups are
created by the migration ``debates/0004_roles`` and brought up to date by
``debates/0013_translation_roles``.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITORS = "Secretariat editors"
REVIEWERS = "Secretariat reviewers"

EDITOR_PERMISSIONS = [
    ("debates", "add_debate"),
    ("debates", "change_debate"),
    ("debates", "delete_debate"),
    ("debates", "view_debate"),
    ("debates", "add_debatedocument"),
    ("debates", "change_debatedocument"),
    ("debates", "delete_debatedocument"),
    ("debates", "view_debatedocument"),
    ("debates", "add_document"),
    ("debates", "change_document"),
    ("debates", "view_document"),
    ("debates", "add_participant"),
    ("debates", "change_participant"),
    ("debates", "view_participant"),
    ("debates", "view_theme"),
    ("debates", "view_topic"),
    ("debates", "view_statuschange"),
    ("panels", "add_panel"),
    ("panels", "change_panel"),
    ("panels", "delete_panel"),
    ("panels", "view_panel"),
    ("panels", "add_paragraph"),
    ("panels", "change_paragraph"),
    ("panels", "delete_paragraph"),
    ("panels", "view_paragraph"),
    ("panels", "add_intervention"),
    ("panels", "change_intervention"),
    ("panels", "delete_intervention"),
    ("panels", "view_intervention"),
    ("panels", "add_participation"),
    ("panels", "change_participation"),
    ("panels", "delete_participation"),
    ("panels", "view_participation"),
    # Texts in other languages, entered with what they translate (debates/0013_translation_roles).
    ("debates", "add_debatetranslation"),
    ("debates", "change_debatetranslation"),
    ("debates", "delete_debatetranslation"),
    ("debates", "view_debatetranslation"),
    ("panels", "add_paragraphtranslation"),
    ("panels", "change_paragraphtranslation"),
    ("panels", "delete_paragraphtranslation"),
    ("panels", "view_paragraphtranslation"),
    ("panels", "add_interventiontranslation"),
    ("panels", "change_interventiontranslation"),
    ("panels", "delete_interventiontranslation"),
    ("panels", "view_interventiontranslation"),
    ("panels", "view_termtranslation"),
]
REVIEWER_ONLY_PERMISSIONS = [
    ("debates", "publish_debate"),
    ("debates", "restore_version"),
    # The vocabulary's translations show on every debate's pages at once, with no review of their own.
    ("panels", "add_termtranslation"),
    ("panels", "change_termtranslation"),
    ("panels", "delete_termtranslation"),
]


def roles_create(*, apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create (or bring up to date) both groups and their permissions; safe to run again.

    ``apps`` is a migration's app registry when called from a migration.
    Django creates model permissions only after the last migration, so they
    are created here first.
    """
    for label in ("auth", "contenttypes", "debates", "panels"):
        app_config = apps.get_app_config(label)
        stub = getattr(app_config, "models_module", None) is None  # a migration's stand-in for the app
        if stub:
            app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
        finally:
            if stub:
                app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app_label, codename in pairs:
            permission = (
                Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            )
            if permission is None and apps is global_apps:
                raise LookupError(f"No permission {app_label}.{codename}.")
            # A migration's registry may predate the model: a later migration runs this again (0013).
            if permission is not None:
                found.append(permission)
        return found

    editors, _ = Group.objects.using(using).get_or_create(name=EDITORS)
    editors.permissions.set(permissions(EDITOR_PERMISSIONS))
    reviewers, _ = Group.objects.using(using).get_or_create(name=REVIEWERS)
    reviewers.permissions.set(permissions(EDITOR_PERMISSIONS + REVIEWER_ONLY_PERMISSIONS))
    return editors, reviewers
