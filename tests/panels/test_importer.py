"""The summary importer: rebuilding paragraphs, classifying statements, decoding uploads, saving drafts."""

import codecs
import datetime
import json
import os
import subprocess
import sys
from http import HTTPStatus
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from debates.models import Debate, DebateDocument, Document, Theme, Topic
from debates.vocabulary import THEMES, TOPICS
from panels.attribution import ActorKind
from panels.importer.classify import classify_paragraph, sentence_spans
from panels.importer.keywords import THEME_KEYWORDS, TOPIC_KEYWORDS, propose_labels
from panels.importer.parse import MAX_PARAGRAPH_CHARS, ParagraphTooLong, SectionKind, parse_summary, to_json
from panels.importing import (
    MAX_SUMMARY_BYTES,
    MAX_SUMMARY_LINES,
    SummaryImportError,
    summary_decode,
    summary_import,
    summary_preview,
)
from panels.models import Intervention, Panel, Paragraph
from tests.sources import source_path

FIXTURE_PATH = Path(settings.BASE_DIR) / "fixtures" / "human-security-2011.json"
METADATA = {
    "title": "Informal Thematic Debate on Human Security",
    "date": "2011-04-14",
    "session": 65,
    "kind": Debate.Kind.INFORMAL_THEMATIC_DEBATE,
}
EXPECTED_SECTIONS = [
    (SectionKind.INTRODUCTION, "Introduction", 2),
    (SectionKind.PANEL, "A possible approach for defining Human Security", 5),
    (SectionKind.PANEL, "Human Security – Its application and added value", 6),
    (SectionKind.CONCLUSION, "Conclusion", 3),
]


@pytest.fixture
def summary_text():
    return source_path().read_text(encoding="utf-8")


def row_counts():
    models = [Debate, Document, DebateDocument, Panel, Paragraph, Intervention]
    return {model.__name__: model.objects.count() for model in models}


# --- Plain Python -------------------------------------------------------------------------------------------------

# Run in a fresh interpreter without settings: every module of the importer package, and what Django modules that
# loaded. A new module is checked as soon as it is added to the package.
IMPORTER_IMPORTS = """
import importlib, json, pkgutil, sys
import panels.importer
names = sorted(f"panels.importer.{module.name}" for module in pkgutil.iter_modules(panels.importer.__path__))
for name in names:
    importlib.import_module(name)
print(json.dumps({"importer": names, "django": sorted(m for m in sys.modules if m.split(".")[0] == "django")}))
"""


def test_the_importer_loads_no_django():
    """The importer turns text into a proposal; only :mod:`panels.importing` saves it, through Django."""
    environment = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", IMPORTER_IMPORTS],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert {f"panels.importer.{name}" for name in ["parse", "classify", "keywords", "proposal"]} <= set(
        loaded["importer"]
    )
    assert loaded["django"] == []


# --- Rebuilding the summary ------------------------------------------------------------------------------------


def test_shared_summary_gives_four_sections_with_their_paragraphs(summary_text):
    proposed = parse_summary(summary_text)

    assert [(s.kind, s.title, len(s.paragraphs)) for s in proposed.sections] == EXPECTED_SECTIONS
    assert [s.panel_order for s in proposed.sections] == [None, 1, 2, None]
    assert [p.number for p in proposed.paragraphs] == list(range(1, 17))
    for paragraph in proposed.paragraphs:
        assert "\n" not in paragraph.text
        assert "  " not in paragraph.text
        assert paragraph.text == paragraph.text.strip()
    texts = [p.text for p in proposed.paragraphs]
    # Paragraphs that start with a space right after the previous one, with no blank line between.
    assert texts[3].endswith("define local solutions and responses.")
    assert texts[4].startswith("Some participants expressed concern over the misuse")
    assert texts[9].startswith("With its policy-orientation")
    assert texts[14].startswith("It was stressed that the approach")
    assert "to identify the inter-linkages among them" in texts[7]


def test_statements_are_verbatim_substrings_of_their_paragraphs(summary_text):
    proposed = parse_summary(summary_text)

    for paragraph in proposed.paragraphs:
        assert [s.order for s in paragraph.statements] == list(range(1, len(paragraph.statements) + 1))
        for statement in paragraph.statements:
            assert statement.text in paragraph.text


