"""Public pages. Every queryset starts from published debates only: drafts are never public."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from panels.models import Intervention, Panel, Paragraph, Participation

from .models import Debate, DebateDocument, Participant, Theme, Topic


def published_interventions():
    """Published statements with everything a listing prints, in reading order."""
    return (
        Intervention.objects.published()
        .select_related("debate", "paragraph__panel", "participant", "source")
        .prefetch_related("themes", "topics")
        .in_reading_order()
    )


class HomeView(TemplateView):
    """What the archive holds: the debates in time order and the ways into them."""

    template_name = "debates/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Q(interventions__debate__status=Debate.Status.PUBLISHED)
        context["debates"] = (
            Debate.objects.published()
            .annotate(intervention_count=Count("interventions"))
            .order_by("start_date", "slug")
        )
        context["themes"] = Theme.objects.annotate(intervention_count=Count("interventions", filter=published))
        context["topics"] = Topic.objects.annotate(intervention_count=Count("interventions", filter=published))
        return context


class DebateListView(ListView):
    """Every published debate, newest first."""

    template_name = "debates/debate_list.html"
    context_object_name = "debates"

    def get_queryset(self):
        return Debate.objects.published().annotate(intervention_count=Count("interventions"))


class DebateDetailView(DetailView):
    """The whole summary of one debate in reading order."""

    template_name = "debates/debate_detail.html"
    context_object_name = "debate"

    def get_queryset(self):
        return Debate.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        debate = self.object
        interventions = Intervention.objects.select_related("participant", "source").prefetch_related(
            "themes", "topics"
        )
        paragraphs = list(
            Paragraph.objects.filter(debate=debate)
            .select_related("panel")
            .prefetch_related(Prefetch("interventions", queryset=interventions.order_by("order")))
            .order_by("number")
        )
        participations = list(
            Participation.objects.filter(debate=debate).select_related("participant", "panel", "source")
        )
        panels = list(Panel.objects.filter(debate=debate).order_by("order"))
        for panel in panels:
            panel.paragraph_list = [p for p in paragraphs if p.panel_id == panel.pk]
            panel.participation_list = [p for p in participations if p.panel_id == panel.pk]
        context.update(
            introduction=[p for p in paragraphs if p.section == Paragraph.Section.INTRODUCTION],
            conclusion=[p for p in paragraphs if p.section == Paragraph.Section.CONCLUSION],
            panels=panels,
            participations=[p for p in participations if p.panel_id is None],
            document_links=DebateDocument.objects.filter(debate=debate).select_related("document"),
        )
        return context


class ThemeListView(ListView):
    template_name = "debates/theme_list.html"
    context_object_name = "themes"

    def get_queryset(self):
        published = Q(interventions__debate__status=Debate.Status.PUBLISHED)
        return Theme.objects.annotate(intervention_count=Count("interventions", filter=published))


class TopicListView(ListView):
    template_name = "debates/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        published = Q(interventions__debate__status=Debate.Status.PUBLISHED)
        return Topic.objects.annotate(intervention_count=Count("interventions", filter=published))


class VocabularyDetailView(TemplateView):
    """Every published statement filed under one theme or topic."""

    model = None
    template_name = "debates/vocabulary_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        term = get_object_or_404(self.model, slug=self.kwargs["slug"])
        context.update(term=term, interventions=published_interventions().filter(**{self.lookup: term}))
        return context


class ThemeDetailView(VocabularyDetailView):
    model = Theme
    lookup = "themes"


class TopicDetailView(VocabularyDetailView):
    model = Topic
    lookup = "topics"


class ParticipantListView(ListView):
    template_name = "debates/participant_list.html"
    context_object_name = "participants"

    def get_queryset(self):
        return Participant.objects.filter(participations__debate__status=Debate.Status.PUBLISHED).distinct()


class ParticipantDetailView(DetailView):
    template_name = "debates/participant_detail.html"
    context_object_name = "participant"

    def get_queryset(self):
        return Participant.objects.filter(participations__debate__status=Debate.Status.PUBLISHED).distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participations"] = Participation.objects.filter(
            participant=self.object, debate__status=Debate.Status.PUBLISHED
        ).select_related("debate", "panel")
        context["interventions"] = published_interventions().filter(participant=self.object)
        return context
