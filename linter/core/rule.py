"""The one rule contract: every rule of the tool is declared with ``rule()`` and nothing else.

A rule is data: a stable code, a kebab-case name, a one-line summary, a default severity and its
documentation in fixed sections (what it checks, why, an example that fires, the fixed version,
its options). The family is not typed again: it follows from the code (``PB3xx`` is a draft
rule), and the code's family is also the folder under ``linter/rules/`` where the rule lives, so
a code seen in a report leads to its module. `playbook rules`, `playbook explain`, SARIF and the
site's rule reference all read these objects, so a rule's documentation cannot drift between
them.

The check that produces a rule's findings sits beside the declaration, in the same module (see
``linter/rules/__init__.py`` for the module contract and the one discovery).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from linter.core.findings import Finding, Fix, Loc, Severity
from linter.core.i18n import Language

# The hundreds digit of a code names its family; the family names the folder under linter/rules/.
FAMILIES: dict[str, str] = {
    "0": "load",  # reading files (noted by linter.playbook.source, the loader, the draft finder, the fixer)
    "1": "schema",  # JSON Schema (noted by linter.playbook.schema)
    "2": "playbook",  # cross-references inside the playbook
    "3": "draft",  # one draft post
    "4": "queue",  # the dated queue of drafts
    "9": "config",  # the linter's own settings and baseline
}
SCOPES: tuple[str, ...] = tuple(FAMILIES.values())


def family_of(code: str) -> str:
    """``PB307`` -> ``draft``; a code outside the scheme is a programming error."""
    if len(code) != 5 or not code.startswith("PB") or not code[2:].isdigit() or code[2] not in FAMILIES:
        raise ValueError(f"{code!r} is not a rule code (PB followed by three digits of a known family)")
    return FAMILIES[code[2]]


class Role(Enum):
    """Something a part of the tool outside ``linter/rules/`` finds itself, and which rule reports it.

    The readers (the file reader, the draft finder, the schema validator, the fixer) and the
    findings pipeline must not import the rules: data flows one way, and a reader knows what went
    wrong, not which code, severity or settings it has. A rule module declares the role it fills
    (``rule(..., role=Role.NOT_UTF8)``), the discovery hands the registry over, and whoever holds
    the registry asks it for that rule (``Registry.for_role``, ``Registry.findings_of``).
    """

    # the findings pipeline (linter.core.pipeline, linter.core.baseline)
    UNUSED_DISABLE = "unused-disable"
    STALE_BASELINE = "stale-baseline"
    # reading files (linter.playbook.source, linter.playbook.loader, linter.drafts.find, linter.drafts.fix)
    MISSING_FILE = "missing-file"
    FILE_TOO_LARGE = "file-too-large"
    NOT_UTF8 = "not-utf8"
    YAML_SYNTAX = "yaml-syntax"
    DUPLICATE_KEY = "duplicate-key"
    UNSAFE_TAG = "unsafe-tag"
    TOO_COMPLEX = "too-complex"
    EMPTY_FILE = "empty-file"
    AMBIGUOUS_FILE = "ambiguous-file"
    UNKNOWN_FILE = "unknown-file"
    SPECIAL_FILE = "special-file"
    OUTSIDE_LINK = "outside-link"
    FIX_NOT_WRITTEN = "fix-not-written"
    # the shape of a playbook file (linter.playbook.schema)
    WRONG_TYPE = "wrong-type"
    MISSING_FIELD = "missing-field"
    UNKNOWN_FIELD = "unknown-field"
    NOT_ALLOWED = "not-allowed"
    BAD_FORMAT = "bad-format"
    OUT_OF_RANGE = "out-of-range"
    BAD_PATTERN = "bad-pattern"
    REPEATED_ITEM = "repeated-item"
    INVALID_VALUE = "invalid-value"


@dataclass(frozen=True)
class Note:
    """What a reader found wrong, before it is a finding: the rule filling ``role`` reports it.

    The reader knows the place and says what is wrong in the run's language (it alone knows the
    byte, the key, the schema's words); the rule gives the code and the severity, and a rule the
    settings switch off reports nothing (``Registry.findings_of``).
    """

    role: Role
    loc: Loc
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class RuleDoc:
    """The fixed sections every rule documents (what, why, example, fixed, options).

    ``example`` and ``fixed`` are files (or fragments) shown as written, so they hold no sentence:
    what a reader must know about them that a file cannot show (a named pipe, a size, an encoding,
    the playbook around the drafts) is prose in ``example_note`` and ``fixed_note``, translated
    like ``what`` and shown before the file.
    """

    what: str
    why: str
    example: str
    fixed: str
    options: str
    example_file: str | None = None
    example_note: str = ""
    fixed_note: str = ""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    scope: str
    doc: RuleDoc
    fixable: bool = False
    role: Role | None = None

    def at(self, loc: Loc, message: str, hint: str | None = None, fix: Fix | None = None,
           severity: Severity | None = None, end: Loc | None = None) -> Finding:
        """A finding of this rule at ``loc`` (to ``end`` when the problem spans a stretch of text)."""
        return Finding(
            self.code, severity or self.severity, loc.path, loc.line, loc.column, message, hint, fix,
            end.line if end else None, end.column if end else None,
        )

    def at_start(self, path: str, message: str, hint: str | None = None) -> Finding:
        """A finding about a whole file, placed at its first character."""
        return self.at(Loc(path, 1, 1), message, hint)

    def in_language(self, lang: Language) -> Rule:
        """The rule with its summary and documentation prose in ``lang`` (examples are files: kept)."""
        doc = self.doc

        def prose(text: str) -> str:
            return lang(text) if text else text

        return replace(self, summary=lang(self.summary), doc=replace(
            doc, what=lang(doc.what), why=lang(doc.why), options=prose(doc.options),
            example_note=prose(doc.example_note), fixed_note=prose(doc.fixed_note)))


def _prose(text: str) -> str:
    """Documentation prose is written wrapped in the source; it is shown reflowed."""
    return " ".join(text.split())


def _verbatim(text: str) -> str:
    """Examples are files (or fragments): kept as written, one final line break."""
    return text.strip("\n") + "\n"


DRAFT_EXAMPLE_FILE = "drafts/example.md"


def rule(code: str, name: str, summary: str, severity: Severity, *, what: str, why: str, example: str,
         fixed: str, options: str, example_file: str | None = None, fixable: bool = False,
         role: Role | None = None, example_note: str = "", fixed_note: str = "") -> Rule:
    """Declare a rule. Its family comes from its code; draft examples are whole draft files.

    A sentence about an example (what the file is, what surrounds it) goes in ``example_note`` or
    ``fixed_note``, never inside the example: the example is shown verbatim in every language.
    """
    scope = family_of(code)
    if example_file is None and scope == "draft":
        example_file = DRAFT_EXAMPLE_FILE
    return Rule(code, name, _prose(summary), severity, scope,
                RuleDoc(what=_prose(what), why=_prose(why), example=_verbatim(example), fixed=_verbatim(fixed),
                        options=_prose(options), example_file=example_file,
                        example_note=_prose(example_note), fixed_note=_prose(fixed_note)),
                fixable, role)
