"""The catalogue check (languages.catalogues, run by make test): it passes on the project's catalogues and fails on
every kind of gap a translator can leave."""

import subprocess

import polib
import pytest

from languages import catalogues

HEADER = {
    "Project-Id-Version": "tests",
    "PO-Revision-Date": "2026-11-30 12:00+0000",
    "Last-Translator": "tests",
    "Language-Team": "tests",
    "Language": "ru",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) "
    "? 1 : n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14)? 2 : 3);",
}


def write(tmp_path, entries, *, locale="ru", header=HEADER, compile_it=True):
    """A catalogue of ``entries`` (polib.POEntry keyword arguments) for ``locale``, compiled as make messages does."""
    directory = tmp_path / locale / "LC_MESSAGES"
    directory.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = dict(header)
    for entry in entries:
        catalogue.append(polib.POEntry(**entry))
    path = directory / "django.po"
    catalogue.save(str(path))
    if compile_it:
        subprocess.run(["msgfmt", "--check", "-o", str(path.with_suffix(".mo")), str(path)], check=True)
    return path


def whats(problems):
    return sorted(problem.what for problem in problems)


GOOD = [
    {"msgid": "Debates", "msgstr": "Дебаты"},
    {"msgid": "No such theme: %(slug)s", "msgstr": "Нет такой темы: %(slug)s"},
    {
        "msgid": "%(count)s statement",
        "msgid_plural": "%(count)s statements",
        "msgstr_plural": {
            0: "%(count)s высказывание",
            1: "%(count)s высказывания",
            2: "%(count)s высказываний",
            3: "%(count)s высказывания",
        },
    },
]


def test_a_complete_compiled_catalogue_passes(tmp_path):
    assert catalogue_problems(write(tmp_path, GOOD)) == []


def catalogue_problems(path, expected=None):
    return catalogues.catalogue_problems(path, expected)


def test_an_empty_translation_fails(tmp_path):
    path = write(tmp_path, [*GOOD, {"msgid": "Themes", "msgstr": ""}])

    assert whats(catalogue_problems(path)) == ["untranslated"]


def test_an_empty_plural_form_fails(tmp_path):
    plural = {**GOOD[2], "msgstr_plural": {**GOOD[2]["msgstr_plural"], 2: ""}}
    path = write(tmp_path, [GOOD[0], plural], compile_it=False)

    assert "untranslated" in whats(catalogue_problems(path))


def test_a_fuzzy_translation_fails(tmp_path):
    path = write(tmp_path, [*GOOD, {"msgid": "Topics", "msgstr": "Темы", "flags": ["fuzzy"]}])

    assert whats(catalogue_problems(path)) == ["fuzzy"]


def test_a_fuzzy_header_fails_because_gettext_would_ignore_the_plural_forms(tmp_path):
    path = write(tmp_path, GOOD, compile_it=False)
    text = path.read_text().replace('msgid ""\nmsgstr ""', '#, fuzzy\nmsgid ""\nmsgstr ""', 1)
    path.write_text(text)
    subprocess.run(["msgfmt", "-o", str(path.with_suffix(".mo")), str(path)], check=True)

    assert any("header is fuzzy" in problem.what for problem in catalogue_problems(path))


def test_the_wrong_number_of_plural_forms_fails(tmp_path):
    header = {**HEADER, "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    path = write(tmp_path, GOOD[:2], header=header)

    assert whats(catalogue_problems(path)) == ["Plural-Forms should have nplurals=4"]


def test_a_lost_or_renamed_placeholder_fails(tmp_path):
    path = write(
        tmp_path, [{"msgid": "No such theme: %(slug)s", "msgstr": "Нет такой темы: %(name)s"}], compile_it=False
    )
    subprocess.run(["msgfmt", "-o", str(path.with_suffix(".mo")), str(path)], check=True)

    assert whats(catalogue_problems(path)) == ["placeholders ['%(name)s'] instead of ['%(slug)s']"]


def test_a_message_of_the_code_missing_from_the_catalogue_fails(tmp_path):
    path = write(tmp_path, GOOD)
    expected = {("", "Debates"), ("", "Explore statements")}

    problems = catalogue_problems(path, expected)

    assert [(problem.what, problem.message) for problem in problems] == [("missing", "Explore statements")]


def test_a_catalogue_edited_but_not_compiled_fails(tmp_path):
    path = write(tmp_path, GOOD)
    catalogue = polib.pofile(str(path))
    catalogue.find("Debates").msgstr = "Прения"
    catalogue.save()

    assert whats(catalogue_problems(path)) == ["compiled catalogue differs (make messages)"]


def test_a_missing_catalogue_fails(tmp_path):
    assert whats(catalogue_problems(tmp_path / "es" / "LC_MESSAGES" / "django.po")) == ["no catalogue"]


def test_the_messages_are_extracted_from_the_code_and_the_templates():
    messages = catalogues.extracted_messages()

    assert ("", "Explore statements") in messages  # templates/includes/_header.html
    assert ("", "Arabic") in messages  # config/settings.py, the name of a language


@pytest.mark.django_db
def test_every_catalogue_of_the_project_is_complete():
    problems = catalogues.all_problems()

    assert problems == [], "\n".join(map(str, problems[:40]))


def test_a_named_placeholder_may_be_repeated_or_moved_but_not_a_positional_one_dropped(tmp_path):
    entries = [
        {"msgid": "Statements of or naming %(name)s", "msgstr": "Высказывания %(name)s или о %(name)s"},
        {"msgid": "%(first)s or %(second)s", "msgstr": "%(second)s или %(first)s"},
        {"msgid": "%s and %s", "msgstr": "%s и"},
    ]
    problems = catalogue_problems(write(tmp_path, entries))

    assert [(problem.message, problem.what) for problem in problems] == [
        ("%s and %s", "placeholders ['%s'] instead of ['%s', '%s']")
    ]
