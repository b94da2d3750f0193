"""The synthetic data generator: the shape of what it makes on a small N (never its speed)."""

import collections
import re

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from bench.management.commands.generate_synthetic import (
    MAX_DEBATE_SIZE,
    MIN_DEBATE_SIZE,
    RARE_WORDS,
    SLUG_PREFIX,
    TITLE_PREFIX,
    debate_sizes,
)
from debates.markdown import render_markdown
from debates.models import Debate, Document, Participant
from panels.attribution import ActorKind
from panels.models import Intervention, Panel, Paragraph

N = 500


@pytest.mark.parametrize("total", [1, 19, 20, 21, 299, 300, 301, 319, 320, 321, 5000, 12345])
def test_debate_sizes_add_up_and_stay_in_range(total):
    sizes = [size for _, size in debate_sizes(total, seed=7)]
    assert sum(sizes) == total
    if total < MIN_DEBATE_SIZE:
        assert sizes == [total]
    else:
        assert all(MIN_DEBATE_SIZE <= size <= MAX_DEBATE_SIZE for size in sizes), sizes


def test_debate_sizes_are_skewed_towards_small_debates():
    sizes = [size for _, size in debate_sizes(200_000, seed=1)]
    middle = (MIN_DEBATE_SIZE + MAX_DEBATE_SIZE) / 2
    assert sum(size < middle for size in sizes) > 2 * sum(size >= middle for size in sizes)


def test_a_debate_does_not_depend_on_the_total():
    """Debate i is the same at any N (but the last one), so a benchmark names the same page at every size."""
    small = dict(debate_sizes(1_000, seed=3))
    large = dict(debate_sizes(100_000, seed=3))
    last = max(small)
    assert all(small[index] == large[index] for index in small if index != last)


@pytest.fixture
def synthetic(db):
    call_command("generate_synthetic", interventions=N, seed=11, verbosity=0)


