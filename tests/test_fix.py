"""Safe fixes on real files: offsets in the decoded text, encoding kept, atomic writes, no raise.

The fixes here are hand-made lists (what a rule would attach to its findings), so the tests
pin what fix.py promises whatever the draft rules offer: a byte order mark and Windows line
ends survive, overlapping fixes are skipped, a second run has nothing left to do, nothing is
left behind in the folder, and an I/O problem comes back as a result instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import stat

import linter.drafts.fix as fix_module
from linter.core.findings import Finding, Fix, Severity
from linter.core.i18n import Language
from linter.drafts.fix import FixResult, apply_fixes, select_fixes, unified_diff
from linter.drafts.fix import fix_files as fix_files_in


def fix_files(*args, **kwargs) -> list[FixResult]:
    """``fix_files`` with its reasons in English, which these tests read (tests/test_i18n.py reads the French)."""
    return fix_files_in(*args, lang=Language("en"), **kwargs)

BOM = b"\xef\xbb\xbf"


def finding(path, fix, code="PB399"):
    return Finding(code, Severity.WARNING, str(path), 1, 1, "typography", None, fix)


def narrow_space_fixes(text: str) -> list[Fix]:
    """What a French-spacing rule would offer: a narrow no-break space before ! and ?."""
    return [Fix(i - 1, i, "\u202f") for i, char in enumerate(text) if char in "!?" and i and text[i - 1] == " "]


# -- apply_fixes: pure text -------------------------------------------------------------------------
def test_fixes_are_applied_from_the_end_so_offsets_stay_valid():
    text = "Bonjour ! Ça va ? Oui."
    assert apply_fixes(text, narrow_space_fixes(text)) == "Bonjour\u202f! Ça va\u202f? Oui."
    assert apply_fixes(text, [Fix(0, 7, "Salut"), Fix(18, 21, "Non")]) == "Salut ! Ça va ? Non."


def test_overlapping_fixes_keep_the_first_and_skip_the_rest():
    text = "un deux trois"
    fixes = [Fix(3, 7, "DEUX"), Fix(5, 13, "x"), Fix(0, 2, "UN")]
    chosen, skipped = select_fixes(text, fixes)
    assert chosen == [Fix(0, 2, "UN"), Fix(3, 7, "DEUX")]
    assert skipped == [Fix(5, 13, "x")]
    assert apply_fixes(text, fixes) == "UN DEUX trois"


def test_two_insertions_at_one_place_are_ambiguous_and_one_is_skipped():
    chosen, skipped = select_fixes("ab", [Fix(1, 1, "X"), Fix(1, 1, "Y")])
    assert len(chosen) == 1 and len(skipped) == 1


def test_duplicates_count_once_and_out_of_range_fixes_are_skipped():
    text = "abc"
    chosen, skipped = select_fixes(text, [Fix(0, 1, "A"), Fix(0, 1, "A"), Fix(2, 9, "?"), Fix(-1, 0, "?")])
    assert chosen == [Fix(0, 1, "A")]
    assert len(skipped) == 2
    assert apply_fixes(text, [Fix(0, 1, "A"), Fix(0, 1, "A")]) == "Abc"


def test_applying_again_with_recomputed_fixes_changes_nothing():
    text = "Bonjour ! Ça va ?"
    once = apply_fixes(text, narrow_space_fixes(text))
    assert narrow_space_fixes(once) == []  # what the rule would find on the fixed text
    assert apply_fixes(once, narrow_space_fixes(once)) == once
    # A fix whose replacement is already there is a no-op, not a second insertion.
    assert apply_fixes(once, [Fix(7, 8, "\u202f")]) == once


# -- fix_files: real files ---------------------------------------------------------------------------------
def test_bom_and_windows_line_ends_are_preserved(tmp_path):
    path = tmp_path / "post.md"
    original = "---\r\nkind: information\r\n---\r\nBonjour ! Ça va ?\r\n"
    path.write_bytes(BOM + original.encode("utf-8"))
    fixes = narrow_space_fixes(original)  # offsets in the decoded text: BOM removed, CRLF kept
    [result] = fix_files([finding(path, f) for f in fixes])
    assert result.error is None and result.written and result.applied == 2
    data = path.read_bytes()
    assert data == BOM + "---\r\nkind: information\r\n---\r\nBonjour\u202f! Ça va\u202f?\r\n".encode("utf-8")
    # A second run: the rule finds nothing left to fix, so nothing is written.
    assert fix_files([finding(path, f) for f in narrow_space_fixes(result.after)]) == []
    # Even the same (now stale) list finds its replacements already in place.
    [again] = fix_files([finding(path, f) for f in fixes])
    assert again == FixResult(str(path), 0, 0, result.after, result.after)
    assert path.read_bytes() == data


def test_a_file_without_bom_does_not_get_one(tmp_path):
    path = tmp_path / "post.md"
    path.write_bytes(b"Salut !\n")
    fix_files([finding(path, Fix(5, 6, "\u202f"))])
    assert path.read_bytes() == "Salut\u202f!\n".encode("utf-8")


def test_write_is_atomic_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("Salut !\n", encoding="utf-8")
    os.chmod(path, 0o640)
    [result] = fix_files([finding(path, Fix(5, 6, "\u202f"))])
    assert result.written
    assert sorted(os.listdir(tmp_path)) == ["post.md"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_fixes_of_several_findings_in_several_files_are_grouped_by_file(tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("Oui ! Non ?\n", encoding="utf-8")
    second.write_text("Peut-être !\n", encoding="utf-8")
    findings = [finding(second, Fix(9, 10, "\u202f")), finding(first, Fix(3, 4, "\u202f")),
                finding(first, Fix(9, 10, "\u202f")), Finding("PB300", Severity.ERROR, str(first), 1, 1, "no fix")]
    results = fix_files(findings)
    assert [(r.path, r.applied) for r in results] == [(str(first), 2), (str(second), 1)]
    assert first.read_text(encoding="utf-8") == "Oui\u202f! Non\u202f?\n"


def test_a_symbolic_link_is_never_written_through(tmp_path):
    """Issue #14: the target of a link may be outside the repository; both stay as they were."""
    target = tmp_path / "real.md"
    target.write_text("Salut !\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    [result] = fix_files([finding(link, Fix(5, 6, "\u202f"))])
    assert not result.written and "symbolic link" in result.error and link.is_symlink()
    assert target.read_text(encoding="utf-8") == "Salut !\n"


def test_diff_only_mode_does_not_write(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("Salut !\n", encoding="utf-8")
    [result] = fix_files([finding(path, Fix(5, 6, "\u202f"))], write=False)
    assert result.changed and not result.written
    assert path.read_text(encoding="utf-8") == "Salut !\n"
    assert "+Salut\u202f!" in result.diff()


def test_a_file_changed_since_it_was_checked_is_left_alone(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("Bonjour !\n", encoding="utf-8")
    [result] = fix_files([finding(path, Fix(5, 6, "\u202f"))], expected={str(path): "Salut !\n"})
    assert result.error and "changed since" in result.error and not result.written
    assert path.read_text(encoding="utf-8") == "Bonjour !\n"


# -- errors are results, never exceptions ------------------------------------------------------------------
def test_a_permission_error_on_write_is_reported_and_the_file_is_untouched(tmp_path, monkeypatch):
    path = tmp_path / "post.md"
    path.write_text("Salut !\n", encoding="utf-8")

    def refuse(source, destination):
        raise PermissionError(errno.EACCES, "Permission denied")

    # The tests may run as root, where a read-only folder does not stop a write: make the final
    # rename fail the way it does for a normal user in a folder they cannot write to.
    monkeypatch.setattr(fix_module.os, "replace", refuse)
    [result] = fix_files([finding(path, Fix(5, 6, "\u202f"))])
    assert result.error == "the file cannot be written (Permission denied)"
    assert not result.written and not result.changed
    assert path.read_text(encoding="utf-8") == "Salut !\n"
    assert sorted(os.listdir(tmp_path)) == ["post.md"]  # the temporary file was removed


def test_missing_and_undecodable_files_are_reported(tmp_path):
    missing = tmp_path / "gone.md"
    latin = tmp_path / "latin.md"
    latin.write_bytes("Salut ! Été\n".encode("latin-1"))
    folder = tmp_path / "folder.md"
    folder.mkdir()
    results = {r.path: r for r in fix_files([finding(p, Fix(0, 1, "S")) for p in (missing, latin, folder)])}
    assert results[str(missing)].error == "the file no longer exists"
    assert "not valid UTF-8" in results[str(latin)].error
    assert results[str(folder)].error
    assert latin.read_bytes() == "Salut ! Été\n".encode("latin-1")


# -- unified diff ------------------------------------------------------------------------------------------
def test_unified_diff_text():
    before = "---\nkind: promo\n---\nSalut !\nÀ bientôt !\n"
    after = "---\nkind: promo\n---\nSalut\u202f!\nÀ bientôt\u202f!\n"
    assert unified_diff("drafts/a.md", before, after) == (
        "--- a/drafts/a.md\n"
        "+++ b/drafts/a.md\n"
        "@@ -1,5 +1,5 @@\n"
        " ---\n"
        " kind: promo\n"
        " ---\n"
        "-Salut !\n"
        "-À bientôt !\n"
        "+Salut\u202f!\n"
        "+À bientôt\u202f!\n"
    )
    assert unified_diff("drafts/a.md", before, before) == ""


def test_unified_diff_marks_a_missing_final_line_end():
    diff = unified_diff("a.md", "Salut !", "Salut\u202f!")
    assert diff.endswith("-Salut !\n\\ No newline at end of file\n+Salut\u202f!\n\\ No newline at end of file\n")
