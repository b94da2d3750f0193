"""A real SMTP server on loopback (aiosmtpd) for the alerts' tests, and the archive data they follow."""

import email
import importlib.metadata
import importlib.util
import socket
import sys
from email import policy

import pytest

from debates.models import Debate, Theme, Topic
from tests.factories import make_debate, make_intervention, make_paragraph


def _import_aiosmtpd_controller():
    """aiosmtpd's ``Controller``, imported while ``public`` names the atpublic package it needs.

    aiosmtpd does ``from public import public`` (the atpublic distribution), and the archive's own ``public``
    app shadows that module on ``sys.path``: atpublic is loaded from its own files and put in its place
    only while aiosmtpd imports, then the archive's app is put back.
    """
    import public as archive_public

    location = importlib.metadata.distribution("atpublic").locate_file("public/__init__.py")
    spec = importlib.util.spec_from_file_location("public", location, submodule_search_locations=[str(location.parent)])
    atpublic = importlib.util.module_from_spec(spec)
    sys.modules["public"] = atpublic
    try:
        spec.loader.exec_module(atpublic)
        from aiosmtpd.controller import Controller
    finally:
        sys.modules["public"] = archive_public
    return Controller


Controller = _import_aiosmtpd_controller()

SITE = "https://archive.example.org"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """What the SMTP server received: each message parsed with the standard library."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [
            email.message_from_bytes(envelope.original_content, policy=policy.default) for envelope in self.envelopes
        ]

    def clear(self):
        self.envelopes.clear()


class MailServer:
    """An aiosmtpd server on 127.0.0.1 and a free port; ``inbox`` holds what it received."""

    def __init__(self):
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=free_port())
        self.port = self.controller.port


@pytest.fixture
def smtp(settings):
    """Django sends through a real SMTP server listening on loopback, started here and stopped after the test."""
    server = MailServer()
    server.controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.ARCHIVE_SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Human Security Debates Archive <alerts@archive.example.org>"
    yield server
    server.controller.stop()


@pytest.fixture
def vocabulary(db):
    """Two themes and a topic of the vocabulary the migrations create (debates/vocabulary.py)."""
    return {
        "fear": Theme.objects.get(slug="freedom-from-fear"),
        "want": Theme.objects.get(slug="freedom-from-want"),
        "r2p": Topic.objects.get(slug="responsibility-to-protect"),
    }


def debate_with(statements, *, status=Debate.Status.DRAFT, **fields):
    """A debate with one paragraph per statement: ``statements`` is ``[(text, {themes, topics, …})]``.

    Returns the debate and its statements, in order.
    """
    debate = make_debate(status=status, **fields)
    made = []
    for text, labels in statements:
        paragraph = make_paragraph(debate, text=text)
        made.append(make_intervention(paragraph, text=text, **labels))
    return debate, made


def publish(debate):
    debate.status = Debate.Status.PUBLISHED
    debate.save()
    return debate


def withdraw(debate):
    debate.status = Debate.Status.WITHDRAWN
    debate.save()
    return debate


def permalink(statement):
    """The statement's permanent address, written out here rather than read from the code under test."""
    return f"{SITE}/debates/{statement.debate.slug}/p{statement.paragraph.number}/s{statement.order}/"