@pytest.mark.django_db
def test_it_adds_exactly_n_statements_in_debates_of_the_right_shape(synthetic):
    debates = Debate.objects.filter(slug__startswith=SLUG_PREFIX).annotate(
        statements=Count("interventions", distinct=True), panel_count=Count("panels", distinct=True)
    )
    assert Intervention.objects.filter(debate__slug__startswith=SLUG_PREFIX).count() == N
    assert debates.count() >= 2
    for debate in debates:
        assert MIN_DEBATE_SIZE <= debate.statements <= MAX_DEBATE_SIZE, debate.slug
        assert 1 <= debate.panel_count <= 6, debate.slug
        numbers = list(debate.paragraphs.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
    assert len({debate.panel_count for debate in debates}) > 1


@pytest.mark.django_db
def test_everything_is_marked_synthetic_and_published(synthetic):
    for debate in Debate.objects.all():
        assert debate.slug.startswith(SLUG_PREFIX)
        assert debate.title.startswith(TITLE_PREFIX)
        assert "Synthetic data" in debate.abstract_html
        assert debate.status == Debate.Status.PUBLISHED and debate.published_at is not None
        assert debate.document_links.get().document.title.startswith(TITLE_PREFIX)
    speakers = Participant.objects.filter(interventions__isnull=False).distinct()
    assert speakers.exists()
    assert all(p.slug.startswith(SLUG_PREFIX) and p.name.startswith(TITLE_PREFIX) for p in speakers)


@pytest.mark.django_db
def test_every_statement_is_word_for_word_in_its_paragraph_and_passes_model_validation(synthetic):
    interventions = Intervention.objects.select_related("paragraph", "paragraph__panel")
    for intervention in interventions:
        assert intervention.text in intervention.paragraph.text
        assert intervention.debate_id == intervention.paragraph.debate_id
        intervention.full_clean()
    for paragraph in Paragraph.objects.select_related("panel"):
        paragraph.full_clean()
        assert (paragraph.section == Paragraph.Section.PANEL) == (paragraph.panel is not None)
        if paragraph.panel:
            assert paragraph.panel.debate_id == paragraph.debate_id


@pytest.mark.django_db
def test_stored_html_is_what_the_markdown_renderer_gives(synthetic):
    for text, html in Intervention.objects.values_list("text", "text_html"):
        assert html == render_markdown(text)
    for text, html in Paragraph.objects.values_list("text", "text_html")[:200]:
        assert html == render_markdown(text)


@pytest.mark.django_db
def test_attribution_mixes_actor_kinds_extents_and_stances(synthetic):
    statements = list(Intervention.objects.values_list("actor_kinds", "extent", "stance"))
    kinds = collections.Counter(kind for mask, _, _ in statements for kind in ActorKind.decompose(mask))
    extents = collections.Counter(extent for _, extent, _ in statements)
    stances = collections.Counter(stance for _, _, stance in statements)
    assert {ActorKind.PANELIST, ActorKind.PARTICIPANT, ActorKind.MEETING} <= set(kinds)
    assert sum(1 for mask, _, _ in statements if len(ActorKind.decompose(mask)) > 1) > N // 10
    assert len(extents) >= 6 and len(stances) >= 12
    assert extents.most_common(1)[0][1] < N / 2, "no single extent dominates"


@pytest.mark.django_db
def test_the_statement_reads_as_its_attribution(synthetic):
    for intervention in Intervention.objects.filter(extent="one", actor_kinds=ActorKind.PANELIST):
        assert intervention.text.startswith("One panelist ")
    for intervention in Intervention.objects.filter(extent="general-consensus"):
        assert intervention.text.startswith("There was general consensus")


@pytest.mark.django_db
def test_theme_and_topic_frequencies_are_skewed(synthetic):
    themes = collections.Counter(Intervention.themes.through.objects.values_list("theme_id", flat=True))
    topics = collections.Counter(Intervention.topics.through.objects.values_list("topic_id", flat=True))
    assert len(themes) == 3
    assert len(topics) >= 8
    top, bottom = topics.most_common()[0][1], topics.most_common()[-1][1]
    assert top >= 4 * bottom
    untagged = Intervention.objects.filter(topics__isnull=True).count()
    assert 0 < untagged < N


@pytest.mark.django_db
def test_text_has_common_and_uncommon_words(synthetic):
    texts = list(Intervention.objects.values_list("text", flat=True))
    words_per_text = [set(re.findall(r"[a-z][a-z'-]+", text.lower())) for text in texts]
    document_frequency = collections.Counter(word for words in words_per_text for word in words)
    assert len(document_frequency) >= 150
    assert document_frequency["security"] > N / 4, "a common word matches a large share of the statements"
    assert sum(1 for count in document_frequency.values() if count <= 3) >= 20, "and many words are uncommon"
    assert not set(RARE_WORDS) & {word for word, count in document_frequency.items() if count > 5}


@pytest.mark.django_db
def test_it_refuses_to_generate_twice_into_the_same_database(synthetic):
    with pytest.raises(CommandError, match="already holds synthetic debates"):
        call_command("generate_synthetic", interventions=50, verbosity=0)
    assert Intervention.objects.count() == N


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [0, -3])
def test_it_refuses_a_count_below_one(bad):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_synthetic", interventions=bad, verbosity=0)
    assert not Debate.objects.exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    call_command("generate_synthetic", interventions=120, seed=5, verbosity=0)
    first = list(Intervention.objects.order_by("debate__slug", "paragraph__number", "order").values_list("text"))
    panels = Panel.objects.count()
    Debate.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    Document.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    call_command("generate_synthetic", interventions=120, seed=5, verbosity=0)
    second = list(Intervention.objects.order_by("debate__slug", "paragraph__number", "order").values_list("text"))
    assert first == second and Panel.objects.count() == panels


@pytest.mark.django_db
def test_frequencies_follow_the_real_statements_when_the_2011_debate_is_loaded():
    call_command("loaddata", "human-security-2011", verbosity=0)
    real = Intervention.objects.all()
    real_count = real.count()
    real_extents = set(real.values_list("extent", flat=True))
    real_attributions = set(real.values_list("actor_kinds", "extent"))
    call_command("generate_synthetic", interventions=300, seed=2, verbosity=0)
    synthetic = Intervention.objects.filter(debate__slug__startswith=SLUG_PREFIX)
    assert synthetic.count() == 300
    assert set(synthetic.values_list("extent", flat=True)) <= real_extents
    assert set(synthetic.values_list("actor_kinds", "extent")) <= real_attributions
    assert Intervention.objects.exclude(debate__slug__startswith=SLUG_PREFIX).count() == real_count
