"""Apply the safe fixes that rules attach to findings, without ever damaging a file.

Why so careful: ``--fix`` rewrites files people wrote by hand, in editors that save a byte
order mark or Windows line ends, in repositories where a half-written file is worse than no
fix at all. So this module

* applies fixes to the *decoded* text exactly as the rules saw it (BOM removed, line ends
  untouched), which is what ``Fix.start``/``Fix.end`` count in, then puts the BOM back;
* applies non-overlapping fixes from the end of the text, so earlier offsets stay valid, and
  skips a fix that overlaps one already chosen (the next run recomputes it, if still needed);
* writes through a temporary file in the same directory and ``os.replace``, keeping the
  file's permission bits, so a crash or a full disk never leaves a truncated draft;
* never raises on I/O: a file that cannot be read, decoded or written comes back as a
  ``FixResult`` with an ``error`` the command line reports.

Rules are responsible for offering only safe edits (never inside front matter, code, links,
mentions or hashtags); this module applies what it is given, exactly once.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from linter.core.findings import Finding, Fix

__all__ = ["FixResult", "apply_fixes", "select_fixes", "fix_files", "fix_text", "unified_diff"]

BOM = "\ufeff"
_BOM_BYTES = BOM.encode("utf-8")


@dataclass(frozen=True)
class FixResult:
    """What happened to one file. ``before``/``after`` are decoded texts (BOM excluded)."""

    path: str
    applied: int = 0
    skipped: int = 0
    before: str = ""
    after: str = ""
    error: str | None = None
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.error is None and self.before != self.after

    def diff(self) -> str:
        return unified_diff(self.path, self.before, self.after) if self.changed else ""


def select_fixes(text: str, fixes: Iterable[Fix]) -> tuple[list[Fix], list[Fix]]:
    """Split ``fixes`` into (applicable, skipped) for ``text``, applicable sorted by position.

    Duplicates count once; a fix that changes nothing is dropped silently; a fix outside the
    text, or overlapping one chosen before it (leftmost first, then shortest), is skipped.
    Two insertions at the same offset overlap: their order would be a guess.
    """
    chosen: list[Fix] = []
    skipped: list[Fix] = []
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end, f.replacement)):
        if not (0 <= fix.start <= fix.end <= len(text)):
            skipped.append(fix)
            continue
        if text[fix.start:fix.end] == fix.replacement:
            continue
        if chosen:
            last = chosen[-1]
            if fix.start < last.end or (fix.start == last.start and fix.start == fix.end == last.end):
                skipped.append(fix)
                continue
        chosen.append(fix)
    return chosen, skipped


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` with every non-overlapping fix applied (from the end, so offsets hold)."""
    chosen, _ = select_fixes(text, fixes)
    for fix in reversed(chosen):
        text = text[:fix.start] + fix.replacement + text[fix.end:]
    return text


def fix_text(path: str, text: str, fixes: Iterable[Fix]) -> FixResult:
    """Pure version of a file fix, for callers that hold the text already (tests, --diff)."""
    chosen, skipped = select_fixes(text, fixes)
    after = text
    for fix in reversed(chosen):
        after = after[:fix.start] + fix.replacement + after[fix.end:]
    return FixResult(path, len(chosen), len(skipped), text, after)


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style unified diff of one file, or ``""`` when nothing changed."""
    if before == after:
        return ""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:  # the last line of a file without a final line end
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _read(path: str) -> tuple[bytes | None, str | None, str | None]:
    """(raw bytes, decoded text without BOM, error message)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None, None, "the file no longer exists"
    except IsADirectoryError:
        return None, None, "expected a file but found a folder"
    except OSError as error:
        return None, None, f"the file cannot be read ({error.strerror or error})"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw, None, "the file is not valid UTF-8 any more; it was left untouched"
    return raw, text[1:] if text.startswith(BOM) else text, None


def _write_atomically(path: str, data: bytes) -> str | None:
    """Replace ``path`` by ``data`` in one step, keeping its permission bits; the error, if any."""
    target = os.path.realpath(path)  # write through a symbolic link, do not replace the link
    directory = os.path.dirname(target) or "."
    temp = None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        descriptor, temp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".fix-tmp",
                                            dir=directory)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
        temp = None
        return None
    except OSError as error:
        return f"the file cannot be written ({error.strerror or error})"
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


def fix_files(findings: Iterable[Finding], write: bool = True,
              expected: Mapping[str, str] | None = None) -> list[FixResult]:
    """Apply the fixes carried by ``findings``, file by file; one result per file, by path.

    ``write=False`` computes the results without touching the disk (``--diff`` alone).
    ``expected`` maps a path to the decoded text the findings were computed on: when the file
    has changed since, its fixes are not applied (their offsets would point elsewhere).
    """
    by_path: dict[str, list[Fix]] = {}
    for finding in findings:
        if finding.fix is not None:
            by_path.setdefault(finding.path, []).append(finding.fix)
    results = []
    for path in sorted(by_path):
        raw, text, error = _read(path)
        if error is not None or raw is None or text is None:
            results.append(FixResult(path, 0, len(set(by_path[path])), error=error))
            continue
        if expected is not None and path in expected and expected[path] != text:
            results.append(FixResult(path, 0, len(set(by_path[path])), text, text,
                                     "the file changed since it was checked; run the linter again"))
            continue
        result = fix_text(path, text, by_path[path])
        if write and result.changed:
            bom = _BOM_BYTES if raw.startswith(_BOM_BYTES) else b""
            problem = _write_atomically(path, bom + result.after.encode("utf-8"))
            result = FixResult(path, result.applied, result.skipped, text, result.after, problem,
                               problem is None)
        results.append(result)
    return results
