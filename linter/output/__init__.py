"""One pure function per output format: ``render(report, registry, color, strict, place) -> str``.

Formatters only turn findings into text; choosing one, writing it and the exit code are the
CLI's job. Modules are imported on demand so that a text run never loads XML or hashing code.
``strict`` is the run's ``--strict`` (JUnit counts failures as the exit code does); ``place``
says where the run happened (linter.output.place: the repository root every CI format's
paths start from, the site's URL for rule links).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports FORMATS at start-up: keep that import free
    from linter.core.findings import Report
    from linter.core.registry import Registry
    from linter.output.place import Place

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")
_NEEDS_PLACE = ("github", "sarif", "gitlab")


def resolve_format(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """``auto`` picks GitHub annotations inside GitHub Actions, plain text elsewhere."""
    if name == "auto":
        return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def render(name: str, report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> str:
    return "".join(stream(name, report, registry, color, strict, place))


def stream(name: str, report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> Iterator[str]:
    """The report as pieces of text to write as they come, one finding (or file) at a time.

    Why: a report of a large run was built whole, as data and then as one string, on top of its
    findings. The machine formats (json, sarif, gitlab, junit) give a ``chunks`` function that
    writes the same document piece by piece; text and github are lines, made whole (their size
    is the findings', which the cap bounds, see linter.output.safe).
    """
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    if place is None and name in _NEEDS_PLACE:
        from linter.output.place import Place

        place = Place.here()
    module = importlib.import_module(f"linter.output.{name}")
    pieces = getattr(module, "chunks", None)
    if pieces is None:
        yield module.render(report, registry, color=color, strict=strict, place=place)
        return
    yield from pieces(report, registry, color=color, strict=strict, place=place)


def write_job_summary(name: str, report: Report, registry: Registry, strict: bool = False,
                      place: Place | None = None) -> str | None:
    """Inside GitHub Actions, append the run's Markdown summary to ``$GITHUB_STEP_SUMMARY``.

    Only for the github format (annotations and summary are one report; a SARIF or JUnit run
    feeds another consumer). Returns a reason when the file cannot be written: the summary is
    a courtesy, so that never changes the run's outcome.
    """
    from linter.output.place import Place

    if name != "github" or (place is None and not os.environ.get("GITHUB_STEP_SUMMARY")):
        return None
    place = place or Place.here()
    target = place.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    from linter.output.github import summary

    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(summary(report, registry, place, strict))
    except OSError as error:
        return report.lang("cannot write the job summary to {path}: {reason}", path=target,
                           reason=error.strerror or error)
    return None
