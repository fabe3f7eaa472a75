"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json

from linter.core.findings import sorted_findings

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    return path.replace("\\", "/").removeprefix("./")


def _rule_descriptor(rule) -> dict:
    doc = rule.doc
    markdown = (f"**What it checks.** {doc.what}\n\n**Why.** {doc.why}\n\n"
                f"**Example that fires:**\n\n```\n{doc.example}\n```\n\n**Fixed:**\n\n```\n{doc.fixed}\n```\n\n"
                f"**Options.** {doc.options}")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc.what},
        "help": {"text": f"{doc.what}\n\nWhy: {doc.why}", "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value]},
        "properties": {"scope": rule.scope, "fixable": rule.fixable},
    }


def render(report, registry, color: bool = False) -> str:
    rules = list(registry)
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = []
    for finding in sorted_findings(report.findings):
        text = finding.message + (f" Hint: {finding.hint}" if finding.hint else "")
        region = {"startLine": finding.line, "startColumn": finding.column}
        if finding.end_line:
            region["endLine"] = finding.end_line
            if finding.end_column:
                region["endColumn"] = finding.end_column
        result = {
            "ruleId": finding.code,
            "level": _LEVELS[finding.severity.value],
            "message": {"text": text},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(finding.path)}, "region": region}}],
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "playbook",
                "version": report.tool_version or "0",
                "informationUri": "https://github.com/playbook-linter/playbook",
                "rules": [_rule_descriptor(rule) for rule in rules],
            }},
            "artifacts": [{"location": {"uri": _uri(path)}} for path in report.files],
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
