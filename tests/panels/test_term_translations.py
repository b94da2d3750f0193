"""The vocabularies' translations as the migration seeds them: every term, every language, never a staff edit."""

from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from panels.models import TermTranslation, vocabulary_terms
from panels.term_translations import TRANSLATIONS
from tests.search.data import ensure_vocabulary

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]
seed_module = import_module("panels.migrations.0010_term_translations")


class _SchemaEditor:
    connection = connection


def seed():
    """Run the data migration's seeding again (a transactional test before may have flushed its rows)."""
    ensure_vocabulary()
    seed_module.seed_translations(apps, _SchemaEditor())


@pytest.fixture
def seeded(db):
    seed()


def test_the_seed_translates_every_term_of_every_vocabulary_into_the_five_languages(seeded):
    kept = {(t.vocabulary, t.term, t.language): t for t in TermTranslation.objects.all()}
    expected = [
        (vocabulary, term, language)
        for vocabulary in TermTranslation.Vocabulary.values
        for term in vocabulary_terms(vocabulary)
        for language in LANGUAGES
    ]
    assert len(expected) > 5 * len(TermTranslation.Vocabulary.values)
    missing = [key for key in expected if key not in kept]
    assert missing == []
    for key in expected:
        assert kept[key].label.strip() and kept[key].description.strip(), key


def test_the_seed_data_names_no_term_outside_the_vocabularies(seeded):
    for language, vocabularies in TRANSLATIONS.items():
        assert language in LANGUAGES
        for vocabulary, translated in vocabularies.items():
            assert set(translated) == set(vocabulary_terms(vocabulary)), (language, vocabulary)


def test_every_seeded_row_passes_the_models_own_checks(seeded):
    for translation in TermTranslation.objects.all():
        translation.full_clean()


def test_the_three_freedoms_are_named_as_the_un_names_them(seeded):
    labels = dict(
        TermTranslation.objects.filter(vocabulary="theme", term="freedom-from-fear").values_list("language", "label")
    )
    assert labels == {
        "fr": "Droit de vivre à l’abri de la peur",
        "es": "Vivir libres del temor",
        "ru": "Свобода от страха",
        "zh-hans": "免于恐惧的自由",
        "ar": "التحرر من الخوف",
    }


def test_seeding_again_adds_what_is_missing_and_never_overwrites_an_edit(seeded):
    edited = TermTranslation.objects.get(vocabulary="stance", term="urged", language="fr")
    edited.label = "Pressé"
    edited.save()
    TermTranslation.objects.filter(vocabulary="stance", term="urged", language="es").delete()
    seed()
    assert TermTranslation.objects.get(vocabulary="stance", term="urged", language="fr").label == "Pressé"
    assert TermTranslation.objects.get(vocabulary="stance", term="urged", language="es").label == "Instado"


def test_a_theme_or_topic_the_database_lacks_gets_no_translation(seeded):
    from debates.models import Topic

    TermTranslation.objects.filter(vocabulary="topic", term="use-of-force").delete()
    Topic.objects.filter(slug="use-of-force").delete()
    seed()
    assert not TermTranslation.objects.filter(vocabulary="topic", term="use-of-force").exists()
