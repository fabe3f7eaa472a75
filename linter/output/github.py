"""GitHub Actions: each finding becomes an annotation on its line; a job summary counts them.

Annotations name files from the repository root (see linter.output.place): GitHub attaches an
annotation to a pull request's diff only by that path. GitHub shows at most ten annotations
of each kind per step, so inside Actions the run also writes a Markdown job summary
(``summary``): counts by severity and by rule, and the first findings with links to their
lines, which the CLI appends to the file named by ``GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote

from linter.core.findings import Finding, Report, sorted_findings
from linter.core.registry import Registry
from linter.output.place import Place

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
SUMMARY_FINDINGS = 20


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding, place: Place) -> str:
    message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    where = f"file={_property(place.shown_path(finding.path))},line={finding.line}"
    if finding.end_line and finding.end_line > finding.line:
        where += f",endLine={finding.end_line}"
    where += f",col={finding.column}"
    if finding.end_line in (None, finding.line) and finding.end_column and finding.end_column > finding.column:
        where += f",endColumn={finding.end_column}"
    return f"::{_COMMANDS[finding.severity.value]} {where},title={_property(finding.code)}::{_data(message)}"


def render(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> str:
    place = place or Place.here()
    lines = [_annotation(finding, place) for finding in sorted_findings(report.findings)]
    lines.append(_counted(report))
    return "\n".join(lines) + "\n"


def _counted(report: Report) -> str:
    """``playbook: 2 errors, 1 warning, 0 info``, in the report's language."""
    lang, counts = report.lang, report.counts
    return lang("playbook: {errors}, {warnings}, {info} info",
                errors=lang.plural("{count} error", "{count} errors", counts["error"]),
                warnings=lang.plural("{count} warning", "{count} warnings", counts["warning"]), info=counts["info"])


# -- the job summary -------------------------------------------------------------------------------
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>|#~!])")


def _text(text: str) -> str:
    """Plain text inside Markdown: special characters escaped, one line."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def _line_link(finding: Finding, place: Place) -> str:
    """``path:line``, linked to the line on GitHub when the run knows its repository and commit."""
    path = place.shown_path(finding.path)
    label = _text(f"{path}:{finding.line}")
    env = place.environ
    server, repository, sha = (env.get("GITHUB_SERVER_URL", "https://github.com"), env.get("GITHUB_REPOSITORY"),
                               env.get("GITHUB_SHA"))
    if not repository or not sha or place.repo_path(finding.path) is None:
        return label
    return f"[{label}]({server}/{repository}/blob/{sha}/{quote(path, safe='/')}#L{finding.line})"


def _rule_label(code: str, place: Place) -> str:
    url = place.help_url(code)
    return f"[{code}]({url})" if url else code


def summary(report: Report, registry: Registry, place: Place, strict: bool = False) -> str:
    """The Markdown job summary of a run."""
    lang = report.lang
    findings = sorted_findings(report.findings)
    counts = report.counts
    files = len(report.files)
    out = ["## " + lang("Playbook check"), ""]
    if not findings:
        out.append(lang.plural("No problems found in {count} file.", "No problems found in {count} files.", files))
        return "\n".join(out) + "\n\n"
    failing = counts["error"] or (strict and counts["warning"])
    totals = {"errors": lang.plural("{count} error", "{count} errors", counts["error"]),
              "warnings": lang.plural("{count} warning", "{count} warnings", counts["warning"]),
              "info": counts["info"], "files": lang.plural("{count} checked file", "{count} checked files", files)}
    verdict = (lang("The check fails: {errors}, {warnings}, {info} info in {files}", **totals) if failing
               else lang("The check passes: {errors}, {warnings}, {info} info in {files}", **totals))
    verdict += (" " + lang("(--strict: warnings fail too)") if strict else "") + "."
    rule_of = {rule.code: rule.in_language(lang) for rule in registry}
    out += [verdict, "", "| {} | {} |".format(lang("Severity"), lang("Findings")), "| --- | ---: |"]
    out += [f"| {_ICONS[level]} {level} | {counts[level]} |" for level in ("error", "warning", "info")]
    out += ["", "| {} | {} | {} |".format(lang("Rule"), lang("What it checks"), lang("Findings")),
            "| --- | --- | ---: |"]
    by_rule: Counter[str] = Counter()
    for finding in findings:
        by_rule[finding.code] += 1 + finding.repeats  # a grouped finding counts those it stands for
    for code, count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
        rule = rule_of.get(code)
        out.append(f"| {_rule_label(code, place)} | {_text(rule.summary) if rule else ''} | {count} |")
    shown = sorted(findings, key=lambda finding: (-finding.severity.rank, finding.sort_key()))[:SUMMARY_FINDINGS]
    title = lang("First findings ({shown} of {count})", shown=len(shown), count=len(findings)) \
        if len(findings) > len(shown) else lang("Findings ({shown} of {count})", shown=len(shown), count=len(findings))
    out += ["", f"### {title}", ""]
    for finding in shown:
        hint = f" — {_text(finding.hint)}" if finding.hint else ""
        out.append(f"- {_ICONS[finding.severity.value]} {_line_link(finding, place)} "
                   f"**{_rule_label(finding.code, place)}** {_text(finding.message)}{hint}")
    return "\n".join(out) + "\n\n"
