"""Which files changed since a git ref: what `playbook lint --changed-since REF` reports on.

A pull request should show the findings its own edits introduced, not every old warning of
the repository. "Changed since REF" means what the pull request would show: files that differ
between the merge base of REF and HEAD and the working tree (committed, staged or not), plus
untracked files that are not ignored — so it works the same in CI (a fresh checkout) and on a
laptop before committing. Deleted files are left out: they cannot have findings. When git
cannot find the merge base (a shallow clone, unrelated histories) the run stops with exit 2
and a hint rather than guess.

Paths come back relative to ``cwd`` with the separators of the platform, the way a user
would type them, so they compare with the paths findings carry (see ``normalise``).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable

from linter.core.errors import CannotRun
from linter.core.findings import Finding
from linter.core.i18n import Language


class ChangesError(CannotRun):
    """Git cannot say what changed (not a repository, unknown ref, no git): the run cannot go on."""


def _git(args: list[str], cwd: str, lang: Language) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              errors="surrogateescape", check=False,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise ChangesError(lang("git is not installed, so --changed-since cannot tell which files changed"),
                           lang("Install git, or run without --changed-since to lint every draft.")) from None
    except NotADirectoryError:
        raise ChangesError(lang("{folder} is not a folder", folder=cwd)) from None


def _toplevel(cwd: str, lang: Language) -> str:
    if not os.path.isdir(cwd):
        raise ChangesError(lang("{folder} is not a folder", folder=cwd))
    result = _git(["rev-parse", "--show-toplevel"], cwd, lang)
    if result.returncode != 0:
        raise ChangesError(lang("{folder} is not inside a git repository, so --changed-since cannot be used",
                                folder=os.path.abspath(cwd)),
                           lang("Run the command inside the clone of your playbook repository, or drop "
                                "--changed-since."))
    return result.stdout.strip()


def _commit(ref: str, top: str, lang: Language) -> str:
    if not ref or ref.startswith("-"):
        raise ChangesError(lang("{ref} is not a git ref", ref=repr(ref)),
                           lang("Give a branch, a tag or a commit, like origin/main or HEAD~1."))
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top, lang)
    if result.returncode != 0:
        raise ChangesError(
            lang("unknown git ref {ref}: no branch, tag or commit has this name in this clone", ref=repr(ref)),
            lang("Check the spelling (`git branch -a` lists branches). In CI the base branch is often missing "
                 "from a shallow clone: fetch it first (GitHub: actions/checkout with `fetch-depth: 0`)."))
    return result.stdout.strip()


def _merge_base(ref: str, commit: str, top: str, lang: Language) -> str:
    """The commit the branch started from, or ChangesError: never a guess.

    Without a common commit, comparing with ``ref`` itself would report every file the base
    branch changed since, as if the branch had: a wrong answer that looks right. That happens
    in a shallow clone (CI fetching the base at depth 1) and with unrelated histories.
    """
    found = _git(["merge-base", commit, "HEAD"], top, lang)
    if found.returncode == 0 and found.stdout.strip():
        return found.stdout.strip()
    if found.returncode not in (0, 1):
        raise ChangesError(lang("git could not find where HEAD branched from {ref}: {reason}", ref=ref,
                                reason=found.stderr.strip()))
    if _git(["rev-parse", "--is-shallow-repository"], top, lang).stdout.strip() == "true":
        raise ChangesError(
            lang("this clone is shallow: it lacks the commits that would show where HEAD branched from {ref}, so "
                 "--changed-since cannot tell which files the branch changed", ref=ref),
            lang("Fetch the history first: `git fetch --unshallow` (or `git fetch --deepen=200`). In GitHub Actions "
                 "give actions/checkout `fetch-depth: 0`; in GitLab CI set the variable GIT_DEPTH to 0."))
    raise ChangesError(lang("HEAD and {ref} have no commit in common, so --changed-since cannot tell which files "
                            "this branch changed", ref=ref),
                       lang("Give the branch this one was made from (e.g. origin/main), or run without "
                            "--changed-since."))


def _names(output: str) -> list[str]:
    return [name for name in output.split("\0") if name]


def changed_files(ref: str, cwd: str = ".", lang: Language | None = None) -> set[str]:
    """Files changed since ``ref`` (see the module docstring), relative to ``cwd``.

    Raises ``ChangesError`` with a message for the user (in ``lang``) when git cannot answer.
    """
    lang = lang or Language()
    top = _toplevel(cwd, lang)
    commit = _commit(ref, top, lang)
    base = commit
    if _git(["rev-parse", "--verify", "--quiet", "HEAD"], top, lang).returncode == 0:
        base = _merge_base(ref, commit, top, lang)
    diff = _git(["-c", "core.quotepath=off", "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d",
                 base, "--"], top, lang)
    if diff.returncode != 0:
        raise ChangesError(lang("git could not compare the working tree with {ref}: {reason}", ref=ref,
                                reason=diff.stderr.strip()))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top, lang)
    names = _names(diff.stdout) + (_names(untracked.stdout) if untracked.returncode == 0 else [])
    here = os.path.realpath(cwd)
    return {os.path.relpath(os.path.join(top, *name.split("/")), here) for name in names}


def normalise(path: str, cwd: str = ".") -> str:
    """A path as given (relative to ``cwd`` or absolute) in the form ``changed_files`` returns."""
    here = os.path.realpath(cwd)
    return os.path.relpath(os.path.realpath(os.path.join(here, path)), here)


def only_changed(findings: Iterable[Finding], changed: set[str], cwd: str = ".",
                 queue_codes: Iterable[str] = ()) -> list[Finding]:
    """Keep the findings whose file is among ``changed``.

    A queue finding (codes in ``queue_codes``) lands on one post but is about several: the
    promotional share of a week is tipped over by whichever post comes first, not always by
    the one just added. So a queue finding is also kept when its message or hint names a
    changed file: a pull request that breaks next week's share sees it, whichever post the
    finding sits on.
    """
    wanted = {normalise(path, cwd) for path in changed}
    queue = set(queue_codes)
    names = [path.replace(os.sep, "/") for path in wanted]
    kept = []
    for finding in findings:
        if normalise(finding.path, cwd) in wanted:
            kept.append(finding)
        elif finding.code in queue:
            text = f"{finding.message}\n{finding.hint or ''}".replace(os.sep, "/")
            if any(name in text for name in names if not name.startswith("..")):
                kept.append(finding)
    return kept
