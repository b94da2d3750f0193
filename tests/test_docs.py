"""The README stays short, and every relative link in it and in docs/ leads to a file that exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
MAX_README_LINES = 150
# [text](target) and [text](target "title"); images too. Targets with a scheme or a bare anchor are not files.
LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def relative_links(path):
    """The relative link targets in the Markdown file ``path``, without their anchors, outside code blocks."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    text = re.sub(r"`[^`\n]*`", "", text)
    return [target.split("#", 1)[0] for target in LINK.findall(text) if not EXTERNAL.match(target)]


def test_the_readme_is_at_most_150_lines():
    lines = len(README.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_README_LINES, f"README.md has {lines} lines; move reference text to docs/."


def test_docs_has_its_index_and_pages():
    assert ROOT / "docs" / "README.md" in DOCS
    assert len(DOCS) > 1


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file(path):
    broken = [target for target in relative_links(path) if not (path.parent / target).exists()]
    assert not broken, f"{path.relative_to(ROOT)} links to missing files: {broken}"


# `path/to/file.py`, `dir/` and the like, as the docs name the code they describe.
CODE_PATH = re.compile(r"`((?:[a-z_]+/)+(?:[A-Za-z_.-]+\.(?:py|toml|html|md|lua|csl))?)`")


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda path: str(path.relative_to(ROOT)))
def test_every_file_and_folder_the_docs_name_exists(path):
    named = CODE_PATH.findall(path.read_text(encoding="utf-8"))
    missing = [name for name in named if not (ROOT / name).exists() and not name.startswith(("var/", ".venv/"))]
    assert not missing, f"{path.relative_to(ROOT)} names paths that do not exist: {missing}"


def test_the_explorer_parameters_in_the_docs_are_the_registry_s():
    from public.registry import FACETS

    text = (ROOT / "docs" / "urls.md").read_text(encoding="utf-8")
    table = text.split("## Explorer parameters", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    documented = {name for row in table.splitlines()[2:] for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])}
    assert documented == {param for facet in FACETS for param in facet.params} | {"page"}
