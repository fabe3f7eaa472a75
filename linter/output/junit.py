"""JUnit XML: one test case per checked file, failing when the file has findings."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from linter.core.findings import sorted_findings


def render(report, registry, color: bool = False) -> str:
    by_file = defaultdict(list)
    for finding in sorted_findings(report.findings):
        by_file[finding.path].append(finding)
    files = list(dict.fromkeys([*report.files, *by_file]))
    failing = sum(1 for path in files if by_file.get(path))
    suites = ET.Element("testsuites", name="playbook", tests=str(len(files)), failures=str(failing))
    suite = ET.SubElement(suites, "testsuite", name="playbook", tests=str(len(files)), failures=str(failing),
                          errors="0", skipped="0")
    for path in files:
        case = ET.SubElement(suite, "testcase", classname="playbook", name=path, file=path)
        findings = by_file.get(path)
        if findings:
            worst = max(findings, key=lambda finding: finding.severity.rank)
            body = "\n".join(f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}"
                             + (f"\n  hint: {f.hint}" if f.hint else "") for f in findings)
            failure = ET.SubElement(case, "failure", type=worst.severity.value,
                                    message=f"{len(findings)} finding(s), first: {findings[0].code} {findings[0].message}")
            failure.text = body
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
