"""Seed the vocabularies' translations (panels.term_translations) where a database has none yet.

Only missing rows are inserted: a translation staff have edited (or deleted, for a theme or topic that is gone)
is never overwritten.  Themes and topics are translated only when the database has them.  Reversing deletes
nothing: the rows may have been edited since, and the table itself goes with 0009.
"""

from django.db import migrations

from panels.attribution import ACTOR_KIND_SLUGS, Extent, Scope, Stance
from panels.term_translations import TRANSLATIONS


def seed_translations(apps, schema_editor):
    TermTranslation = apps.get_model("panels", "TermTranslation")
    db = schema_editor.connection.alias
    terms = {
        "theme": set(apps.get_model("debates", "Theme").objects.using(db).values_list("slug", flat=True)),
        "topic": set(apps.get_model("debates", "Topic").objects.using(db).values_list("slug", flat=True)),
        "actor": set(ACTOR_KIND_SLUGS.values()),
        "extent": set(Extent.values),
        "stance": set(Stance.values),
        "scope": set(Scope.values),
    }
    present = set(TermTranslation.objects.using(db).values_list("vocabulary", "term", "language"))
    TermTranslation.objects.using(db).bulk_create(
        TermTranslation(vocabulary=vocabulary, term=term, language=language, label=label, description=description)
        for language, vocabularies in TRANSLATIONS.items()
        for vocabulary, translated in vocabularies.items()
        for term, (label, description) in translated.items()
        if term in terms[vocabulary] and (vocabulary, term, language) not in present
    )


class Migration(migrations.Migration):
    dependencies = [
        ("debates", "0010_vocabulary_term"),
        ("panels", "0009_translations"),
    ]

    operations = [migrations.RunPython(seed_translations, migrations.RunPython.noop)]
