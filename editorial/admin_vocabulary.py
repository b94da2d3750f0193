"""Admin for the vocabularies' translations: each term of a theme, topic or codebook vocabulary in a language.

The list shows each translation beside the term's English label; a form checks that the term is one of its
vocabulary's (:meth:`panels.models.TermTranslation.clean`) and refuses a second translation of a term into a
language, and a stale save, as every archive form does.  The matrix of missing translations
(``…/termtranslation/missing/``) lists every term against every language, each missing one a link to the
add form filled in for it.  A term without a translation shows on the public pages in English, marked
(:mod:`public.terms`).
"""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, OuterRef, Subquery, Value, When
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from debates.models import Theme, Topic
from panels.models import TermTranslation, vocabulary_terms

from .admin_base import ArchiveAdmin
from .admin_forms import VersionedModelForm

TRANSLATED_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "en"]
FIXED_VOCABULARIES = ("actor", "extent", "stance", "scope")


def english_label():
    """The English label of each row's term, as one SQL expression: the list reads it in its own query."""
    records = [
        When(vocabulary=name, then=Subquery(model.objects.filter(slug=OuterRef("term")).values("name")[:1]))
        for name, model in (("theme", Theme), ("topic", Topic))
    ]
    fixed = [
        When(vocabulary=vocabulary, term=term, then=Value(label))
        for vocabulary in FIXED_VOCABULARIES
        for term, label in vocabulary_terms(vocabulary).items()
    ]
    return Case(*records, *fixed, default=Value(""), output_field=CharField())


class TermTranslationForm(VersionedModelForm):
    class Meta:
        model = TermTranslation
        fields = ["vocabulary", "term", "language", "label", "description"]


@admin.register(TermTranslation)
class TermTranslationAdmin(ArchiveAdmin):
    form = TermTranslationForm
    change_list_template = "admin/panels/termtranslation/change_list.html"
    list_display = ["label", "english", "vocabulary", "term", "language"]
    list_filter = ["vocabulary", "language"]
    search_fields = ["term", "label", "description", "english_label"]
    fields = ["vocabulary", "term", "language", "label", "description", "loaded_version"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(english_label=english_label())

    @admin.display(description=_("English"), ordering="english_label")
    def english(self, obj):
        return obj.english_label or "—"

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        missing = path("missing/", self.admin_site.admin_view(self.missing_view), name=f"{info}_missing")
        return [missing, *super().get_urls()]

    def missing_view(self, request):
        """Every term of every vocabulary against every language: which translations are missing."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_add = self.has_add_permission(request)
        found = {
            (vocabulary, term, language): pk
            for pk, vocabulary, term, language in TermTranslation.objects.values_list(
                "pk", "vocabulary", "term", "language"
            )
        }
        add_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_add")
        vocabularies, missing_total = [], 0
        for vocabulary, title in TermTranslation.Vocabulary.choices:
            rows = []
            for term, english in vocabulary_terms(vocabulary).items():
                cells = []
                for language, name in TRANSLATED_LANGUAGES:
                    pk = found.pop((vocabulary, term, language), None)
                    if pk is None:
                        missing_total += 1
                        query = urlencode({"vocabulary": vocabulary, "term": term, "language": language})
                        cells.append(
                            {"language": name, "missing": True, "url": f"{add_url}?{query}" if can_add else ""}
                        )
                    else:
                        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[pk])
                        cells.append({"language": name, "missing": False, "url": change_url})
                rows.append({"term": term, "english": english, "cells": cells})
            vocabularies.append({"name": vocabulary, "title": title, "rows": rows})
        # What is left names terms no longer in their vocabulary (a topic deleted): shown nowhere, kept for history.
        orphans = TermTranslation.objects.filter(pk__in=list(found.values())).order_by("vocabulary", "term", "language")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            # Translators: the title of an admin page listing the vocabulary's terms not yet translated.
            "title": gettext("Missing translations of the vocabulary"),
            "languages": [name for _, name in TRANSLATED_LANGUAGES],
            "vocabularies": vocabularies,
            "missing_total": missing_total,
            "orphans": orphans,
        }
        return TemplateResponse(request, "admin/panels/termtranslation/missing.html", context)
