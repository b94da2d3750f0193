"""The layers hold: import-linter's contracts (pyproject.toml, run by ``make lint``) catch each kind of breach.

Each test copies the project's packages to a temporary directory, adds one import that breaks a
layer, and runs ``lint-imports`` there: the contract must fail, naming the import.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The project's packages, as the contracts name them: a new app is in the copy as soon as it is in the contracts.
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    """The project's Python packages and pyproject.toml, copied once."""
    copy = tmp_path_factory.mktemp("layers")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def lint_imports(directory):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=directory,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": ".", "COLUMNS": "300"},  # one line per contract, however long its name
    )


def with_import(project_copy, tmp_path, module, statement):
    """A copy of the project in which ``module`` (a path) also runs ``statement``."""
    copy = tmp_path / "project"
    shutil.copytree(project_copy, copy)
    path = copy / module
    path.write_text(f"{path.read_text()}\n{statement}\n")
    return copy


def test_the_project_keeps_every_contract(project_copy):
    result = lint_imports(project_copy)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, statement, contract",
    [
        ("debates/models.py", "import panels.models", "The site above the domain"),
        ("panels/services.py", "import public.registry", "The site above the domain"),
        ("search/queries.py", "from public import views", "The site above the domain"),
        ("public/views.py", "import editorial.admin", "The site above the domain"),
        ("public/filters.py", "import alerts.selection", "The site above the domain"),
        ("feeds/views.py", "import alerts.models", "The site above the domain"),
        ("public/exports.py", "import bench.views", "Nothing the site runs depends on the benchmark"),
        ("panels/importer/parse.py", "import django.db", "The importer is plain Python"),
        ("panels/attribution.py", "from django.db import models", "The importer is plain Python"),
    ],
)
def test_a_breach_of_a_layer_fails_the_lint(project_copy, tmp_path, module, statement, contract):
    result = lint_imports(with_import(project_copy, tmp_path, module, statement))
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.strip().endswith("BROKEN")]
    assert any(contract in line for line in broken), result.stdout
