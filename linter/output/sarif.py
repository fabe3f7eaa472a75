"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

What GitHub's upload checks and its alert tracking need, beyond the schema:

- every location is ``uri`` relative to the repository root with ``uriBaseId: %SRCROOT%``,
  and ``originalUriBaseIds`` says where that root was (see linter.output.place); URIs are
  percent-encoded (a space, ``#`` or ``é`` in a file name is not a valid URI character);
- ``partialFingerprints`` that do not hold the line number (see linter.output.identity), so an
  alert follows its finding when lines are inserted above it;
- columns count Unicode code points, as everywhere in this tool, and ``columnKind`` says so
  (SARIF's default is UTF-16 code units, which differ after an emoji);
- each rule has a ``helpUri`` on the published site's rule reference when its URL is known.

The hint of a finding goes into the message text (the one text code scanning shows) and,
unchanged, into the result's ``properties``, so the report can be read back (``read``); so does
the number of findings a grouped one stands for (``repeats``, linter.core.repeats).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from linter.core.findings import Finding, Report, Severity, sorted_findings
from linter.core.i18n import Language, available
from linter.core.registry import Registry, Rule
from linter.output.identity import fingerprints
from linter.output.json import nested
from linter.output.place import Place

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"
FINGERPRINT = "playbookFinding/v1"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_SEVERITIES = {level: Severity(value) for value, level in _LEVELS.items()}
_HINT = " Hint: "


def _location(path: str, place: Place) -> dict:
    """An artifactLocation: relative to %SRCROOT% inside the repository, an absolute URI outside."""
    inside = place.repo_path(path)
    if inside is not None:
        return {"uri": quote(inside, safe="/"), "uriBaseId": ROOT_ID}
    return {"uri": Path(place.absolute(path)).as_uri()}


def _note(note: str) -> str:
    """An example's note (prose) as a paragraph before its code block; nothing when there is none."""
    return f"{note}\n\n" if note else ""


def _rule_descriptor(rule: Rule, place: Place, lang: Language) -> dict:
    rule = rule.in_language(lang)  # the texts in the report's language; ids, names and examples as they are
    doc = rule.doc
    what, why, fires, fixed, options = (lang("What it checks"), lang("Why"), lang("Example that fires"),
                                        lang("Use instead"), lang("Options"))
    markdown = (f"**{what}.** {doc.what}\n\n**{why}.** {doc.why}\n\n"
                f"**{fires}:**\n\n{_note(doc.example_note)}```\n{doc.example}\n```\n\n"
                f"**{fixed}:**\n\n{_note(doc.fixed_note)}```\n{doc.fixed}\n```\n\n"
                f"**{options}.** {doc.options}")
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc.what or rule.summary},
        "help": {"text": doc.what + "\n\n" + lang("{label}: {text}", label=why, text=doc.why), "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value]},
        "properties": {"scope": rule.scope, "fixable": rule.fixable, "tags": [rule.scope]},
    }
    help_uri = place.help_url(rule.code)
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def _region(finding: Finding) -> dict:
    region = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    start_line, start_column = region["startLine"], region["startColumn"]
    if finding.end_line and finding.end_line >= start_line:
        region["endLine"] = finding.end_line
        if finding.end_column and (finding.end_line > start_line or finding.end_column > start_column):
            region["endColumn"] = finding.end_column
    return region


def _result(finding: Finding, print_: str, place: Place, index: dict[str, int]) -> dict:
    text = finding.message + (f"{_HINT}{finding.hint}" if finding.hint else "")
    result: dict = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity.value],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": _location(finding.path, place),
                                            "region": _region(finding)}}],
        "partialFingerprints": {FINGERPRINT: print_},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.hint:
        result["properties"] = {"hint": finding.hint}
    if finding.repeats:  # a grouped finding: how many more it stands for (read back by ``read``)
        result.setdefault("properties", {})["repeats"] = finding.repeats
    return result


def render(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> str:
    return "".join(chunks(report, registry, color, strict, place))


def chunks(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None) -> Iterator[str]:
    """The log in pieces: everything but the results at once (the rules, the files), then one result at
    a time, the text ``json.dumps(log, indent=2)`` gives (linter.output.stream)."""
    place = place or Place.here()
    rules = list(registry)
    index = {rule.code: position for position, rule in enumerate(rules)}
    run: dict = {
        "tool": {"driver": {
            "name": "playbook",
            "version": report.tool_version or "0",
            "informationUri": "https://github.com/playbook-linter/playbook",
            "rules": [_rule_descriptor(rule, place, report.lang) for rule in rules],
        }},
        "originalUriBaseIds": {ROOT_ID: {"uri": Path(place.root).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "language": report.lang.code,  # SARIF's run.language: the messages' language (RFC 5646)
        "artifacts": [{"location": _location(path, place)} for path in dict.fromkeys(report.files)],
        "results": [],  # last: the results are written after it, one by one
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    head, tail = json.dumps(log, ensure_ascii=False, indent=2).rsplit('"results": []', 1)
    findings = sorted_findings(report.findings)
    if not findings:
        yield head + '"results": []' + tail + "\n"
        return
    yield head + '"results": [\n'
    for number, (finding, print_) in enumerate(zip(findings, fingerprints(findings, place.shown_path))):
        item = json.dumps(_result(finding, print_, place, index), ensure_ascii=False, indent=2)
        yield ("" if number == 0 else ",\n") + nested(item, 4)
    yield "\n      ]" + tail + "\n"


def read(text: str, root: str) -> Report:
    """The findings of a SARIF log this module wrote, paths made absolute under ``root``.

    This lets one run give both the SARIF file and the GitHub annotations (the composite
    action renders the second from the first) instead of checking everything twice.
    """
    log = json.loads(text)
    run = log["runs"][0]
    bases = {name: _path_of(value.get("uri", ""), root) for name, value in run.get("originalUriBaseIds", {}).items()}
    findings = [_finding(result, bases, root) for result in run.get("results", [])]
    files = tuple(_artifact_path(artifact["location"], bases, root) for artifact in run.get("artifacts", []))
    language = run.get("language")
    lang = Language(language) if isinstance(language, str) and language in available() else Language()
    return Report(tuple(findings), files, run["tool"]["driver"].get("version", ""), lang=lang)


def _path_of(uri: str, root: str) -> str:
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return unquote(parts.path)
    return os.path.join(root, unquote(uri))


def _artifact_path(location: dict, bases: dict[str, str], root: str) -> str:
    base = bases.get(location.get("uriBaseId", ""), root)
    uri = location["uri"]
    return _path_of(uri, root) if urlsplit(uri).scheme else os.path.join(base, *unquote(uri).split("/"))


def _finding(result: dict, bases: dict[str, str], root: str) -> Finding:
    physical = result["locations"][0]["physicalLocation"]
    region = physical.get("region", {})
    properties = result.get("properties", {})
    hint = properties.get("hint")
    repeats = properties.get("repeats", 0)
    message = result["message"]["text"]
    if hint and message.endswith(f"{_HINT}{hint}"):
        message = message[: -len(f"{_HINT}{hint}")]
    return Finding(result["ruleId"], _SEVERITIES[result.get("level", "warning")],
                   _artifact_path(physical["artifactLocation"], bases, root), region.get("startLine", 1),
                   region.get("startColumn", 1), message, hint, None, region.get("endLine"), region.get("endColumn"),
                   repeats if isinstance(repeats, int) and repeats > 0 else 0)
