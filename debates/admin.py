from django.contrib import admin

from panels.models import Panel, Paragraph, Participation

from .models import Debate, DebateDocument, Document, Participant, Theme, Topic


class PanelInline(admin.TabularInline):
    model = Panel
    extra = 0
    fields = ["order", "kind", "title"]
    show_change_link = True


class ParagraphInline(admin.StackedInline):
    model = Paragraph
    extra = 0
    fields = ["number", "section", "panel", "text"]
    show_change_link = True


class DebateDocumentInline(admin.TabularInline):
    model = DebateDocument
    extra = 0
    autocomplete_fields = ["document"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["participant", "source"]


@admin.register(Debate)
class DebateAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "kind", "session", "status"]
    list_filter = ["status", "kind", "session"]
    search_fields = ["title", "slug", "convener"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    inlines = [DebateDocumentInline, ParticipationInline, PanelInline, ParagraphInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "title", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["symbol", "title", "slug", "url"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "affiliation"]
    list_filter = ["kind"]
    search_fields = ["name", "role", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "description"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
