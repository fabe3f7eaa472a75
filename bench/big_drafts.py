"""How long one huge draft takes, and how big its report is, in every format (issue #14).

Why a script and not a test: speed is measured, never asserted by a unit test. A team's drafts
folder is a public input; one draft of 1 MB (a paste gone wrong, a hostile pull request) must
not cost minutes of CI or gigabytes of report. Each shape below targets one way a rule could be
worse than linear, or a report grow with the draft: the same short sentence repeated, one huge
paragraph, many short lines, many links.

    python bench/big_drafts.py                      # every shape, every format, ~1 MB each
    python bench/big_drafts.py --size 200000 --shapes bonjour --formats json
    python bench/big_drafts.py --profile bonjour    # cProfile of the lint of one shape (json)

Each figure is one run of the real command (`python -m linter lint`) in its own process, in a
scratch repository holding the sample playbook: wall time, peak memory (the child's maximum
resident set), its CPU time, and the size of what it printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2027-03-01T08:00:00+01:00"
FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")
FRONT = ("---\nchannel: facebook\nkind: information\npublish_at: 2027-03-02T10:00:00+01:00\n"
         "author: sophie-guegan\n---\n")


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


SHAPES = {
    # the reproduction of the issue: the same sentence, PB312 on every one
    "bonjour": lambda size: _repeat("Bonjour ! ", size) + "\n",
    # one paragraph of ordinary prose, no line break
    "paragraph": lambda size: _repeat("La cidrerie ouvre ses portes samedi, venez goûter le jus de pomme. ", size)
    + "\n",
    # 50,000 short lines (at 1 MB)
    "lines": lambda size: _repeat("Une ligne courte de texte.\nEt puis une autre\n", size),
    # links, one after another
    "urls": lambda size: _repeat("https://exemple.fr/a ", size) + "\n",
    # the same hashtag, mention and capitalised word again and again
    "tags": lambda size: _repeat("#Cidre @cidrerie SUPER promo ! ", size) + "\n",
    # words of the playbook's vocabulary and banned terms, a phone number, an e-mail address
    "terms": lambda size: _repeat("Notre nectar détox, appelez le 06 12 34 56 78 ou écrivez à jean.dupont@gmail.com. ",
                                  size) + "\n",
    # only private phone numbers (the slowest to recognise)
    "phones": lambda size: _repeat("06 12 34 56 78, ", size) + "\n",
    # a front matter of 50,000 fields it does not know (after the draft's own)
    "front": lambda size: "".join(f"champ{number}: valeur\n" for number in range(size // 20)) + "---\nBonjour.\n",
    # links a rule has something to say about: shortened, insecure
    "links": lambda size: _repeat("http://bit.ly/abc https://exemple.fr/a?b=1 ", size) + "\n",
    # Markdown: headings, emphasis, lists, quotes, inline code, guillemets
    "markup": lambda size: _repeat("# Titre\n\n- **gras** et *italique* « citation » `code` [lien](https://exemple.fr)\n"
                                   "> une citation\n\n", size),
}


def sandbox(work: Path) -> Path:
    repo = work / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(ROOT / "playbook", repo / "playbook")
    (repo / "drafts").mkdir()
    return repo


def measure(repo: Path, fmt: str) -> tuple[float, float, float, int, int]:
    """(wall seconds, CPU seconds, peak MB of the child, bytes on stdout, exit code) of one lint.

    CPU time as well as wall time: on a machine shared with other work, it is the steadier figure.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT), PLAYBOOK_LANG="en")
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([sys.executable, "-m", "linter", "lint", "--now", NOW, "--format", fmt],
                                 cwd=repo, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory, not the maximum of all
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        size = out.seek(0, os.SEEK_END)
        err.seek(0)
        errors = err.read()
    if b"Traceback" in errors:
        sys.exit(errors.decode("utf-8", "replace"))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size, child.returncode


def profile(repo: Path, top: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from hotspots import profile as run_profile

    os.chdir(repo)
    print(run_profile(["lint", "--now", NOW, "--format", "json", "--lang", "en"], top=top))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of each draft's body")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--profile", metavar="SHAPE", help="profile the lint of this shape instead")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--workdir", default=str(ROOT / "bench" / "scratch" / "big"))
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    shapes = [args.profile] if args.profile else args.shapes.split(",")
    print("| shape | format | wall s | CPU s | peak MB | output KB | exit |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for shape in shapes:
        repo = sandbox(work)
        front = FRONT[:-len("---\n")] if shape == "front" else FRONT  # its own fields go inside the front matter
        (repo / "drafts" / f"{shape}.md").write_text(front + SHAPES[shape](args.size), encoding="utf-8")
        if args.profile:
            profile(repo, args.top)
            return
        for fmt in args.formats.split(","):
            wall, cpu, peak, size, code = measure(repo, fmt)
            print(f"| {shape} | {fmt} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {size / 1024:.0f} | {code} |",
                  flush=True)


if __name__ == "__main__":
    main()
