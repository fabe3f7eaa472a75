"""GitHub Actions workflow commands: each finding becomes an annotation on its line."""

from __future__ import annotations

from linter.core.findings import sorted_findings

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, registry, color: bool = False) -> str:
    lines = []
    for finding in sorted_findings(report.findings):
        message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
        lines.append(
            f"::{_COMMANDS[finding.severity.value]} file={_property(finding.path)},line={finding.line},"
            f"col={finding.column},title={_property(finding.code)}::{_data(message)}"
        )
    counts = report.counts
    lines.append(f"playbook: {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    return "\n".join(lines) + "\n"
