"""Rows loaded as they are (a restore, ``loaddata``) get their HTML rendered again and their links checked.

A normal save renders each Markdown field and sanitizes the HTML it stores
(:mod:`debates.markdown`); a raw load bypasses ``save()`` and would store whatever
HTML and links the file holds.  A backup or a fixture is not to be trusted more
than an editor, so on a raw load the HTML is rendered again from its Markdown
source, with the same allow-list, and a link with a scheme other than http,
https or mailto is dropped.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .markdown import render_markdown, safe_link

# For each model: (Markdown source field, stored HTML field).
RENDERED_FIELDS = {
    "debates.debate": [("abstract", "abstract_html")],
    "panels.panel": [("summary", "summary_html")],
    "panels.paragraph": [("text", "text_html")],
    "panels.intervention": [("text", "text_html")],
}
LINK_FIELDS = {"debates.document": ["url"]}


@receiver(pre_save, dispatch_uid="debates.rendered_again_on_raw_load")
def render_again_on_raw_load(sender, instance, raw=False, **kwargs):
    if not raw:
        return
    label = sender._meta.label_lower
    for source, target in RENDERED_FIELDS.get(label, ()):
        setattr(instance, target, render_markdown(getattr(instance, source)))
    for name in LINK_FIELDS.get(label, ()):
        setattr(instance, name, safe_link(getattr(instance, name)))
