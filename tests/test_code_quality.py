"""The code stays as ruff and mypy want it: both run here, so `make test` (and CI) fails when they do.

The rule set and the strictness live in pyproject.toml ([tool.ruff], [tool.mypy]); this test only
runs the tools from the environment the tests run in, on the package (linter/), and shows their
report when they fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", "linter")  # the package; tests and bench are not held to it yet
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing() -> None:
    result = _run("mypy")  # checks the package named in [tool.mypy] packages
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"
