"""Apply the safe fixes that rules attach to findings, without ever damaging a file.

Why so careful: ``--fix`` rewrites files people wrote by hand, in editors that save a byte
order mark or Windows line ends, in repositories where a half-written file is worse than no
fix at all. So this module

* applies fixes to the *decoded* text exactly as the rules saw it (BOM removed, line ends
  untouched), which is what ``Fix.start``/``Fix.end`` count in, then puts the BOM back;
* applies non-overlapping fixes in one pass over the text (offsets all refer to the text as
  read), and skips a fix that overlaps one already chosen (the next run recomputes it, if
  still needed);
* writes through a temporary file in the same directory and ``os.replace``, keeping the
  file's permission bits, so a crash or a full disk never leaves a truncated draft;
* writes only over the exact bytes the fixes were computed from: the file is locked (``flock``,
  against a concurrent ``--fix``), read, and compared again just before the rename; a file that
  changed in between is left untouched and reported (``fix_drafts`` computes the fixes on the
  bytes it read, never on an earlier run's view of the file);
* never writes through a symbolic link, nor replaces a file that has other hard links (that
  would silently cut them), nor opens a named pipe or a device;
* never raises on I/O: a file that cannot be read, decoded or written comes back as a
  ``FixResult`` with an ``error``, which ``not_written`` notes for PB013: a finding that every
  report format shows and that fails the run.

Rules are responsible for offering only safe edits (never inside front matter, code, links,
mentions or hashtags); this module applies what it is given, exactly once.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock: the comparison before the rename remains
    fcntl = None  # type: ignore[assignment]

from linter.core.findings import Finding, Fix, Loc
from linter.core.i18n import N_, Language
from linter.core.rule import Note, Role

__all__ = ["FixResult", "apply_fixes", "fix_drafts", "fix_files", "fix_text", "not_written", "read_snapshot",
           "select_fixes", "unified_diff"]

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


def _applied(text: str, chosen: list[Fix]) -> str:
    """``text`` with ``chosen`` (sorted, non-overlapping) applied, in one pass.

    One join of the pieces between fixes, never a copy of the text per fix: 100,000 fixes on a
    1 MB draft (``Bonjour ! `` repeated) took over a minute that way.
    """
    pieces: list[str] = []
    position = 0
    for fix in chosen:
        pieces.append(text[position:fix.start])
        pieces.append(fix.replacement)
        position = fix.end
    pieces.append(text[position:])
    return "".join(pieces)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` with every non-overlapping fix applied."""
    chosen, _ = select_fixes(text, fixes)
    return _applied(text, chosen)


def fix_text(path: str, text: str, fixes: Iterable[Fix]) -> FixResult:
    """Pure version of a file fix, for callers that hold the text already (tests, --diff)."""
    chosen, skipped = select_fixes(text, fixes)
    return FixResult(path, len(chosen), len(skipped), text, _applied(text, chosen))


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


class _Skip(Exception):
    """Why a file is left untouched; its text (in the run's language) is what the command line prints."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message, self.values = message, values

    def text(self, lang: Language) -> str:
        return lang(self.message, **self.values)


def _check_target(path: str) -> os.stat_result:
    """The file's own status, or _Skip: --fix writes only plain files that are nobody else's too.

    A symbolic link is never written through (its target may be outside the repository, and a
    replaced link would silently become a file); a file with other hard links is left alone,
    because replacing it (write a copy, rename it over) would cut those links without a word.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise _Skip(N_("the file no longer exists")) from None
    except (OSError, ValueError) as error:
        raise _Skip(N_("the file cannot be read ({reason})"),
                    reason=getattr(error, "strerror", None) or error) from None
    if stat.S_ISLNK(status.st_mode):
        raise _Skip(N_("the file is a symbolic link; --fix never writes through a link (fix the file it points to)"))
    if stat.S_ISDIR(status.st_mode):
        raise _Skip(N_("expected a file but found a folder"))
    if not stat.S_ISREG(status.st_mode):
        raise _Skip(N_("the path is not a regular file (a named pipe, a device?); it was not opened"))
    if status.st_nlink > 1:
        raise _Skip(N_("the file has {count} hard links; replacing it would break them, so it was left untouched"),
                    count=status.st_nlink)
    return status


