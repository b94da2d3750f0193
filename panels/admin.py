from django.contrib import admin

from .models import Intervention, Panel, Paragraph, Participation


class ParagraphInline(admin.StackedInline):
    model = Paragraph
    extra = 0
    fields = ["number", "section", "text"]
    show_change_link = True


class InterventionInline(admin.StackedInline):
    model = Intervention
    extra = 0
    fields = ["order", "text", "actor_kinds", "extent", "stance", "participant", "themes", "topics", "source"]
    autocomplete_fields = ["participant", "topics", "source"]
    filter_horizontal = ["themes"]


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "debate", "kind", "order"]
    list_filter = ["kind", "debate"]
    search_fields = ["title", "debate__title"]
    inlines = [ParagraphInline]


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "panel"]
    list_filter = ["section", "debate"]
    search_fields = ["text"]
    list_select_related = ["debate", "panel"]
    inlines = [InterventionInline]


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "extent", "stance", "debate"]
    list_filter = ["extent", "stance", "themes", "debate"]
    search_fields = ["text"]
    autocomplete_fields = ["participant", "topics", "source", "paragraph"]
    list_select_related = ["debate", "paragraph__debate"]
    filter_horizontal = ["themes"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["participant", "role", "debate", "panel"]
    list_filter = ["role", "debate"]
    search_fields = ["participant__name", "debate__title"]
    autocomplete_fields = ["participant", "source", "panel"]
