"""The JSON contract every integration reads; keep its keys stable."""

from __future__ import annotations

import json

from linter.core.findings import Report, sorted_findings
from linter.core.registry import Registry
from linter.output.place import Place


def render(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> str:
    payload = {
        "findings": [
            {
                "code": finding.code,
                "severity": finding.severity.value,
                "path": finding.path,
                "line": finding.line,
                "column": finding.column,
                "message": finding.message,
                "hint": finding.hint,
            }
            for finding in sorted_findings(report.findings)
        ],
        "counts": report.counts,
        "language": report.lang.code,  # a baseline written in another language matches by line (core/baseline.py)
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
