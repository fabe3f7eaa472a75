"""One pure function per output format: ``render(report, registry, color=False) -> str``.

Formatters only turn findings into text; choosing one, writing it and the exit code are the
CLI's job. Modules are imported on demand so that a text run never loads XML or hashing code.
"""

from __future__ import annotations

import importlib
import os

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


def resolve_format(name: str, environ=os.environ) -> str:
    """``auto`` picks GitHub annotations inside GitHub Actions, plain text elsewhere."""
    if name == "auto":
        return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def render(name: str, report, registry, color: bool = False) -> str:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"linter.output.{name}")
    return module.render(report, registry, color=color)
