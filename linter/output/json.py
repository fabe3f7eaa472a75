"""The JSON contract every integration reads; keep its keys stable.

Written as it is made, one finding at a time (``chunks``): a large report is never held twice,
as a list of dictionaries and as one string, on top of its findings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from linter.core.findings import Finding, Report, Severity, sorted_findings
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
    shared = _Encoded()  # a draft's path, a rule's code and hint: shared by many findings, encoded once
    for index, finding in enumerate(findings):
        yield ("" if index == 0 else ",\n") + _item(finding, shared)
    # a baseline written in another language matches by line (core/baseline.py)
    rest = json.dumps({"counts": report.counts, "language": report.lang.code}, ensure_ascii=False, indent=2)
    yield ("\n  ]" if findings else "]") + ",\n" + rest[2:] + "\n"


# One finding as ``nested(json.dumps(item, ensure_ascii=False, indent=2), 2)`` writes it. Why a
# template: ``indent`` makes json fall back to its pure-Python encoder, and re-indenting the result
# doubled that; a report of 10,000 findings spent most of its output time there. Each value is
# still written by json itself (tests/test_formatters.py compares both on any finding).
_STRING = json.encoder.encode_basestring  # what json.dumps(str, ensure_ascii=False) calls
_SEVERITY = {severity: _STRING(severity.value) for severity in Severity}  # three values, 10,000 findings


class _Encoded(dict[str | None, str]):
    """A text -> its JSON string (``null`` for None), each distinct text encoded once per document."""

    def __missing__(self, text: str | None) -> str:
        value = self[text] = "null" if text is None else _STRING(text)
        return value


def _item(finding: Finding, shared: _Encoded | None = None) -> str:
    # An f-string, not str.format on a template: the same text in two thirds of the time.
    shared = _Encoded() if shared is None else shared
    hint = shared[finding.hint]
    return ("    {\n"
            f'      "code": {shared[finding.code]},\n'
            f'      "severity": {_SEVERITY[finding.severity]},\n'
            f'      "path": {shared[finding.path]},\n'
            f'      "line": {int.__repr__(finding.line)},\n'
            f'      "column": {int.__repr__(finding.column)},\n'
            f'      "message": {_STRING(finding.message)},\n'
            f'      "hint": {hint}\n'
            "    }")


def nested(text: str, depth: int) -> str:
    """``json.dumps(value, indent=2)`` as it reads ``depth`` levels down in an indented document.

    Only ``\\n`` starts a line of that text: json writes U+0085, U+2028 and the other characters
    ``str.splitlines`` breaks at as they are, inside strings, where an indent must not go."""
    prefix = "  " * depth
    return prefix + text.replace("\n", "\n" + prefix)