def test_page_furniture_is_removed_and_wrapped_lines_joined():
    page = "A/65/PV.{n}\n\n{body}\n\n{n}\n"
    text = (
        "Introduction\n\n"
        + page.format(
            n=1,
            body="The debate considered the inter-\nlinkages among security, develop\u00adment and human rights and\n",
        )
        + "\f"
        + page.format(
            n=2, body="continued after the page break.\n\nOne panelist sug-\ngested a policy-\noriented tool."
        )
        + "\f"
        + page.format(n=3, body="Conclusion\n\nIt was stressed that work continues.")
    )

    proposed = parse_summary(text)

    assert [s.title for s in proposed.sections] == ["Introduction", "Conclusion"]
    assert [p.text for p in proposed.paragraphs] == [
        "The debate considered the inter-linkages among security, development and human rights and "
        "continued after the page break.",
        # The hyphen at a line end is kept (documented): "sug-gested" is the price of "policy-oriented".
        "One panelist sug-gested a policy-oriented tool.",
        "It was stressed that work continues.",
    ]


def test_markdown_headings_and_indented_first_lines():
    text = (
        "# Summary of the debate\n\n"
        "## Introduction\n\nThe meeting opened.\n"
        " Participants discussed the notion.\n\n"
        "## Panel 1 – Defining the notion\n\nOne panelist suggested a framework.\n\n"
        "Opening of the second segment\n\nThe moderator stated the rules.\n\n"
        "## Conclusions\n\nThere was general consensus.\n"
    )

    proposed = parse_summary(text)

    assert [(s.kind, s.title, s.panel_order, s.paragraph_section) for s in proposed.sections] == [
        (SectionKind.INTRODUCTION, "Introduction", None, "introduction"),
        (SectionKind.PANEL, "Defining the notion", 1, "panel"),
        (SectionKind.OTHER_HEADING, "Opening of the second segment", 2, "panel"),
        (SectionKind.CONCLUSION, "Conclusions", None, "conclusion"),
    ]
    assert proposed.sections[2].panel_kind == "opening"
    assert [p.text for p in proposed.sections[0].paragraphs] == [
        "The meeting opened.",
        "Participants discussed the notion.",
    ]
    assert any("Summary of the debate" in warning for warning in proposed.warnings)


def test_sentences_do_not_split_at_abbreviations():
    text = (
        "Participants cited resolutions, e.g. A/RES/64/291. The U.N. Charter was recalled by Mr. Deiss in "
        "para. 3 of No. 5. They said no. It ended."
    )
    sentences = [text[start:end] for start, end in sentence_spans(text)]
    assert sentences == [
        "Participants cited resolutions, e.g. A/RES/64/291.",
        "The U.N. Charter was recalled by Mr. Deiss in para. 3 of No. 5.",
        "They said no.",
        "It ended.",
    ]


