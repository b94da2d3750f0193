"""Roles: editors enter and import, reviewers also publish, and the public sees only published debates."""

import re
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from debates import services
from debates.models import Debate
from tests.admin_helpers import EDITORS, REVIEWERS, make_editor, make_reviewer
from tests.factories import build_debate, make_participant

pytestmark = pytest.mark.django_db

Status = Debate.Status

CONTENT_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, models in {
        "debates": ["debate", "participant", "document", "debatedocument", "debatetranslation"],
        "panels": [
            "panel",
            "paragraph",
            "intervention",
            "participation",
            "paragraphtranslation",
            "interventiontranslation",
        ],
    }.items()
    for model in models
    for action in ("add", "change", "view")
]


def group_permissions(name):
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename")
    }


def test_roles_are_created_by_the_migration_with_their_permissions():
    editors, reviewers = group_permissions(EDITORS), group_permissions(REVIEWERS)
    assert set(CONTENT_PERMISSIONS) <= editors
    assert "debates.publish_debate" not in editors
    assert "debates.restore_version" not in editors
    vocabulary = {f"panels.{action}_termtranslation" for action in ("add", "change", "delete")}
    assert "panels.view_termtranslation" in editors and not vocabulary & editors
    assert editors | {"debates.publish_debate", "debates.restore_version"} | vocabulary == reviewers


def test_a_fresh_database_gives_the_roles_the_translations_permissions(django_db_setup):
    """debates/0004 made the roles before the translations existed; 0013 gives their permissions."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    applied = executor.loader.applied_migrations
    assert ("debates", "0013_translation_roles") in applied
    assert {"debates.add_debatetranslation", "panels.change_paragraphtranslation"} <= group_permissions(EDITORS)


def test_user_permissions_follow_the_role():
    editor, reviewer = make_editor(), make_reviewer()
    assert editor.has_perms(CONTENT_PERMISSIONS)
    assert not editor.has_perm("debates.publish_debate")
    assert reviewer.has_perms([*CONTENT_PERMISSIONS, "debates.publish_debate", "debates.restore_version"])


def test_editor_cannot_publish_reviewer_can():
    debate = make_editor_debate()
    editor, reviewer = make_editor(), make_reviewer()
    services.debate_submit_for_review(debate=debate, user=editor)
    with pytest.raises(PermissionDenied):
        services.debate_publish(debate=debate, user=editor)
    services.debate_publish(debate=debate, user=reviewer)
    assert Debate.objects.get(pk=debate.pk).status == Status.PUBLISHED


def make_editor_debate():
    return build_debate({"debate": {"status": Status.DRAFT}, "introduction": [{"text": "An introduction."}]})


def admin_urls(debate):
    """Every admin page the archive adds, and the usual admin pages of its models."""
    paragraph = debate.paragraphs.get()
    statement = paragraph.interventions.get()
    urls = [
        reverse("admin:index"),
        reverse("admin:debates_debate_import"),
        reverse("admin:debates_debate_markdown_preview"),
        reverse("admin:debates_debate_preview", args=[debate.pk]),
        reverse("admin:debates_debate_workflow", args=[debate.pk, "publish"]),
    ]
    for obj in (debate, paragraph, statement, statement.participant, statement.source):
        info = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
        record = obj.history.first()
        urls += [
            reverse(f"{info}_changelist"),
            reverse(f"{info}_change", args=[obj.pk]),
            reverse(f"{info}_history", args=[obj.pk]),
            reverse(f"{info}_history_compare", args=[obj.pk, record.history_id]),
            reverse(f"{info}_history_restore", args=[obj.pk, record.history_id]),
        ]
    return urls


def test_anonymous_visitors_reach_no_admin_page(client):
    debate = build_debate(
        {
            "debate": {"status": Status.DRAFT},
            "introduction": [
                {
                    "text": "One panelist suggested a definition.",
                    "statements": [{"text": "One panelist suggested a definition.", "participant": make_participant()}],
                }
            ],
        }
    )
    login = reverse("admin:login")
    for url in admin_urls(debate):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == HTTPStatus.FOUND, url
            assert response.headers["Location"].startswith(f"{login}?next="), url
    assert Debate.objects.get(pk=debate.pk).status == Status.DRAFT


def test_reviewer_reaches_the_pages_editors_cannot(client):
    debate = build_debate(
        {
            "debate": {"status": Status.DRAFT},
            "introduction": [
                {
                    "text": "One panelist suggested a definition.",
                    "statements": [{"text": "One panelist suggested a definition.", "participant": make_participant()}],
                }
            ],
        }
    )
    paragraph = debate.paragraphs.get()
    record = paragraph.history.first()
    restore = reverse("admin:panels_paragraph_history_restore", args=[paragraph.pk, record.history_id])
    client.force_login(make_editor())
    assert client.get(restore).status_code == HTTPStatus.FORBIDDEN
    client.force_login(make_reviewer())
    assert client.get(restore).status_code == HTTPStatus.OK


SECRET = "Zanzibarian draft sentence"


@pytest.fixture
def archive_with_a_draft():
    published = build_debate(
        {
            "debate": {"title": "Published debate", "status": Status.PUBLISHED},
            "introduction": [
                {
                    "text": "Panelists noted progress.",
                    "statements": [
                        {
                            "text": "Panelists noted progress.",
                            "themes": ["freedom-from-fear"],
                            "participant": make_participant(name="Public Speaker"),
                        }
                    ],
                }
            ],
        }
    )
    drafts = [
        build_debate(
            {
                "debate": {"title": f"{SECRET} {status}", "status": status},
                "introduction": [
                    {
                        "text": f"{SECRET} in the text.",
                        "statements": [
                            {
                                "text": f"{SECRET} in the text.",
                                "themes": ["freedom-from-want"],
                                "participant": make_participant(name=f"{SECRET} speaker {status}"),
                            }
                        ],
                    }
                ],
            }
        )
        for status in (Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN)
    ]
    return published, drafts


def body(response):
    """The text of a response, streamed (exports) or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def crawl(client, start="/", limit=300):
    """Every public page reachable by links from ``start``, as (status, text); admin and static files left out."""
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        pages[url] = (response.status_code, body(response))
        if response.status_code != HTTPStatus.OK or "html" not in response.headers.get("Content-Type", ""):
            continue
        for href in re.findall(r'href="([^"#]*)', pages[url][1]):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or not target.startswith("/"):
                continue
            if target.startswith(("/admin/", "/static/", "/language/")):  # the switcher's links only set a cookie
                continue
            queue.append(target)
    return pages


def test_anonymous_visitors_see_only_published_debates_everywhere(client, archive_with_a_draft):
    published, drafts = archive_with_a_draft
    pages = crawl(client)
    assert published.get_absolute_url() in pages
    assert len(pages) > 5
    for url, (status, text) in pages.items():
        assert status < HTTPStatus.INTERNAL_SERVER_ERROR, url
        assert SECRET not in text, url
    for draft in drafts:
        participant = draft.interventions.get().participant
        for language, _ in settings.LANGUAGES:
            with translation.override(language):
                assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND, language
                assert client.get(participant.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND, language
