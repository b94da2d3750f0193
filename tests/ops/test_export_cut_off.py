"""A streamed export that the database's failure cuts off midway ends without its final chunk, and is logged.

Run against the real thing, as tests/ops/test_database_outage.py does: gunicorn under production
settings and the throwaway PostgreSQL server of ``scripts/with-postgres``, stopped while the client
is still reading. A client then sees an incomplete download, never a short file that looks whole.
"""

import socket
import time

import pytest
from django.db import connections

from debates.models import Debate
from panels.attribution import ActorKind, Extent, Scope, Stance
from panels.models import Intervention, Paragraph
from tests.factories import make_debate, make_document
from tests.ops.test_database_outage import production_server, start_database, stop_database  # noqa: F401

STATEMENTS = 6000
HEAD_BYTES = 64 * 1024
FINAL_CHUNK = b"\r\n0\r\n\r\n"


def many_statements():
    debate = make_debate(status=Debate.Status.PUBLISHED)
    source = make_document()
    text = "Some participants stressed that the export must not end as if it were whole. " * 3
    paragraphs = Paragraph.objects.bulk_create(
        Paragraph(debate=debate, number=number, section="introduction", text=text, text_html=f"<p>{text}</p>")
        for number in range(1, STATEMENTS + 1)
    )
    Intervention.objects.bulk_create(
        Intervention(
            debate=debate, paragraph=paragraph, order=1, text=text, text_html=f"<p>{text}</p>",
            actor_kinds=ActorKind.PARTICIPANT, extent=Extent.SOME, stance=Stance.STRESSED, scope=Scope.WHOLE,
            source=source,
        )
        for paragraph in paragraphs
    )  # fmt: skip


def read_all(sock):
    received = bytearray()
    while chunk := sock.recv(65536):
        received += chunk
    return bytes(received)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_export_cut_by_a_database_stop_ends_without_its_final_chunk(production_server):  # noqa: F811
    many_statements()
    host, port = production_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(b"GET /interventions/export.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        head = bytearray()
        while len(head) < HEAD_BYTES:
            head += sock.recv(HEAD_BYTES)
        assert head.startswith(b"HTTP/1.1 200"), bytes(head[:200])
        assert b"transfer-encoding: chunked" in head.lower()
        stop_database()
        try:
            rest = read_all(sock)
        finally:
            start_database()
            connections.close_all()  # this process's own connections died with the server
    body = bytes(head) + rest
    assert not body.endswith(FINAL_CHUNK), "a cut-off export must not end like a whole one"
    deadline = time.monotonic() + 10
    while "export failed after" not in production_server.log() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "The CSV export failed after" in production_server.log()
