"""Human output: ``path:line:col: severity CODE message``, the hint below, a summary last."""

from __future__ import annotations

from linter.core.findings import Report, sorted_findings
from linter.core.registry import Registry
from linter.output.place import Place

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> str:
    lines = []
    for finding in sorted_findings(report.findings):
        where = f"{finding.path}:{finding.line}:{finding.column}:"
        severity = finding.severity.value
        if color:
            where = f"{_BOLD}{where}{_RESET}"
            severity = f"{_COLORS[severity]}{severity}{_RESET}"
        lines.append(f"{where} {severity} {finding.code} {finding.message}")
        if finding.hint:
            hint = f"  hint: {finding.hint}"
            lines.append(f"{_DIM}{hint}{_RESET}" if color else hint)
    counts = report.counts
    total = sum(counts.values())
    if total == 0:
        checked = f" in {_plural(len(report.files), 'file')}" if report.files else ""
        lines.append(f"No problems found{checked}.")
    else:
        lines.append(f"{_plural(total, 'problem')} ({_plural(counts['error'], 'error')}, "
                     f"{_plural(counts['warning'], 'warning')}, {counts['info']} info)")
    return "\n".join(lines) + "\n"
