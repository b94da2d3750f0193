"""Output is safe even when stored data is not: a backup or fixture loaded as it is cannot bring a script or a
``javascript:`` link onto a page, and a link stored by any path is checked again where it is printed."""

import json
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from debates.markdown import safe_link
from debates.models import Debate, Document
from panels.models import Paragraph
from tests.factories import make_debate, make_document
from tests.security.html_safety import executable_parts

pytestmark = pytest.mark.django_db

STORED_SCRIPT = '<p>Participants met.</p><script>alert("stored")</script><img src="x" onerror="alert(1)">'


@pytest.fixture
def tampered_fixture(tmp_path):
    """A fixture file as a doctored backup would hold it: dangerous stored HTML and a javascript: link."""
    debate = {
        "title": "Tampered",
        "slug": "tampered",
        "kind": "thematic-debate",
        "session": 65,
        "start_date": "2011-04-14",
        "end_date": "2011-04-14",
        "status": "published",
        "published_at": "2011-04-15T00:00:00Z",
        "created_at": "2011-04-15T00:00:00Z",
        "updated_at": "2011-04-15T00:00:00Z",
        "abstract": "",
        "abstract_html": STORED_SCRIPT,
    }
    rows = [
        {"model": "debates.debate", "fields": debate},
        {
            "model": "debates.document",
            "fields": {
                "slug": "doctored",
                "title": "Doctored link",
                "kind": "summary",
                "url": "javascript:alert(document.cookie)",
            },
        },
        {
            "model": "debates.debatedocument",
            "fields": {"debate": ["tampered"], "document": ["doctored"], "relation": "background", "order": 1},
        },
        {
            "model": "panels.paragraph",
            "fields": {
                "debate": ["tampered"],
                "number": 1,
                "section": "introduction",
                "text": "Participants met.",
                "text_html": STORED_SCRIPT,
            },
        },
    ]
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(rows))
    return path


def test_a_loaded_file_cannot_bring_a_script_or_a_javascript_link_onto_the_page(client, tampered_fixture):
    call_command("loaddata", str(tampered_fixture), verbosity=0)
    paragraph = Paragraph.objects.get(debate__slug="tampered")
    assert paragraph.text_html == "<p>Participants met.</p>"
    assert Debate.objects.get(slug="tampered").abstract_html == ""
    assert Document.objects.get(slug="doctored").url == ""
    response = client.get("/debates/tampered/")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Participants met." in page
    assert not executable_parts(page, whole_page=True)
    assert "javascript:" not in page


def test_a_link_stored_by_a_bulk_update_is_not_printed(client):
    debate = make_debate(slug="linked")
    document = make_document(slug="bulk", title="Bulk-updated document", url="https://press.un.org/en/x.htm")
    debate.document_links.create(document=document, relation="background", order=1)
    Document.objects.filter(pk=document.pk).update(url="javascript:alert(1)")
    page = client.get("/debates/linked/").content.decode()
    assert "Bulk-updated document" in page
    assert "javascript:" not in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "ftp://example.org/a"])
def test_a_document_link_must_be_http_or_https_at_save(url):
    document = Document(slug="d", title="D", kind="summary", url=url)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://un.org/a", True),
        ("http://un.org/a", True),
        ("mailto:a@un.org", True),
        (" JavaScript:alert(1)", False),
        ("vbscript:x", False),
        ("data:x", False),
        ("", False),
    ],
)
def test_safe_link_allows_only_http_https_and_mailto(url, kept):
    assert (safe_link(url) != "") is kept
