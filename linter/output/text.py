"""Human output: ``path:line:col: severity CODE message``, the hint below, a summary last."""

from __future__ import annotations

import re

from linter.core.findings import Report, sorted_findings
from linter.core.registry import Registry
from linter.output.place import Place

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"


# A file name (or a text quoted in a message) may hold ESC and other controls, which a terminal
# would obey: they are shown as \x1b, and so are the marks that reverse the direction of text.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PATH_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # a line break too


def _escaped(text: str, controls: re.Pattern[str] = _CONTROLS) -> str:
    return controls.sub(lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100
                         else f"\\u{ord(match.group()):04x}", text)


def render(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> str:
    lang = report.lang
    lines = []
    for finding in sorted_findings(report.findings):
        where = f"{_escaped(finding.path, _PATH_CONTROLS)}:{finding.line}:{finding.column}:"
        severity = finding.severity.value
        if color:
            where = f"{_BOLD}{where}{_RESET}"
            severity = f"{_COLORS[severity]}{severity}{_RESET}"
        lines.append(f"{where} {severity} {finding.code} {_escaped(finding.message)}")
        if finding.hint:
            hint = "  " + lang("hint: {hint}", hint=_escaped(finding.hint))
            lines.append(f"{_DIM}{hint}{_RESET}" if color else hint)
    counts = report.counts
    total = sum(counts.values())
    if total == 0:
        lines.append(lang.plural("No problems found in {count} file.", "No problems found in {count} files.",
                                 len(report.files)) if report.files else lang("No problems found."))
    else:
        errors = lang.plural("{count} error", "{count} errors", counts["error"])
        warnings = lang.plural("{count} warning", "{count} warnings", counts["warning"])
        lines.append(lang.plural("{count} problem ({errors}, {warnings}, {info} info)",
                                 "{count} problems ({errors}, {warnings}, {info} info)", total, errors=errors,
                                 warnings=warnings, info=counts["info"]))
    return "\n".join(lines) + "\n"
