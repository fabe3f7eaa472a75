"""Where the time goes: run one `playbook` command in this process under cProfile.

Why in-process and on one core: a process pool hides its workers from the profiler, so the
lint's parallel threshold is raised out of reach and every draft is linted here. The report
lists the functions with the most *own* time (tottime) and the linter's functions with the
most *cumulative* time, each with its share of the whole run, as ``file:function``.

    python bench/hotspots.py lint DRAFTS --playbook PLAYBOOK --now 2027-01-01T09:00:00+01:00
    python bench/hotspots.py validate playbook
    python bench/hotspots.py --top 40 --out prof.pstats lint ...

Any `playbook` arguments are accepted after the options of this script.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import sys
import time


def _where(key: tuple) -> str:
    filename, line, function = key
    for marker in ("/site-packages/", "/linter/", "/lib/python3"):
        if marker in filename:
            rest = filename.split(marker, 1)[1]
            filename = rest if marker != "/linter/" else "linter/" + rest
            break
    return f"{filename}:{line}:{function}" if filename != "~" else function


def profile(argv: list[str], top: int = 25, out: str | None = None) -> str:
    import linter.drafts.run as lint_module

    if hasattr(lint_module, "PARALLEL_THRESHOLD"):
        lint_module.PARALLEL_THRESHOLD = 10**12  # one process: the profiler sees every draft
    from linter.cli import cli

    profiler = cProfile.Profile()
    sink = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.suppress(SystemExit):
        profiler.runcall(cli.main, args=argv, prog_name="playbook", standalone_mode=False)
    wall = time.perf_counter() - started
    if out:
        profiler.dump_stats(out)
    stats = pstats.Stats(profiler)
    total = stats.total_tt or 1e-9
    rows = stats.stats  # key -> (cc, nc, tt, ct, callers)
    lines = [f"`playbook {' '.join(argv)}` in one process: {wall:.2f} s wall, {total:.2f} s profiled", "",
             "Own time (tottime), all code:", "| share | own s | calls | function |", "|---:|---:|---:|---|"]
    for key, (_, calls, own, _cum, _) in sorted(rows.items(), key=lambda item: -item[1][2])[:top]:
        lines.append(f"| {own / total:5.1%} | {own:.2f} | {calls} | {_where(key)} |")
    lines += ["", "Cumulative time, the linter's own functions:", "| share | cum s | calls | function |",
              "|---:|---:|---:|---|"]
    ours = [(key, value) for key, value in rows.items() if f"{os.sep}linter{os.sep}" in key[0]]
    for key, (_, calls, _own, cum, _) in sorted(ours, key=lambda item: -item[1][3])[:top]:
        lines.append(f"| {cum / total:5.1%} | {cum:.2f} | {calls} | {_where(key)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", help="also write the raw pstats file here")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the playbook command and its arguments")
    args = parser.parse_args(argv)
    if not args.command:
        parser.error("give a playbook command, e.g. lint DRAFTS --playbook PLAYBOOK")
    sys.stdout.write(profile(args.command, args.top, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