def _open(path: str, status: os.stat_result) -> int:
    """A descriptor on ``path`` that is still the file ``status`` describes (no link, no swap)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise _Skip(N_("the file no longer exists")) from None
    except OSError as error:
        raise _Skip(N_("the file cannot be read ({reason})"), reason=error.strerror or error) from None
    opened = os.fstat(descriptor)
    if (opened.st_dev, opened.st_ino) != (status.st_dev, status.st_ino) or not stat.S_ISREG(opened.st_mode):
        os.close(descriptor)
        raise _Skip(_CHANGED)
    return descriptor


def _read_all(descriptor: int) -> bytes:
    parts: list[bytes] = []
    offset = 0
    while True:
        chunk = os.pread(descriptor, 1 << 20, offset)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        offset += len(chunk)


def _lock(descriptor: int) -> None:
    """Hold an exclusive advisory lock, or _Skip: another `--fix` is rewriting this very file."""
    if fcntl is None:  # pragma: no cover - Windows: the byte comparison before the rename still guards
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise _Skip(N_("another playbook --fix is rewriting this file at the same moment; it was left "
                       "untouched (run again once it is done)")) from None


def _decoded(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Skip(N_("the file is not valid UTF-8 any more; it was left untouched")) from None
    return text[1:] if text.startswith(BOM) else text


def read_snapshot(path: str, lang: Language | None = None) -> tuple[bytes | None, str | None, str | None]:
    """(raw bytes, decoded text without BOM, why not) of a file --fix could rewrite.

    The caller computes its fixes on this text and hands the bytes back to ``fix_files``
    (``expected_bytes``), which writes only over these exact bytes.
    """
    lang = lang or Language()
    try:
        status = _check_target(path)
        descriptor = _open(path, status)
        try:
            raw = _read_all(descriptor)
        finally:
            os.close(descriptor)
        return raw, _decoded(raw), None
    except _Skip as skip:
        return None, None, skip.text(lang)
    except OSError as error:
        return None, None, lang("the file cannot be read ({reason})", reason=error.strerror or error)


_CHANGED = N_("the file changed since it was checked; it was left untouched (run the linter again)")


def _same_file(path: str, descriptor: int) -> bool:
    """Whether ``path`` still names the file ``descriptor`` holds (not renamed over, not made a link)."""
    try:
        now = os.lstat(path)
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino) and stat.S_ISREG(now.st_mode)


def _still_the_same(path: str, descriptor: int, raw: bytes) -> bool:
    """Whether ``path`` is still the locked file and still holds exactly ``raw``: the last look before the rename."""
    return _same_file(path, descriptor) and _read_all(descriptor) == raw


def _write_atomically(path: str, data: bytes, descriptor: int, raw: bytes, lang: Language) -> str | None:
    """Replace ``path`` by ``data`` in one step, keeping its permission bits; the error, if any.

    ``descriptor`` is the locked file, which must still be at ``path`` and still hold ``raw``
    when the new content is in place, just before the rename: otherwise nothing is replaced.
    """
    directory = os.path.dirname(path) or "."
    temp = None
    try:
        mode = stat.S_IMODE(os.fstat(descriptor).st_mode)
        handle_fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".fix-tmp", dir=directory)
        with os.fdopen(handle_fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if not _still_the_same(path, descriptor, raw):
            return lang(_CHANGED)
        os.replace(temp, path)
        temp = None
        return None
    except OSError as error:
        return lang("the file cannot be written ({reason})", reason=error.strerror or error)
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def fix_files(findings: Iterable[Finding], write: bool = True,
              expected: Mapping[str, str] | None = None,
              expected_bytes: Mapping[str, bytes] | None = None, lang: Language | None = None) -> list[FixResult]:
    """Apply the fixes carried by ``findings``, file by file; one result per file, by path.

    ``write=False`` computes the results without touching the disk (``--diff`` alone).
    ``expected`` maps a path to the decoded text the findings were computed on, and
    ``expected_bytes`` to the exact bytes that text came from (``read_snapshot``): when the file
    holds anything else, its fixes are not applied (their offsets would point elsewhere). The
    file is locked while it is rewritten, and compared once more just before the rename.
    """
    by_path: dict[str, list[Fix]] = {}
    for finding in findings:
        if finding.fix is not None:
            by_path.setdefault(finding.path, []).append(finding.fix)
    return [_fix_one(path, by_path[path], write, (expected or {}).get(path), (expected_bytes or {}).get(path),
                     lang or Language()) for path in sorted(by_path)]


def _fix_one(path: str, fixes: list[Fix], write: bool, expected: str | None, expected_raw: bytes | None,
             lang: Language) -> FixResult:
    skipped = len(set(fixes))
    descriptor = None
    try:
        status = _check_target(path)
        descriptor = _open(path, status)
        if write:
            _lock(descriptor)
            if not _same_file(path, descriptor):  # replaced while we waited for the lock
                raise _Skip(_CHANGED)
        raw = _read_all(descriptor)
        text = _decoded(raw)
        if (expected_raw is not None and raw != expected_raw) or (expected is not None and text != expected):
            return FixResult(path, 0, skipped, text, text, lang(_CHANGED))
        result = fix_text(path, text, fixes)
        if write and result.changed:
            bom = _BOM_BYTES if raw.startswith(_BOM_BYTES) else b""
            problem = _write_atomically(path, bom + result.after.encode("utf-8"), descriptor, raw, lang)
            result = FixResult(path, result.applied if problem is None else 0,
                               result.skipped if problem is None else skipped, text,
                               result.after if problem is None else text, problem, problem is None)
        return result
    except _Skip as skip:
        return FixResult(path, 0, skipped, error=skip.text(lang))
    except OSError as error:
        return FixResult(path, 0, skipped, error=lang("the file cannot be read ({reason})",
                                                      reason=error.strerror or error))
    finally:
        if descriptor is not None:
            os.close(descriptor)  # releases the lock


def fix_drafts(paths: Iterable[str], relint: Callable[[list[tuple[str, str]]], Iterable[Finding]],
               write: bool = True, lang: Language | None = None) -> list[FixResult]:
    """``--fix``/``--diff`` for these files: fixes computed on exactly the bytes that get replaced.

    Why not the findings of the run: the run read each file in a worker, and the file may have
    been edited since (by a person, by another ``--fix``): applying old offsets to new text
    corrupts it. So each file is read once here (``read_snapshot``), ``relint`` computes the
    findings of those texts, and ``fix_files`` writes only over those same bytes.
    """
    snapshots: dict[str, tuple[bytes, str]] = {}
    failed: list[FixResult] = []
    for path in sorted(set(paths)):
        raw, text, problem = read_snapshot(path, lang)
        if raw is None or text is None:
            failed.append(FixResult(path, 0, 0, error=problem))
        else:
            snapshots[path] = (raw, text)
    findings = list(relint([(path, text) for path, (_, text) in snapshots.items()])) if snapshots else []
    results = fix_files([finding for finding in findings if finding.path in snapshots], write,
                        {path: text for path, (_, text) in snapshots.items()},
                        {path: raw for path, (raw, _) in snapshots.items()}, lang)
    return sorted(failed + results, key=lambda result: result.path)


def not_written(results: Iterable[FixResult], lang: Language | None = None) -> list[Note]:
    """One note (PB013 reports it) per file whose fixes were computed but not written, at its first character.

    Why a finding and not a line on standard error: the run was asked to change the file and
    did not; a machine format (SARIF, JUnit...) must say so, and the exit code must fail. The
    position is the file's start because the fixes' own positions may no longer hold (the file
    changed) or belong to another file (a link).
    """
    lang = lang or Language()
    return [Note(Role.FIX_NOT_WRITTEN, Loc(result.path, 1, 1),
                 lang("--fix left this file untouched: {reason}", reason=result.error),
                 lang("Nothing in it was changed. Run the command again once nobody else is editing the file; a link "
                      "or a file with several names is fixed by hand (or through the file the link points to)."))
            for result in results if result.error is not None]
