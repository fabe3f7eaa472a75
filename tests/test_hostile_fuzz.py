"""Hypothesis: hostile repositories never make the tool crash, hang, leak, or write where it must not.

Each example builds a sandbox: a git repository (playbook, drafts, settings) whose files,
names and shapes are generated to hurt (tagged values, unclosed comments and front matter,
dates at the end of time, undecodable names, control characters, UTF-16, links out of the
repository, named pipes, hard links, settings that point at `/`), and a folder *outside* it
holding a secret. Then one real command (`validate`, `lint` or `check`, any format, with or
without `--fix`/`--diff`/`--baseline`) runs in it, and the example asserts what issue #14
promises:

* no traceback, exit code 0, 1 or 2, an alarm instead of a hang;
* a machine format is exactly one valid document on standard output (empty on exit 2);
* nothing outside the repository is opened or listed (an audit hook records every open and
  listing of the run), the secret appears nowhere, and the outside folder is unchanged;
* `--fix` changes no byte outside the spans of the fixes it applied (each rewritten file is
  exactly its old bytes with those spans replaced, front matter untouched); `--diff` alone,
  `validate` and a run without `--fix` change nothing at all.

`make test` runs a fixed, derandomised set of examples within a few tens of seconds; a longer
search is `PLAYBOOK_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_hostile_fuzz.py`.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from click.testing import CliRunner
from draft_helpers import NOW, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.cli import cli
from linter.drafts import fix as fix_module

EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "150"))
SECRET = "SECRET-b41d-never-print"
FORMATS = ("text", "json", "sarif", "junit", "gitlab", "github")
ALARM_SECONDS = 120  # a hang fails the example instead of the whole test run


# -- what the run touches: every open and listing, through an audit hook --------------------------------
class _Touched:
    """Paths the run opened or listed, while ``recording`` (an audit hook cannot be removed)."""

    recording: ClassVar[bool] = False
    paths: ClassVar[list[str]] = []

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if not cls.recording or event not in ("open", "os.listdir", "os.scandir") or not args:
            return
        path = args[0]
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if isinstance(path, str):
            cls.paths.append(os.path.realpath(path))


sys.addaudithook(_Touched.hook)


@contextlib.contextmanager
def recorded() -> Iterator[list[str]]:
    _Touched.paths = []
    _Touched.recording = True
    try:
        yield _Touched.paths
    finally:
        _Touched.recording = False


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise TimeoutError(f"the run did not finish within {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- the hostile inputs -----------------------------------------------------------------------------------
FIELD_VALUES = ["facebook", "instagram", "!!bool maybe", '!!int ""', '!!float ""', "[facebook, facebook]", "",
                "{a: b}", "&a [*a]", "*nope", "!!python/object:os.system x", "'quoted'", "2027-03-02T10:00+01:00",
                "2027-03-28T02:30", "2027-10-31T02:30", "9999-12-31T23:00", "0001-01-01T00:00+14:00",
                "2027-02-30T10:00",
                "claire-le-gall", "sophie-guegan", "promo", "information", "true", "12", "\"\\uffff\""]
FIELDS = ["channel", "channels", "kind", "publish_at", "author", "language", "sponsored", "disable", "objectif"]
BODY_PIECES = ["Bonjour ! ", "Ça va ? ", "nectar", "miracle", "Nec\u200dtar", "détox", "<!--", "<!-- note -->", "-->",
               "```\n", "\n", "\r\n", "\n\n", "https://" + "a." * 60 + "fr", "www.exemple.fr", "http://bit.ly/x",
               "@compte", "#MotClé", "\x1b[31m", "\u202e", "\x00", "06 12 34 56 78", "« Oui »", " ; ", "?!", "!!",
               "\t", "é", "\ufeff", "[lien](", ")", "---\n", "`code`", "CIDRE", "    indenté\n", "<script>",
               "<!-- playbook-disable PB312 -->", "<!-- playbook-disable-next-line PB999 -->"]
NAMES = ["a.md", "é.md", "\x1b[31m.md", os.fsdecode(b"caf\xe9.md"), " espace.md", "-tiret.md", "ligne\nbreak.md",
         "\u202egnp.md", "UPPER.MD.md", "sous/dossier.md"]
SHAPES = ["link-out", "link-in", "link-dir-out", "link-proc", "fifo", "hardlink", "dir-named-md", "broken-link"]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]
PYPROJECTS = [None, "[tool.playbook]\ndisable = [\"PB312\"]\n", "[tool.playbook]\nrules = { PB308 = false }\n",
              "[tool.playbook.paths]\ndrafts = \"/\"\n", "[tool.playbook.paths]\ndrafts = \"../outside\"\n",
              "[tool.playbook.paths]\ndrafts = \"dr\\u0000afts\"\n", "[tool.playbook\n", "utf-16", "fifo",
              "[tool.playbook]\nenable = [\"PB3\"]\n"]
LINT_YMLS = [None, "rules:\n  PB312:\n    severity: off\n", "paths:\n  drafts: /\n",
             "paths:\n  drafts: ../../outside\n", "rules: !!bool maybe\n", "fifo",
             "rules:\n  PB3O8:\n    severity: off\n"]
PLAYBOOK_CHANGES = [None, ("organisation.yml", "\nname: ", "\nname: !!bool maybe #"),
                    ("organisation.yml", "\nname: ", "\nname: \"Nom\\n\" #"),
                    ("tone.yml", "reaction_window: 2h", "reaction_window: 999999999999h"),
                    ("tone.yml", "reaction_window: 2h", "reaction_window: !!int \"\""),
                    ("organisation.yml", "timezone: Europe/Paris", "timezone: Mars/Olympus"),
                    ("tone.yml", None, "fifo"), ("channels.yml", None, "utf-16"), ("calendar.yml", None, "link-out")]
BASELINES = [None, "[" * 20_000, json.dumps({"findings": [{"code": "PB312", "path": "drafts/a.md", "message": "m",
                                                         "line": -3, "column": -5}]}), "fifo", "not json", "{}"]


@dataclass(frozen=True)
class Draft:
    name: str
    text: str
    encoding: str


front_matter = st.one_of(
    st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from(FIELD_VALUES)), max_size=6).map(
        lambda fields: "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + "---\n"),
    st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from(FIELD_VALUES)), max_size=4).map(
        lambda fields: "---\n" + "".join(f"{key}: {value}\n" for key, value in fields)),  # never closed
    st.just("---\nchannel: facebook\nkind: information\npublish_at: 2027-03-02T10:00+01:00\n"
            "author: claire-le-gall\n---\n"),
    st.just(""),
)
drafts = st.builds(Draft, st.sampled_from(NAMES),
                   st.tuples(front_matter, st.lists(st.sampled_from(BODY_PIECES), max_size=25).map("".join)).map(
                       "".join),
                   st.sampled_from(ENCODINGS))


@dataclass(frozen=True)
class Case:
    drafts: list[Draft]
    shapes: list[str]
    pyproject: str | None
    lint_yml: str | None
    change: tuple[str, str | None, str] | None
    baseline: str | None
    command: str
    fmt: str
    mode: tuple[str, ...]


cases = st.builds(
    Case, st.lists(drafts, max_size=4), st.lists(st.sampled_from(SHAPES), max_size=3, unique=True),
    # Mostly sound settings and playbook, so that most examples go on to read, lint and fix the drafts.
    st.sampled_from([None] * 6 + PYPROJECTS), st.sampled_from([None] * 5 + LINT_YMLS),
    st.sampled_from([None] * 6 + PLAYBOOK_CHANGES), st.sampled_from([None] * 4 + BASELINES),
    st.sampled_from(["lint", "check", "check", "validate"]), st.sampled_from(FORMATS),
    st.sampled_from([(), ("--fix",), ("--diff",), ("--fix", "--diff")]))


# -- building the sandbox -----------------------------------------------------------------------------------
def _special(path: Path, kind: str, outside: Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "utf-16":
        path.write_bytes((ROOT / "playbook" / path.name).read_text(encoding="utf-8").encode("utf-16"))
    elif kind == "link-out":
        path.symlink_to(outside / "secret.yml")


def _hard_link(drafts_dir: Path) -> None:
    """A fixable draft with a second name: --fix must leave it alone rather than cut the link."""
    (drafts_dir / "shared.md").write_text("---\nchannel: facebook\nkind: information\npublish_at: "
                                          "2027-03-02T10:00+01:00\nauthor: claire-le-gall\n---\nDu nectar !!\n",
                                          encoding="utf-8")
    os.link(drafts_dir / "shared.md", drafts_dir.parent / "shared-copy.md")


def build(case: Case, top: Path) -> tuple[Path, Path]:
    repo, outside = top / "repo", top / "outside"
    (repo / ".git").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\nchannel: facebook\n---\n{SECRET} miracle !!\n", encoding="utf-8")
    (outside / "secret.yml").write_text(f"name: {SECRET}\n", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "more.md").write_text(f"{SECRET} nectar !\n", encoding="utf-8")
    shutil.copytree(ROOT / "playbook", repo / "playbook")
    drafts_dir = repo / "drafts"
    drafts_dir.mkdir()
    for draft in case.drafts:
        path = drafts_dir / draft.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(draft.text.encode(draft.encoding, errors="replace"))
    shapes = {
        "link-out": lambda: (drafts_dir / "env.md").symlink_to(outside / "secret.md"),
        "link-in": lambda: (drafts_dir / "inside.md").symlink_to(repo / "playbook" / "organisation.yml"),
        "link-dir-out": lambda: (drafts_dir / "ailleurs").symlink_to(outside / "folder"),
        "link-proc": lambda: (drafts_dir / "environ.md").symlink_to("/proc/self/environ"),
        "fifo": lambda: os.mkfifo(drafts_dir / "pipe.md"),
        "hardlink": lambda: _hard_link(drafts_dir),
        "dir-named-md": lambda: (drafts_dir / "dossier.md").mkdir(),
        "broken-link": lambda: (drafts_dir / "broken.md").symlink_to(top / "nowhere.md"),
    }
    for shape in case.shapes:
        shapes[shape]()
    for text, where in ((case.pyproject, repo / "pyproject.toml"), (case.lint_yml, repo / "playbook" / "lint.yml")):
        if text == "fifo":
            _special(where, text, outside)
        elif text == "utf-16":
            where.write_bytes("[tool.playbook]\n".encode("utf-16"))
        elif text is not None:
            where.write_text(text, encoding="utf-8")
    if case.change is not None:
        name, old, new = case.change
        target = repo / "playbook" / name
        if old is None:
            _special(target, new, outside)
        else:
            target.write_text(target.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    if case.baseline == "fifo":
        os.mkfifo(repo / "baseline.json")
    elif case.baseline is not None:
        (repo / "baseline.json").write_text(case.baseline, encoding="utf-8")
    return repo, outside


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under ``folder`` (links and pipes not followed): kind and content."""
    result: dict[str, tuple[str, bytes | str]] = {}
    for root, folders, files in os.walk(folder):
        for name in folders + files:
            path = os.path.join(root, name)
            if os.path.islink(path):
                result[path] = ("link", os.readlink(path))
            elif os.path.isfile(path):
                with open(path, "rb") as handle:
                    result[path] = ("file", handle.read())
            else:
                result[path] = ("other", "")
    return result


