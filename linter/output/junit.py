"""JUnit XML: one test case per checked file, read by Jenkins, GitLab, Azure DevOps and others.

What a finding is in JUnit terms: a file *fails* when it has a finding that fails the run
(an error; a warning too with ``--strict``), so ``failures`` is never above zero when the
command exits 0 and never zero when it exits 1. Findings that do not fail the run (warnings
without ``--strict``, info) are not failures: they are listed, one per line, in the suite's
``<system-out>``, and counted in its ``<properties>``. A failing file's ``<failure>`` lists
all of that file's findings, its warnings and info included.

The document satisfies the two published JUnit schemas (Jenkins' junit-4.xsd and Apache
Ant's, as Windy Road wrote it down): no ``file`` attribute, which both refuse (the path is
the test case's name), a time, a timestamp and a host name on the suite, one ``<failure>``
per test case. Characters XML 1.0 cannot hold (control characters, lone surrogates from
undecodable bytes) are written as visible ``\\xNN`` escapes instead of breaking the file.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
from collections import defaultdict
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from linter.core.findings import Finding, Report, Severity, sorted_findings
from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.output.place import Place

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids written as a visible escape."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group(0)):02x}" if ord(match.group(0)) < 0x100
                        else f"\\u{ord(match.group(0)):04x}", text)


def _line(finding: Finding, lang: Language) -> str:
    hint = "\n  " + lang("hint: {hint}", hint=finding.hint) if finding.hint else ""
    where = f"{finding.path}:{finding.line}:{finding.column}"
    return f"{where}: {finding.severity.value} {finding.code} {finding.message}{hint}"


def fails(finding: Finding, strict: bool) -> bool:
    """Whether the finding fails the run, exactly as the exit code decides."""
    return finding.severity is Severity.ERROR or (strict and finding.severity is Severity.WARNING)


def render(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None, now: dt.datetime | None = None) -> str:
    return "".join(chunks(report, registry, color, strict, place, now))


def chunks(report: Report, registry: Registry, color: bool = False, strict: bool = False,
           place: Place | None = None, now: dt.datetime | None = None) -> Iterator[str]:
    """The document in pieces, one test case (one file) at a time (linter.output.stream).

    The suite's frame (its counts, properties and the quiet findings' ``<system-out>``) is made
    with a stand-in where the test cases go; each case is then made and written on its own, with
    the indentation ``ET.indent`` gives the whole tree.
    """
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in sorted_findings(report.findings):
        by_file[finding.path].append(finding)
    files = list(dict.fromkeys([*report.files, *by_file]))
    failing = {path for path in files if any(fails(finding, strict) for finding in by_file.get(path, ()))}
    quiet = [finding for path in files if path not in failing for finding in by_file.get(path, ())]
    counts = report.counts
    stamp = (now or dt.datetime.now()).replace(microsecond=0, tzinfo=None).isoformat()
    suites = ET.Element("testsuites")
    suite = ET.SubElement(suites, "testsuite", name="playbook", package="playbook", id="0", tests=str(len(files)),
                          failures=str(len(failing)), errors="0", skipped="0", time="0", timestamp=stamp,
                          hostname=xml_text(socket.gethostname() or "localhost"))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("playbook.version", report.tool_version or "0"), ("playbook.strict", str(strict).lower()),
                        ("playbook.errors", counts["error"]), ("playbook.warnings", counts["warning"]),
                        ("playbook.info", counts["info"])):
        ET.SubElement(properties, "property", name=name, value=str(value))
    if files:
        ET.SubElement(suite, _CASES)
    ET.SubElement(suite, "system-out").text = xml_text("\n".join(_line(finding, report.lang) for finding in quiet))
    ET.SubElement(suite, "system-err").text = ""
    ET.indent(suites)
    frame = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    if not files:
        yield frame
        return
    head, tail = frame.split(f"<{_CASES} />", 1)
    yield head
    for number, path in enumerate(files):
        case = _case(path, by_file.get(path, []), path in failing, strict, report.lang)
        ET.indent(case, level=2)
        yield ("\n    " if number else "") + ET.tostring(case, encoding="unicode")
    yield tail


_CASES = "playbook-test-cases"  # the stand-in for the test cases while the frame is made


def _case(path: str, findings: list[Finding], failing: bool, strict: bool, lang: Language) -> ET.Element:
    case = ET.Element("testcase", name=xml_text(path), classname="playbook", time="0")
    if failing:
        first = next(finding for finding in findings if fails(finding, strict))
        worst = max(findings, key=lambda finding: finding.severity.rank)
        named = f"{first.code} {first.message}"
        message = lang.plural("{count} finding, first: {first}", "{count} findings, first: {first}",
                              sum(1 + finding.repeats for finding in findings), first=named)
        failure = ET.SubElement(case, "failure", type=worst.severity.value, message=xml_text(message))
        failure.text = xml_text("\n".join(_line(finding, lang) for finding in findings))
    return case
