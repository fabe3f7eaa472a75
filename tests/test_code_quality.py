"""The code stays as ruff and mypy want it: both run here, so `make test` (and CI) fails when they do.

The rule set and the strictness live in pyproject.toml ([tool.ruff], [tool.mypy]); this test only
runs the tools from the environment the tests run in (ruff on the package, the tests and the
benchmark; mypy on the package) and shows their report when they fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", "linter", "tests", "bench")  # mypy checks the package alone
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing() -> None:
    result = _run("mypy")  # checks the package named in [tool.mypy] packages
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_core_never_imports_the_rules() -> None:
    """Data flows one way: the pipeline reports unused disables and stale baseline entries through
    the rules that declare those roles, and the configuration checks live with their rules.
    (catalogs.py is the catalog extractor, a build tool that reads every rule's documentation.)"""
    core = Path(__file__).resolve().parents[1] / "linter" / "core"
    offenders = {path.name: sorted(name for name in _imports(path) if name.startswith("linter.rules"))
                 for path in core.glob("*.py") if path.name != "catalogs.py"}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_draft_parser_notes_problems_and_leaves_findings_to_the_rules() -> None:
    """The parser types a draft and notes what is wrong with its form; PB301 and PB392 report it."""
    drafts = Path(__file__).resolve().parents[1] / "linter" / "drafts"
    for name in ("parse.py", "tokens.py", "counting.py"):
        assert not [found for found in _imports(drafts / name) if found.startswith("linter.rules")], name


def test_the_front_ends_reach_the_rules_only_through_the_registry() -> None:
    """The editor server, the site and the formatters ask the registry for rules (``build_registry``)
    and never import a rule module: what a rule and a front end both need, such as a post's length
    as its network counts it (linter.drafts.length, PB303 and the live counter), lives below both."""
    package = Path(__file__).resolve().parents[1] / "linter"
    offenders = {str(path.relative_to(package)): sorted(name for name in _imports(path)
                                                        if name.startswith("linter.rules."))
                 for folder in ("lsp", "site", "output") for path in (package / folder).rglob("*.py")}
    offenders.update({name: sorted(found for found in _imports(package / name) if found.startswith("linter.rules."))
                      for name in ("api.py", "cli.py")})
    assert {name: found for name, found in offenders.items() if found} == {}


def _readers() -> list[Path]:
    """The modules that read the playbook and the drafts: every module of linter/playbook and linter/drafts."""
    package = Path(__file__).resolve().parents[1] / "linter"
    return sorted(path for folder in ("playbook", "drafts") for path in (package / folder).rglob("*.py"))


def test_the_readers_note_problems_and_leave_findings_to_the_rules() -> None:
    """The file reader, the loader, the schema validator, the draft finder and the fixer note what is
    wrong (``linter.core.rule.Note``, with a ``Role``); the rule that fills the role reports it
    (``Registry.findings_of``). None of them imports a rule: codes, severities and settings are the rules'."""
    offenders = {path.name: sorted(name for name in _imports(path) if name.startswith("linter.rules"))
                 for path in _readers()}
    assert {name: found for name, found in offenders.items() if found} == {}
    assert {"source.py", "loader.py", "schema.py", "schema_quick.py", "find.py", "fix.py", "parse.py"} <= {
        path.name for path in _readers()}


def test_every_role_is_filled_once() -> None:
    """The pipeline's two roles, and one role for each loading and schema rule: what the readers note
    is always reported, by exactly one rule."""
    from linter.core.rule import Role
    from linter.rules import build_registry

    registry = build_registry()
    filled = {role: getattr(registry.for_role(role), "code", None) for role in Role}
    assert filled[Role.UNUSED_DISABLE] == "PB390" and filled[Role.STALE_BASELINE] == "PB903"
    assert None not in filled.values()
    assert sorted(code for role, code in filled.items() if role not in (Role.UNUSED_DISABLE, Role.STALE_BASELINE)) == \
        sorted(rule.code for rule in registry if rule.scope in ("load", "schema"))


def test_a_rule_code_is_typed_only_in_its_declaration_or_as_an_example() -> None:
    """Codes come from the rule declarations (linter.core.rule): a text that names one elsewhere
    goes stale when a rule is renumbered or split. Outside the rules' own texts (``rule:PBxxx`` in
    the catalog), a code may only show what a code looks like, in a sentence that says so."""
    import re

    from babel.messages.pofile import read_po

    examples = ("such as", "for example", "look like", "example:", "name a rule (pb301)", "list rule codes (`pb301`)")
    with open(ROOT / "linter" / "locale" / "playbook.pot", "rb") as handle:
        catalog = read_po(handle)
    named = []
    for message in catalog:
        text = message.id if isinstance(message.id, str) else " ".join(message.id)
        sources = [source for source, _ in message.locations]
        if text and re.search(r"PB\d{3}", text) and not all(source.startswith("rule:") for source in sources) \
                and not any(marker in text.lower() for marker in examples):
            named.append((sources, text))
    assert named == []