# --- Classifying statements ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor_kinds", "extent", "stance"),
    [
        ("One panelist suggested placing emphasis on perceived threats.", ["panelist"], "one", "suggested"),
        (
            "Some participants expressed concern over the misuse of the notion.",
            ["participant"],
            "some",
            "expressed-concern",
        ),
        (
            "While such concerns warrant careful consideration, several panelists and participants emphasized that "
            "States bear the primary responsibility.",
            ["panelist", "participant"],
            "several",
            "emphasized",
        ),
        ("There was general consensus on the need for policy norms.", ["meeting"], "general-consensus", "agreed"),
        ("Security today, noted one panelist, is less about securing borders.", ["panelist"], "one", "noted"),
        (
            "In this context, a significant number of interventions considered the idea of an index.",
            ["participant"],
            "significant-number",
            "considered",
        ),
        (
            "Panelists and participants discussed the added value of human security.",
            ["panelist", "participant"],
            "unquantified",
            "discussed",
        ),
        (
            "While discussions will continue, for the most part, Member States and panelists alike felt that there "
            "was movement towards a general consideration of the parameters.",
            ["member-state", "panelist"],
            "most",
            "considered",
        ),
        (
            "It was stressed that the approach must be in line with the Charter.",
            ["meeting"],
            "unquantified",
            "stressed",
        ),
        ("It was also highlighted that human security is practical.", ["meeting"], "unquantified", "highlighted"),
        (
            "The informal Thematic Debate emphasized the importance of continued consultation.",
            ["meeting"],
            "unquantified",
            "emphasized",
        ),
        (
            "Among these, there was a shared understanding that human security is people-centred.",
            ["meeting"],
            "general-consensus",
            "agreed",
        ),
        (
            "Panelists and many participants supported a pragmatic approach.",
            ["panelist", "participant"],
            "many",
            "supported",
        ),
        ("The President of the General Assembly recalled resolution 64/291.", ["chair"], "one", "recalled"),
        (
            "Recalling the role of Member States, participants stressed prevention.",
            ["participant"],
            "unquantified",
            "stressed",
        ),
        ("Several African delegations, in particular, warned against misuse.", ["participant"], "several", "cautioned"),
    ],
)
def test_classification_of_attribution_formulas(sentence, actor_kinds, extent, stance):
    (statement,) = classify_paragraph(sentence)

    assert statement.text == sentence
    assert (statement.actor_kinds, statement.extent, statement.stance) == (actor_kinds, extent, stance)
    assert statement.classified
    assert statement.reason == ""


def test_two_attributions_in_one_sentence_give_two_statements():
    paragraph = (
        "While some participants cautioned that an ambiguous notion may be difficult to operationalize, other "
        "participants suggested that it was still necessary to build on it."
    )

    first, second = classify_paragraph(paragraph)

    assert (first.extent, first.stance) == ("some", "cautioned")
    assert (second.extent, second.stance) == ("other", "suggested")
    assert second.text.startswith("other participants suggested")
    assert first.text in paragraph and second.text in paragraph


def test_sentences_without_attribution_are_not_statements():
    paragraph = "Human security responds to the need for an expanded paradigm. States bear the primary responsibility."
    assert classify_paragraph(paragraph) == []


def test_unclear_attributions_are_marked_unclassified_with_a_reason():
    speakers, mention = classify_paragraph(
        "Noting the progress, participants and panelists focused on providing inputs. "
        "The debate aimed to support an exchange among Member States and experts."
    )

    assert not speakers.classified
    assert speakers.actor_kinds == ["participant", "panelist"]
    assert speakers.stance is None
    assert "focused" in speakers.reason
    assert not mention.classified
    assert mention.actor_kinds == []
    assert "Member States" in mention.reason


def test_pronoun_takes_the_speakers_of_the_previous_statement():
    first, second = classify_paragraph("Several delegations stressed prevention. They also called for an index.")

    assert (second.actor_kinds, second.extent, second.stance) == (["participant"], "several", "called-for")
    assert first.classified and not second.classified


def test_keyword_list_uses_the_vocabulary_slugs():
    assert set(THEME_KEYWORDS) <= {slug for slug, *_ in THEMES}
    assert set(TOPIC_KEYWORDS) <= {slug for slug, *_ in TOPICS}
    themes, topics = propose_labels("Several participants stressed the Responsibility to Protect and early warning.")
    assert themes == []
    assert topics == ["responsibility-to-protect", "prevention-and-early-warning"]


def test_to_json_has_the_documented_shape(summary_text):
    data = json.loads(json.dumps(to_json(parse_summary(summary_text))))

    assert set(data) == {"sections", "counts", "warnings"}
    section = data["sections"][1]
    assert set(section) == {
        "kind",
        "label",
        "title",
        "heading",
        "panel_order",
        "panel_kind",
        "paragraph_section",
        "paragraphs",
    }
    paragraph = section["paragraphs"][0]
    assert set(paragraph) == {"number", "text", "statements"}
    assert set(paragraph["statements"][0]) == {
        "order",
        "text",
        "actor_kinds",
        "extent",
        "stance",
        "themes",
        "topics",
        "classified",
        "reason",
    }
    assert data["counts"]["paragraphs"] == 16


