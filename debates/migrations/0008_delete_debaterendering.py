# Written by hand: debate pages are kept in the cache alias "renderings" (public/rendering.py) instead.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("debates", "0007_document_url_http_only"),
    ]

    operations = [
        migrations.DeleteModel("DebateRendering"),
    ]
