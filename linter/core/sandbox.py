"""Where the tool may read and write: the repository, and what the command line names.

Why a rule at all: teams run `playbook` on every push and in pre-commit, on files anyone can
edit. A symbolic link committed as ``drafts/env.md`` -> ``/proc/self/environ`` must not print
the runner's environment in the annotations, a settings path ``/`` must not walk the whole
disk, and ``--fix`` must not rewrite files of another tree. So:

* the *repository root* is the top of the git repository holding the current folder (the
  nearest folder upwards with a ``.git``), else the current folder;
* a path whose real location (links followed) is outside the root is read only when the path
  as written is itself outside the root: only a path named on the command line can be, since
  the settings may not point outside the root (``linter.core.settings``);
* a symbolic link inside the root that leads outside it is reported (PB012), never followed.

Nothing here is cached: the root is looked for only when a link or a configured path needs
it, which is rare, and tests change folders freely.
"""

from __future__ import annotations

import os

__all__ = ["is_inside", "leaves_root", "repository_root"]


def repository_root(cwd: str = ".") -> str:
    """The real path of the git repository's top folder holding ``cwd``, else of ``cwd`` itself.

    A ``.git`` entry (a folder, or a file in a worktree or submodule) marks the top, so this
    needs no git program and costs a few ``stat`` calls. The sandbox and the CI formats' paths
    (linter.output.place) share it: both must agree on where the repository ends.
    """
    start = os.path.realpath(cwd)
    folder = start
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return start
        folder = parent


def is_inside(path: str, folder: str) -> bool:
    """Whether the absolute ``path`` is ``folder`` or below it (both normalised, no trailing separator)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def leaves_root(path: str, cwd: str = ".") -> str | None:
    """The real path ``path`` leads to when links take it out of the repository; else None.

    A path written outside the repository (named on the command line) is not "leaving": the
    user asked for it. Only links met on the way from inside the root to outside it count.
    """
    absolute = os.path.abspath(os.path.join(cwd, path))
    real = os.path.realpath(absolute)
    if real == absolute:
        return None
    root = repository_root(cwd)
    if is_inside(real, root):
        return None
    # The path as written is outside the root too: a tree the command line named.
    lexical_root = os.path.abspath(root)
    if not is_inside(absolute, lexical_root) and not is_inside(os.path.realpath(os.path.dirname(absolute)), root):
        return None
    return real