# --- Decoding uploads ------------------------------------------------------------------------------------------


def test_decode_reads_utf8_with_and_without_bom():
    assert summary_decode("Introduction – “quoted”".encode()) == "Introduction – “quoted”"
    assert summary_decode(codecs.BOM_UTF8 + "Introduction é".encode()) == "Introduction é"


def test_decode_reads_utf16_with_bom():
    data = "Introduction\n\nPanelists said “yes” – twice.".encode("utf-16")
    assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert summary_decode(data) == "Introduction\n\nPanelists said “yes” – twice."


def test_decode_falls_back_to_windows_1252():
    data = "Participants said “human security” – it’s people-centred.".encode("cp1252")
    assert summary_decode(data) == "Participants said “human security” – it’s people-centred."


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\n ", "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"Introduction\x00\x01\x02 binary", "NUL bytes"),
        (bytes(range(1, 32)) * 50 + b"text", "does not look like text"),
        (b"a" * (MAX_SUMMARY_BYTES + 1), "at most 5 MB"),
    ],
)
def test_decode_refuses_what_is_not_a_summary(data, words):
    with pytest.raises(SummaryImportError) as caught:
        summary_decode(data)
    assert caught.value.field == "file"
    assert words in caught.value.message


# --- Previewing and saving -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_saves_a_draft_debate_that_is_not_public(client, summary_text):
    before = row_counts()

    debate = summary_import(text=summary_text, slug="imported-2011", **METADATA)

    assert debate.status == Debate.Status.DRAFT
    assert (debate.start_date, debate.end_date) == (datetime.date(2011, 4, 14), datetime.date(2011, 4, 14))
    assert client.get(debate.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    proposed = parse_summary(summary_text)
    counts = proposed.counts()
    after = row_counts()
    assert after["Debate"] - before["Debate"] == 1
    assert after["Panel"] - before["Panel"] == 2
    assert after["Paragraph"] - before["Paragraph"] == 16
    assert after["Intervention"] - before["Intervention"] == counts["statements"] - counts["unsavable"]
    assert list(debate.panels.values_list("order", "title")) == [
        (1, "A possible approach for defining Human Security"),
        (2, "Human Security – Its application and added value"),
    ]
    assert [p.text for p in debate.paragraphs.order_by("number")] == [p.text for p in proposed.paragraphs]
    assert list(debate.paragraphs.values_list("section", flat=True).distinct().order_by("section")) == [
        "conclusion",
        "introduction",
        "panel",
    ]

    source = Document.objects.get(slug="imported-2011-summary")
    assert source.kind == Document.Kind.SUMMARY
    assert DebateDocument.objects.filter(debate=debate, document=source, relation="summary").exists()
    interventions = Intervention.objects.filter(debate=debate)
    assert set(interventions.values_list("source", flat=True)) == {source.pk}
    suggestion = interventions.get(text__startswith="One panelist suggested")
    assert (suggestion.actor_kinds, suggestion.extent, suggestion.stance) == (ActorKind.PANELIST, "one", "suggested")
    both = interventions.get(text__startswith="While such concerns warrant")
    assert both.actor_kinds == ActorKind.PANELIST | ActorKind.PARTICIPANT
    # Unclassified but with speakers: its unread stance is saved empty (never a guess), marked for a reviewer.
    focused = interventions.get(text__startswith="Noting the progress")
    assert (focused.extent, focused.stance, focused.needs_review) == ("unquantified", "", True)
    assert not suggestion.needs_review
    unclassified = {s.text for p in proposed.paragraphs for s in p.statements if not s.classified and s.actor_kinds}
    assert set(interventions.filter(needs_review=True).values_list("text", flat=True)) == unclassified
    assert set(Theme.objects.filter(interventions__debate=debate).values_list("slug", flat=True))
    assert "index-of-human-security" in set(
        Topic.objects.filter(interventions__debate=debate).values_list("slug", flat=True)
    )
    for intervention in interventions.select_related("paragraph"):
        assert intervention.text in intervention.paragraph.text


@pytest.mark.django_db
def test_import_records_who_imported(summary_text, django_user_model):
    from django.contrib.admin.models import ADDITION, LogEntry

    editor = django_user_model.objects.create_user(username="editor", password="x-Unused-9")

    debate = summary_import(text=summary_text, slug="by-editor", user=editor, **METADATA)

    entry = LogEntry.objects.get(object_id=str(debate.pk))
    assert (entry.user, entry.action_flag) == (editor, ADDITION)
    assert "Imported as a draft" in entry.get_change_message()
    assert debate.history.get().history_user == editor


@pytest.mark.django_db
def test_import_derives_a_slug_from_the_title_and_year(summary_text):
    debate = summary_import(text=summary_text, **METADATA)
    assert debate.slug == "informal-thematic-debate-on-human-security-2011"


@pytest.mark.django_db
def test_preview_writes_nothing(summary_text):
    before = row_counts()

    proposed = summary_preview(text=summary_text, title="A title", date="2011-04-14")

    assert proposed.counts()["paragraphs"] == 16
    assert row_counts() == before


@pytest.mark.django_db
def test_script_in_a_paragraph_is_stored_sanitized():
    text = "Introduction\n\nOne panelist suggested <script>alert('x')</script> a **bold** idea.\n"

    debate = summary_import(text=text, slug="with-script", **METADATA)

    paragraph = debate.paragraphs.get()
    assert "<script" in paragraph.text  # the source is kept as written …
    assert "<script" not in paragraph.text_html  # … and never reaches the page
    assert "<strong>bold</strong>" in paragraph.text_html
    intervention = paragraph.interventions.get()
    assert "<script" not in intervention.text_html
    assert any("HTML" in warning for warning in parse_summary(text).warnings)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"text": ""}, "text", "empty"),
        ({"text": "   \n\n 3 \n\f\n 4 \n"}, "text", "No paragraphs"),
        ({"text": "Introduction\n\nPanel 1: Nothing\n\nConclusion\n"}, "text", "No paragraphs"),
        ({"title": ""}, "title", "title is required"),
        ({"title": "x" * 301}, "title", "301 characters"),
        ({"date": "2011-02-30"}, "date", "“2011-02-30” is not a real date"),
        ({"date": "04/14/2011"}, "date", "“04/14/2011” is not a real date"),
        ({"date": "next Thursday"}, "date", "2011-04-14, 14 April 2011 or 14/04/2011"),
        ({"date": None}, "date", "date is required"),
        ({"session": None}, "session", "session number is required"),
        ({"session": "sixty-five"}, "session", "not a session number"),
        ({"kind": "tea-party"}, "kind", "not a kind of debate"),
        ({"slug": "not a slug!"}, "slug", "not a valid slug"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(summary_text, changes, field, words):
    arguments = {"text": summary_text, **METADATA, **changes}
    before = row_counts()

    with pytest.raises(SummaryImportError) as caught:
        summary_import(**arguments)

    assert caught.value.field == field
    assert words in caught.value.message
    assert row_counts() == before


@pytest.mark.django_db
def test_duplicate_slug_is_refused_and_nothing_is_saved(summary_text):
    summary_import(text=summary_text, slug="taken", **METADATA)
    before = row_counts()

    with pytest.raises(SummaryImportError) as caught:
        summary_import(text=summary_text, slug="taken", **METADATA)

    assert caught.value.field == "slug"
    assert "“taken” already exists" in caught.value.message
    assert row_counts() == before


@pytest.mark.django_db
def test_a_failure_halfway_rolls_back_everything(summary_text, monkeypatch):
    """A problem found while saving (here an invalid actor kind) undoes the rows saved before it."""
    from panels import importing

    original = importing.parse_summary

    def broken_parse(text):
        proposed = original(text)
        proposed.paragraphs[-1].statements.append(
            type(proposed.statements[0])(
                order=9, text="not in the paragraph", actor_kinds=["panelist"], extent="one", stance="noted"
            )
        )
        return proposed

    monkeypatch.setattr(importing, "parse_summary", broken_parse)
    before = row_counts()

    with pytest.raises(SummaryImportError) as caught:
        summary_import(text=summary_text, slug="half-way", **METADATA)

    assert "word for word" in caught.value.message
    assert row_counts() == before


# --- The import_summary command --------------------------------------------------------------------------------


def command_arguments(*extra):
    return [
        str(source_path()),
        "--title",
        METADATA["title"],
        "--date",
        METADATA["date"],
        "--session",
        "65",
        *extra,
    ]


@pytest.mark.django_db
def test_dry_run_prints_an_outline_and_writes_nothing():
    before = row_counts()
    out = StringIO()

    call_command("import_summary", *command_arguments("--dry-run"), stdout=out, stderr=StringIO())

    assert row_counts() == before
    output = out.getvalue()
    assert "Panel 1: A possible approach for defining Human Security" in output
    assert "16 paragraphs" in output
    assert "unclassified" in output
    assert "nothing was saved" in output


@pytest.mark.django_db
def test_dry_run_json_prints_the_proposal_and_writes_nothing():
    before = row_counts()
    out = StringIO()

    call_command("import_summary", *command_arguments("--dry-run", "--json"), stdout=out, stderr=StringIO())

    assert row_counts() == before
    data = json.loads(out.getvalue())
    assert data["debate"] is None
    assert [section["title"] for section in data["sections"]] == [title for _, title, _ in EXPECTED_SECTIONS]
    assert sum(len(section["paragraphs"]) for section in data["sections"]) == 16
    statement = data["sections"][1]["paragraphs"][3]["statements"][1]
    assert statement["actor_kinds"] == ["panelist"]
    assert (statement["extent"], statement["stance"], statement["classified"]) == ("one", "suggested", True)


@pytest.mark.django_db
def test_command_saves_a_draft_and_prints_its_slug():
    out = StringIO()

    call_command("import_summary", *command_arguments("--slug", "from-command"), stdout=out, stderr=StringIO())

    assert Debate.objects.get(slug="from-command").status == Debate.Status.DRAFT
    assert "from-command" in out.getvalue()


@pytest.mark.django_db
def test_command_errors_are_command_errors(tmp_path):
    binary = tmp_path / "summary.pdf"
    binary.write_bytes(b"%PDF-1.4\n\x00\x01")
    before = row_counts()

    with pytest.raises(CommandError, match="FILE: This is a PDF file"):
        call_command("import_summary", str(binary), "--title", "T", "--date", "2011-04-14", "--session", "65")
    with pytest.raises(CommandError, match=r"--date: .*2011-02-30"):
        call_command("import_summary", *command_arguments("--date", "2011-02-30"))
    too_big = tmp_path / "big.txt"
    too_big.write_bytes(b"a" * (MAX_SUMMARY_BYTES + 1))
    with pytest.raises(CommandError, match="FILE: The file is 5.0 MB; a summary may be at most 5 MB"):
        call_command("import_summary", str(too_big), "--title", "T", "--date", "2011-04-14", "--dry-run")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_summary", str(tmp_path / "missing.txt"), "--title", "T", "--date", "2011-04-14")
    assert row_counts() == before


# --- Agreement with the hand-checked fixture -------------------------------------------------------------------


def _span(paragraph_text, text):
    start = paragraph_text.find(text)
    return (start, start + len(text)) if start >= 0 else None


@pytest.mark.django_db
def test_import_agrees_with_the_hand_checked_fixture(summary_text, capsys):
    call_command("loaddata", "human-security-2011", verbosity=0)
    fixture_slug = next(
        entry["fields"]["slug"]
        for entry in json.loads(FIXTURE_PATH.read_text(encoding="utf-8"))
        if entry["model"] == "debates.debate"
    )
    fixture = Debate.objects.get(slug=fixture_slug)

    imported = summary_import(text=summary_text, slug=f"{fixture_slug}-imported", **METADATA)

    fixture_paragraphs = list(fixture.paragraphs.order_by("number").values_list("number", "text"))
    assert list(imported.paragraphs.order_by("number").values_list("number", "text")) == fixture_paragraphs

    paragraph_texts = dict(fixture_paragraphs)
    imported_by_paragraph = {}
    for intervention in Intervention.objects.filter(debate=imported).select_related("paragraph"):
        imported_by_paragraph.setdefault(intervention.paragraph.number, []).append(intervention)
    expected = list(Intervention.objects.filter(debate=fixture).select_related("paragraph"))
    assert expected, "The fixture has no interventions to compare with."

    actor_matches = extent_matches = 0
    for intervention in expected:
        number = intervention.paragraph.number
        fixture_span = _span(paragraph_texts[number], intervention.text)
        best, best_overlap = None, 0
        for candidate in imported_by_paragraph.get(number, []):
            span = _span(paragraph_texts[number], candidate.text)
            overlap = min(span[1], fixture_span[1]) - max(span[0], fixture_span[0])
            if overlap > best_overlap:
                best, best_overlap = candidate, overlap
        if best is None:
            continue
        actor_matches += best.actor_kinds == intervention.actor_kinds
        extent_matches += best.extent == intervention.extent
    actor_agreement = actor_matches / len(expected)
    extent_agreement = extent_matches / len(expected)
    with capsys.disabled():
        print(
            f"\nimporter vs fixture: actor kinds {actor_matches}/{len(expected)} ({actor_agreement:.0%}), "
            f"extent {extent_matches}/{len(expected)} ({extent_agreement:.0%})"
        )
    assert actor_agreement >= 0.9
    assert extent_agreement >= 0.9


@pytest.mark.django_db
def test_text_without_any_heading_is_refused_and_nothing_saved():
    before = Debate.objects.count()
    with pytest.raises(SummaryImportError) as error:
        summary_import(
            text="Some participants expressed concern.\n\nOne panelist suggested a definition.",
            title="Untitled",
            date="2011-04-14",
            session=65,
            kind="informal-thematic-debate",
        )
    assert error.value.field == "text"
    assert "No sections were recognized" in str(error.value)
    assert Debate.objects.count() == before


# --- Hostile and oversized inputs: linear work, limits stated and enforced (issue 11) ---------------------------
#
# Each input here once took from seconds to minutes (a pattern backtracking over a long run, or a search over all
# the text before every match).  The tests assert only that the work finishes with the expected result; the
# times are measured by `make bench` (bench/RESULTS.md, "Import preview").

HUGE_SPACES = "Introduction\n\n" + " " * 100_000 + "\n\nSome participants noted that it was fine.\n"
HUGE_SENTENCE = "Introduction\n\nSome participants noted that " + "very " * 29_000 + "important.\n"


def wrapped_paragraphs(count):
    """``count`` paragraphs of five short lines each, under one heading: 6 × ``count`` + 2 lines with the blanks."""
    body = "\n\n".join(
        # The numbered line is longer than 40 characters, so it is not taken for a repeated running header.
        f"One panelist noted that the point numbered {number}\nwas made\non five short\nlines of\ntext."
        for number in range(count)
    )
    return "Introduction\n\n" + body + "\n\n"


def test_a_line_of_100000_spaces_is_refused_before_parsing():
    with pytest.raises(SummaryImportError) as caught:
        summary_preview(text=HUGE_SPACES, title="T", date="2011-04-14")
    assert caught.value.field == "text"
    assert caught.value.message.startswith("Line 3 of the summary text has 100,000 characters; a line may have")


def test_a_145_kb_sentence_is_refused_before_parsing():
    with pytest.raises(SummaryImportError) as caught:
        summary_preview(text=HUGE_SENTENCE, title="T", date="2011-04-14")
    assert caught.value.field == "text"
    assert "Line 3 of the summary text has 145,039 characters" in caught.value.message


def test_50000_short_lines_are_refused_before_parsing():
    text = wrapped_paragraphs(8_333)
    assert len(text.splitlines()) == 50_000
    with pytest.raises(SummaryImportError) as caught:
        summary_preview(text=text, title="T", date="2011-04-14")
    assert caught.value.field == "text"
    assert caught.value.message == "The summary text has 50,001 lines; a summary may have at most 20,000."


def test_short_lines_up_to_the_limit_are_previewed():
    text = wrapped_paragraphs(3_332)
    assert len(text.splitlines()) == 19_994
    proposed = summary_preview(text=text, title="T", date="2011-04-14")
    assert len(proposed.paragraphs) == 3_332
    assert proposed.paragraphs[-1].text == (
        "One panelist noted that the point numbered 3331 was made on five short lines of text."
    )
    assert [(s.actor_kinds, s.extent, s.stance) for s in proposed.paragraphs[-1].statements] == [
        (["panelist"], "one", "noted")
    ]


def test_the_parser_alone_reads_the_hostile_inputs():
    """Without the service's limits, the parser itself is linear on them (paragraph limit aside)."""
    proposed = parse_summary(HUGE_SPACES)
    assert [p.text for p in proposed.paragraphs] == ["Some participants noted that it was fine."]
    with pytest.raises(ParagraphTooLong) as caught:
        parse_summary(HUGE_SENTENCE)
    assert (caught.value.number, caught.value.length) == (1, 145_039)


@pytest.mark.parametrize(
    ("text", "paragraphs", "statements"),
    [
        # A page number surrounded by a long run of spaces is still page furniture; the paragraph is joined again.
        (
            "Introduction\n\nOne panelist noted that the text\n\f\n" + " " * 19_000 + "3\n\nruns across a page.\n",
            ["One panelist noted that the text runs across a page."],
            1,
        ),
        # A Markdown heading whose closing hashes follow a long run of spaces.
        ("# Introduction" + " " * 19_000 + "##\n\nSome participants noted it.\n", ["Some participants noted it."], 1),
        # Long runs of full stops, of opening tags, and of hyphens inside one paragraph.
        ("Introduction\n\nOne panelist noted this" + "." * 19_000 + " Fine.\n", None, 1),
        ("Introduction\n\nOne panelist noted " + "<a" * 9_000 + ".\n", None, 1),
        ("Introduction\n\nOne panelist noted armed" + "-" * 19_000 + "conflict.\n", None, 1),
        # Many full stops the sentence splitter must look past, and many attributions in one sentence.
        ("Introduction\n\nOne panelist noted e.g. " + "e.g. " * 3_900 + "this.\n", None, 1),
        ("Introduction\n\n" + "Some participants noted, " * 790 + "and so on.\n", None, 790),
    ],
    ids=["page-number", "markdown-heading", "dots", "tags", "hyphens", "abbreviations", "attributions"],
)
def test_long_runs_inside_a_paragraph_are_read_in_one_pass(text, paragraphs, statements):
    proposed = parse_summary(text)
    assert len(proposed.paragraphs) == 1
    if paragraphs is not None:
        assert [p.text for p in proposed.paragraphs] == paragraphs
    assert len(proposed.statements) == statements


def test_the_limits_are_enforced_with_a_message_about_the_text():
    too_many_lines = "Introduction\n\n" + "x\n" * MAX_SUMMARY_LINES
    with pytest.raises(SummaryImportError) as caught:
        summary_preview(text=too_many_lines, title="T", date="2011-04-14")
    assert caught.value.field == "text"
    assert caught.value.message == "The summary text has 20,003 lines; a summary may have at most 20,000."

    at_the_limit = "Introduction\n\nSome participants noted " + "a" * (MAX_PARAGRAPH_CHARS - 25) + ".\n"
    assert len(summary_preview(text=at_the_limit, title="T", date="2011-04-14").paragraphs[0].text) == 20_000

    # Lines within the limit, but one paragraph (lines with no blank line between them) over it.
    long_paragraph = "Introduction\n\n" + ("Some participants noted it. " * 100 + "\n") * 8
    with pytest.raises(SummaryImportError) as caught:
        summary_preview(text=long_paragraph, title="T", date="2011-04-14")
    assert caught.value.field == "text"
    assert caught.value.message.startswith("Paragraph 1 of the summary text has 22,399 characters; a paragraph may")

    with pytest.raises(SummaryImportError) as caught:
        summary_preview(text="Introduction\n\n" + "a" * (MAX_SUMMARY_BYTES + 1), title="T", date="2011-04-14")
    assert caught.value.message == "The summary text is 5.0 MB; a summary may be at most 5 MB."
