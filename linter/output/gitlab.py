"""GitLab Code Quality report (a JSON list), shown in merge-request widgets and diffs.

GitLab compares the report of a merge request with the target branch's by ``fingerprint``:
it must not change when lines move (see linter.output.identity), or an untouched issue shows
as fixed and new. Paths are from the repository root (linter.output.place), as GitLab links
``location.path`` to the file in the repository. GitLab stops reading the report at the first
entry its schema refuses, so every entry carries every required key.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from linter.core.findings import Report, sorted_findings
from linter.core.registry import Registry
from linter.output.identity import fingerprints
from linter.output.json import nested
from linter.output.place import Place

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> str:
    return "".join(chunks(report, registry, color, strict, place))


def chunks(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> Iterator[str]:
    """The report in pieces, one issue at a time (linter.output.stream)."""
    place = place or Place.here()
    findings = sorted_findings(report.findings)
    if not findings:
        yield "[]\n"
        return
    yield "[\n"
    for index, (finding, print_) in enumerate(zip(findings, fingerprints(findings, place.shown_path))):
        description = f"{finding.code} {finding.message}" + (
            " " + report.lang("Hint: {hint}", hint=finding.hint) if finding.hint else "")
        issue = {
            "type": "issue",
            "description": description,
            "check_name": finding.code,
            "fingerprint": print_,
            "severity": _SEVERITY[finding.severity.value],
            "categories": ["Style"],
            "location": {"path": place.shown_path(finding.path), "lines": {"begin": max(finding.line, 1)}},
        }
        yield ("" if index == 0 else ",\n") + nested(json.dumps(issue, ensure_ascii=False, indent=2), 1)
    yield "\n]\n"