def arguments(case: Case) -> list[str]:
    args = [case.command, "--format", case.fmt]
    if case.command != "validate":
        args += ["--now", NOW, *case.mode]
        if case.baseline is not None:
            args += ["--baseline", "baseline.json"]
    return args


def assert_one_document(fmt: str, stdout: str, exit_code: int) -> None:
    stdout.encode("utf-8")  # strict: no lone surrogate from an undecodable file name
    if exit_code == 2 or fmt in ("text", "github"):
        if fmt == "github" and exit_code != 2:
            assert all(line.startswith(("::", "playbook")) for line in stdout.splitlines()), stdout
        return
    if fmt == "junit":
        ET.fromstring(stdout.encode("utf-8"))
    else:
        json.loads(stdout)


# -- the property -------------------------------------------------------------------------------------------
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases)
def test_a_hostile_repository_never_breaks_a_promise(case: Case) -> None:
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder).resolve()
        repo, outside = build(case, top)
        before, outside_before = snapshot(repo), snapshot(outside)
        applied: list[tuple[str, str, list]] = []
        real_fix_text = fix_module.fix_text

        def recording_fix_text(path: str, text: str, fixes: object) -> fix_module.FixResult:
            result = real_fix_text(path, text, fixes)  # type: ignore[arg-type]
            applied.append((os.path.realpath(path), text,  # the run's folder: the repository
                            fix_module.select_fixes(text, fixes)[0]))  # type: ignore[arg-type]
            return result

        fix_module.fix_text = recording_fix_text  # type: ignore[assignment]
        os.chdir(repo)
        try:
            with alarm(ALARM_SECONDS), recorded() as touched:
                result = CliRunner().invoke(cli, arguments(case))
        finally:
            os.chdir(here)
            fix_module.fix_text = real_fix_text
        output = result.output
        assert not isinstance(result.exception, (TimeoutError,)), "hang"
        assert result.exit_code in (0, 1, 2), (result.exit_code, output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in output, output
        assert SECRET not in output
        assert_one_document(case.fmt, result.stdout, result.exit_code)
        assert not [path for path in touched if path.startswith((str(outside), "/proc"))], touched
        assert snapshot(outside) == outside_before
        after = snapshot(repo)
        writes = "--fix" in case.mode and case.command != "validate"
        for path, (kind, content) in before.items():
            if not writes or kind != "file" or after.get(path) == (kind, content):
                assert after.get(path) == (kind, content), path
                continue
            _assert_only_fix_spans_changed(path, content, after[path], applied)


def _assert_only_fix_spans_changed(path: str, old: bytes | str, new: tuple[str, bytes | str],
                                   applied: list[tuple[str, str, list]]) -> None:
    """A rewritten draft is its old bytes with exactly the applied fixes' spans replaced."""
    assert new[0] == "file", path
    assert isinstance(old, bytes) and isinstance(new[1], bytes)
    mine = [(text, fixes) for fixed, text, fixes in applied if fixed == path]
    assert mine, f"{path} changed but --fix applied nothing to it"
    text, fixes = mine[-1]
    bom = b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b""
    assert old == bom + text.encode("utf-8"), "fixes were computed on other bytes than the file held"
    assert new[1] == bom + fix_module.apply_fixes(text, fixes).encode("utf-8")
    from linter.drafts.parse import parse_draft

    draft = parse_draft(path, text)
    assert draft is not None and all(fix.start >= draft.body_start for fix in fixes), "a fix touched the front matter"
