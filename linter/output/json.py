"""The JSON contract every integration reads; keep its keys stable.

Written as it is made, one finding at a time (``chunks``): a large report is never held twice,
as a list of dictionaries and as one string, on top of its findings.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator

from linter.core.findings import Report, sorted_findings
from linter.core.registry import Registry
from linter.output.place import Place


def render(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> str:
    return "".join(chunks(report, registry, color, strict, place))


def chunks(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> Iterator[str]:
    """The document in pieces, one per finding: the same text ``json.dumps(payload, indent=2)`` gives,
    never held whole (linter.output.stream)."""
    findings = sorted_findings(report.findings)
    yield '{\n  "findings": [' + ("\n" if findings else "")
    for index, finding in enumerate(findings):
        item = json.dumps({
            "code": finding.code,
            "severity": finding.severity.value,
            "path": finding.path,
            "line": finding.line,
            "column": finding.column,
            "message": finding.message,
            "hint": finding.hint,
        }, ensure_ascii=False, indent=2)
        yield ("" if index == 0 else ",\n") + nested(item, 2)
    # a baseline written in another language matches by line (core/baseline.py)
    rest = json.dumps({"counts": report.counts, "language": report.lang.code}, ensure_ascii=False, indent=2)
    yield ("\n  ]" if findings else "]") + ",\n" + rest[2:] + "\n"


def nested(text: str, depth: int) -> str:
    """``json.dumps(value, indent=2)`` as it reads ``depth`` levels down in an indented document."""
    return textwrap.indent(text, "  " * depth)
