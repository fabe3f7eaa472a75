"""GitLab Code Quality report (a JSON list), shown in merge-request widgets."""

from __future__ import annotations

import hashlib
import json

from linter.core.findings import sorted_findings

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(report, registry, color: bool = False) -> str:
    issues = []
    for finding in sorted_findings(report.findings):
        identity = f"{finding.code}\0{finding.path}\0{finding.line}\0{finding.column}\0{finding.message}"
        issues.append({
            "description": f"{finding.code} {finding.message}",
            "check_name": finding.code,
            "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32],
            "severity": _SEVERITY[finding.severity.value],
            "location": {"path": finding.path, "lines": {"begin": finding.line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
