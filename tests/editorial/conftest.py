"""Fixtures of the import tests: an editor logged in, and the 2011 summary as the secretariat published it."""

import pytest

from tests.admin_helpers import make_editor
from tests.sources import source_path


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor(username="editor"))
    return client


@pytest.fixture
def summary_2011():
    return source_path().read_text(encoding="utf-8")
