"""The benchmark suite: time `playbook` against its peers and the floor, write results.md/json.

Every figure is the median of repeated runs of a real command in a fresh subprocess, so
start-up, imports and process pools are paid the way a user pays them in CI or pre-commit.
For each run we record the wall time, the CPU time (user + system, children included: more
CPU than wall means several cores worked), the peak resident memory of the largest process
(``ru_maxrss`` from ``wait4``) and the peak memory of the whole process tree (proportional
set size of the process and its descendants, sampled every 50 ms from /proc), so a process
pool cannot hide its workers' memory.

Peers run in the same run on the same drafts: proselint (PyPI) and textlint with
textlint-rule-ng-word given the playbook's whole term list. They are installed into
bench/scratch/ (git-ignored) the first time. The floor (bench/floor.py) reads every file
and runs one compiled pattern over it: the least any linter can do.

Sections can be skipped or shrunk (``--quick`` is the toy size `make test` runs); a section
whose command does not exist yet, or fails, is reported as unavailable with the reason
instead of stopping the suite. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package: it is run as a script)

PYTHON = sys.executable
BIN = Path(sys.executable).parent
PLAYBOOK = str(BIN / "playbook")
MKDOCS = str(BIN / "mkdocs")
TODAY = generate.DEFAULT_TODAY.isoformat()
NOW = f"{TODAY}T09:00:00+01:00"
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
SCRATCH = HERE / "scratch"
PEER_PY = SCRATCH / "py"
PEER_NODE = SCRATCH / "node"
TEXTLINT = PEER_NODE / "node_modules" / ".bin" / "textlint"
# Children run as on a developer's machine: Python may cache bytecode (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which would make every run recompile the linter), and the site
# build gets a fixed date like the linter does.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"} | {
    "PLAYBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}


# --------------------------------------------------------------------------- measuring
@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its waited-for children
    rss_mb: float  # peak RSS of the largest single process (ru_maxrss)
    tree_mb: float  # peak PSS of the whole process tree, sampled
    rc: int


@dataclass
class Figure:
    """One command measured ``repeat`` times; medians are what the report shows."""

    name: str
    cmd: list[str]
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None
    output: str | None = None  # stdout of the last run (kept only when asked)

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples)

    @property
    def wall(self) -> float | None:
        return statistics.median(s.wall for s in self.samples) if self.ok else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(s.cpu for s in self.samples) if self.ok else None

    @property
    def peak_mb(self) -> float | None:
        """Peak memory: the larger of the largest process and the sampled process tree."""
        return max(max(s.rss_mb, s.tree_mb) for s in self.samples) if self.ok else None

    def to_json(self) -> dict:
        return {
            "name": self.name, "cmd": [str(part) for part in self.cmd], "error": self.error,
            "median_wall_s": self.wall, "median_cpu_s": self.cpu, "peak_mb": self.peak_mb,
            "samples": [asdict(sample) for sample in self.samples],
        }


def _tree_pss_kb(pid: int) -> int:
    """Proportional set size of ``pid`` and all its descendants (shared pages split fairly)."""
    total = 0
    stack, seen = [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            try:
                with open(f"/proc/{current}/statm") as handle:
                    total += int(handle.read().split()[1]) * PAGE_KB
            except OSError:
                continue
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return total


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(cmd: list[str], *, cwd: Path = ROOT, env: dict | None = CHILD_ENV, keep_output: bool = False,
             ) -> tuple[Sample, str, str]:
    """Run ``cmd`` once in a fresh process; return its sample, stdout (if kept) and stderr tail.

    The command is started through /usr/bin/time when present: a process forked from this
    (larger) Python process would otherwise inherit its peak RSS in ``ru_maxrss``.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".rss") as rss_file:
        argv = [str(part) for part in cmd]
        if TIME:
            argv = [TIME, "-f", "%M", "-o", rss_file.name, *argv]
        peak = [0]
        done = threading.Event()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)

        def sample_tree() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], _tree_pss_kb(proc.pid))

        sampler = threading.Thread(target=sample_tree, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace") if keep_output else ""
        stderr = err.read()[-2000:].decode("utf-8", "replace")
        maxrss_kb = usage.ru_maxrss
        if TIME:
            with contextlib.suppress(ValueError, IndexError, OSError):
                maxrss_kb = int(Path(rss_file.name).read_text().split()[-1])
    sample = Sample(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss_mb=maxrss_kb / 1024,
                    tree_mb=peak[0] / 1024, rc=proc.returncode)
    return sample, stdout, stderr


def measure(name: str, cmd: list[str], *, repeat: int, ok_codes=(0, 1), warmup: bool = True,
            cwd: Path = ROOT, env: dict | None = CHILD_ENV, keep_output: bool = False, log=print) -> Figure:
    """Run ``cmd`` (after one untimed warm-up run) ``repeat`` times; stop at the first failure."""
    spec = {"name": name, "cmd": cmd, "ok_codes": ok_codes, "cwd": cwd, "env": env, "keep_output": keep_output}
    return measure_together([spec], repeat=repeat, warmup=warmup, log=log)[0]


def measure_together(specs: list[dict], *, repeat: int, warmup: bool = True, log=print) -> list[Figure]:
    """Measure several commands whose runs alternate (A B C, A B C…); a failing one stops there.

    Why: a shared machine drifts by 20 % within minutes; measured one after the other, two
    commands meet different moments of that drift and their ratio says more about the machine
    than about them. Alternating gives each the same moments. Each ``spec`` holds ``name``,
    ``cmd`` and ``measure``'s keyword arguments; with ``warmup``, round 0 is run untimed, except
    for a spec whose ``warmup`` is False (a slow peer: it only runs in the timed rounds).
    """
    figures = [Figure(spec["name"], spec["cmd"]) for spec in specs]
    for index in range(repeat + (1 if warmup else 0)):
        for spec, figure in zip(specs, figures):
            if figure.error or (warmup and index == 0 and not spec.get("warmup", True)):
                continue
            try:
                sample, stdout, stderr = run_once(spec["cmd"], cwd=spec.get("cwd", ROOT),
                                                  env=spec.get("env", CHILD_ENV),
                                                  keep_output=spec.get("keep_output", False))
            except OSError as error:
                figure.error = f"cannot run {spec['cmd'][0]}: {error}"
                continue
            if sample.rc not in spec.get("ok_codes", (0, 1)):
                tail = " ".join(stderr.strip().splitlines()[-3:])
                figure.error = f"exit {sample.rc}: {tail}"[:400]
                continue
            if index or not warmup:
                figure.samples.append(sample)
                figure.output = stdout if spec.get("keep_output") else None
    for figure in figures:
        if figure.ok:
            log(f"  {figure.name:<42} {figure.wall:8.3f} s  cpu {figure.cpu:7.2f} s  {figure.peak_mb:7.1f} MB")
        else:
            log(f"  {figure.name:<42} unavailable: {figure.error}")
    return figures


# --------------------------------------------------------------------------- workloads
_GEN_HASH = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:10]


def workload(workdir: Path, *, drafts: int, terms: int, seed: int, people: int = 12, channels: int = 8,
             topics: int = 30, profile: str = "default") -> Path:
    """A generated workload folder, reused while generate.py and the parameters are unchanged."""
    shape = "" if profile == "default" else f"-{profile}"
    key = f"d{drafts}-t{terms}-p{people}-c{channels}-k{topics}-s{seed}{shape}-{_GEN_HASH}"
    folder = workdir / key
    if not (folder / "manifest.json").exists():
        if folder.exists():
            shutil.rmtree(folder)
        generate.generate(folder, drafts=drafts, seed=seed, people=people, channels=channels, terms=terms,
                          topics=topics, profile=profile)
    return folder


def prune_workloads(workdir: Path) -> None:
    """Remove workloads made by an older generate.py: they would never be used again."""
    for folder in workdir.glob("d*-t*-p*-c*-k*-s*-*"):
        if folder.is_dir() and not folder.name.endswith(_GEN_HASH):
            shutil.rmtree(folder, ignore_errors=True)


def manifest(folder: Path) -> dict:
    """The workload's manifest without its per-draft list (results stay small)."""
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data.pop("violations", None)
    return data


def write_textlintrc(folder: Path) -> Path:
    """The same banned-term list for textlint + ng-word as the playbook holds."""
    terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))["all"]
    path = folder / "textlintrc.json"
    path.write_text(json.dumps({"rules": {"ng-word": {"words": terms}}}, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- peers
def install_peers(log=print) -> dict[str, str | None]:
    """Install proselint and textlint + ng-word into bench/scratch once; return their versions."""
    SCRATCH.mkdir(parents=True, exist_ok=True)
    versions: dict[str, str | None] = {"proselint": None, "textlint": None, "textlint-rule-ng-word": None}
    if not (PEER_PY / "proselint").exists():
        log("installing proselint into bench/scratch/py ...")
        subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target",
                        str(PEER_PY), "proselint"], check=False)
    if not TEXTLINT.exists():
        log("installing textlint + textlint-rule-ng-word into bench/scratch/node ...")
        npm = shutil.which("npm")
        if npm:
            subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(PEER_NODE),
                            "textlint", "textlint-rule-ng-word"], check=False)
    for info in PEER_PY.glob("proselint-*.dist-info"):
        versions["proselint"] = info.name[len("proselint-"):-len(".dist-info")]
    for package in ("textlint", "textlint-rule-ng-word"):
        package_json = PEER_NODE / "node_modules" / package / "package.json"
        if package_json.exists():
            versions[package] = json.loads(package_json.read_text())["version"]
    return versions


# Commands on a workload run inside its folder with relative paths, the way a user runs them
# from the root of a repository (the linter also reads ./drafts for the queue rules: running
# elsewhere would mix the repository's own drafts into the workload).
def proselint_cmd() -> list[str]:
    return [PYTHON, "-m", "proselint", "check", "--output-format", "json", "drafts"]


def proselint_env() -> dict:
    return CHILD_ENV | {"PYTHONPATH": str(PEER_PY)}


def textlint_cmd(rc: Path) -> list[str]:
    return [str(TEXTLINT), "--no-color", "--format", "json", "--config", rc.name, "drafts"]


# --------------------------------------------------------------------------- commands
def lint_cmd(*, pin: str | None = None) -> list[str]:
    cmd = [PLAYBOOK, "lint", "drafts", "--playbook", "playbook", "--format", "json", "--now", NOW]
    return (["taskset", "-c", pin] + cmd) if pin else cmd


def floor_cmd(which: str = "banned", first: int | None = None) -> list[str]:
    cmd = [PYTHON, str(HERE / "floor.py"), "drafts", "--terms", "terms.json", "--which", which]
    return cmd + ["--first", str(first)] if first else cmd


def count_findings(output: str | None) -> dict | None:
    """Findings per code in a `playbook lint --format json` report (None if unreadable)."""
    if not output:
        return None
    try:
        data = json.loads(output)
    except ValueError:
        return None
    counts: dict[str, int] = {}
    for finding in data.get("findings", []):
        counts[finding.get("code", "?")] = counts.get(finding.get("code", "?"), 0) + 1
    return dict(sorted(counts.items()))


def count_peer(tool: str, output: str | None) -> int | None:
    if not output:
        return None
    try:
        data = json.loads(output)
    except ValueError:
        return None
    if tool == "textlint":
        return sum(len(entry.get("messages", [])) for entry in data)
    if tool == "proselint":
        return sum(len(entry.get("diagnostics", [])) for entry in data.get("result", {}).values())
    return None


def linter_revision() -> str | None:
    """The commit of the `linter` package the children import (and whether linter/ has uncommitted changes).

    Asked of a child with the children's environment, so a PYTHONPATH that points the
    benchmark at another checkout is what gets recorded.
    """
    try:
        # -P: not the current folder first, as for the `playbook` script (whose folder is bin/)
        where = subprocess.run([PYTHON, "-P", "-c", "import linter, os; print(os.path.dirname(linter.__file__))"],
                               env=CHILD_ENV, capture_output=True, text=True, timeout=60).stdout.strip()
        if not where:
            return None
        commit = subprocess.run(["git", "-C", where, "log", "-1", "--format=%h %cs"], capture_output=True,
                                text=True, timeout=60).stdout.strip()
        dirty = subprocess.run(["git", "-C", where, "status", "--porcelain", "--", "."], capture_output=True,
                               text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    if not commit:
        return where
    return f"{commit}{' + uncommitted changes' if dirty else ''} ({where})"


def lint_available() -> str | None:
    """None when `playbook lint` exists, else why not."""
    try:
        done = subprocess.run([PLAYBOOK, "lint", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if done.returncode != 0:
        return "`playbook lint --help` failed: " + " ".join(done.stderr.strip().splitlines()[-2:])
    return None


def site_config(playbook: Path, dest: Path) -> Path | None:
    """A mkdocs.yml that inherits the repository's and points its playbook plugin at ``playbook``.

    The repository's mkdocs.yml declares plugins as a mapping so that INHERIT can override one
    option; docs_dir is made absolute because an inheriting file's paths are relative to itself.
    """
    source = ROOT / "mkdocs.yml"
    if not source.exists():
        return None
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "mkdocs.yml"
    path.write_text(
        f"INHERIT: {json.dumps(str(source))}\n"
        f"docs_dir: {json.dumps(str(ROOT / 'docs'))}\n"
        f"plugins:\n  playbook:\n    playbook_dir: {json.dumps(str(playbook))}\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- machine
def machine_info(peer_versions: dict) -> dict:
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass

    def version(cmd: list[str]) -> str | None:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if done.returncode != 0:
            return None
        return (done.stdout or done.stderr).strip().splitlines()[0].split(" from ")[0]

    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_at_start": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "cpu": model, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
        "memory_gib": memory, "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "playbook": version([PLAYBOOK, "--version"]),
        "mkdocs": version([MKDOCS, "--version"]),
        "node": version(["node", "--version"]),
        **peer_versions,
    }


def parallel_throughput(workers: int, loops: int, repeat: int) -> dict | None:
    """How much pure-Python work ``workers`` processes do at once, as a multiple of one process.

    Two full cores give 2.00x; two virtual CPUs that share one physical core (hyperthreads of
    the host) give much less, and then no linter can go twice as fast on them. The lint
    figures ("all cores" against "1 core") are read against this ceiling.
    """
    if workers < 2:
        return None
    code = f"s = 0\nfor i in range({loops}): s += i & 7\n"

    def run(count: int) -> float:
        start = time.perf_counter()
        processes = [subprocess.Popen([PYTHON, "-c", code], env=CHILD_ENV) for _ in range(count)]
        for process in processes:
            process.wait()
        return time.perf_counter() - start

    run(1)  # warm-up
    one = statistics.median(run(1) for _ in range(repeat))
    many = statistics.median(run(workers) for _ in range(repeat))
    return {"processes": workers, "one_s": round(one, 3), "all_s": round(many, 3),
            "ratio": round(workers * one / many, 2)}


def throughput_text(figure: dict | None) -> str | None:
    if not figure:
        return None
    return (f"{figure['ratio']:.2f}x one process ({figure['processes']} Python processes at once; "
            f"{figure['processes']:.2f}x would be {figure['processes']} full cores)")


# --------------------------------------------------------------------------- the suite
@dataclass
class Options:
    quick: bool = False
    sizes: tuple[int, ...] = (1000, 10000)
    growth_drafts: tuple[int, ...] = (1000, 10000, 50000)
    growth_terms: tuple[int, ...] = (10, 100, 1000)
    terms_drafts: int = 10000
    terms: int = 300
    small: int = 20
    repeat: int = 3
    startup_repeat: int = 5
    peers: bool = True
    site: bool = True
    growth: bool = True
    seed: int = 1
    large: dict = field(default_factory=lambda: {"people": 200, "channels": 40, "terms": 2000, "topics": 200})
    out: Path = HERE
    workdir: Path = SCRATCH / "work"
    sections: tuple[str, ...] = ("startup", "validate", "lint", "growth", "small", "site", "profiles", "profile")
    profile_drafts: int = 1000
    profiles: tuple[str, ...] = tuple(generate.PROFILES)  # corpus shapes of the profiles section
    profile_size: int = 4000  # drafts of each profile's workload
    profile_hotspots: int = 3  # hotspots.py on this many profiles, the worst lint / floor first
    merge: bool = False
    render_only: bool = False


def suite(opts: Options, log=print) -> dict:
    opts.workdir.mkdir(parents=True, exist_ok=True)
    prune_workloads(opts.workdir)
    results: dict = {"options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(opts).items()},
                     "figures": {}, "notes": []}
    figures = results["figures"]
    repeat = opts.repeat
    peer_versions = install_peers(log) if opts.peers and {"lint", "profiles"} & set(opts.sections) else {}
    results["machine"] = machine_info(peer_versions)
    results["machine"]["parallel_throughput"] = parallel_throughput(
        results["machine"]["usable_cores"], 200_000 if opts.quick else 20_000_000, repeat)
    log(json.dumps(results["machine"], ensure_ascii=False))

    # start-up ---------------------------------------------------------------------
    if "startup" in opts.sections:
        log("start-up")
        figures["startup"] = {
            "python": measure("python -c pass", [PYTHON, "-c", "pass"], repeat=opts.startup_repeat, ok_codes=(0,),
                              log=log).to_json(),
            "playbook": measure("playbook --version", [PLAYBOOK, "--version"], repeat=opts.startup_repeat,
                                ok_codes=(0,), log=log).to_json(),
        }

    # validate -----------------------------------------------------------------------
    if "validate" in opts.sections:
        log("validate")
        large = workload(opts.workdir, drafts=1, terms=opts.large["terms"], seed=opts.seed,
                         people=opts.large["people"], channels=opts.large["channels"], topics=opts.large["topics"])
        figures["validate"] = {
            "sample": measure("validate playbook/ (sample)", [PLAYBOOK, "validate", "playbook", "--today", TODAY],
                              repeat=repeat, log=log).to_json(),
            "large": measure("validate large playbook", [PLAYBOOK, "validate", str(large / "playbook"),
                                                         "--today", TODAY], repeat=repeat, ok_codes=(0,),
                             log=log).to_json(),
            "large_shape": manifest(large)["playbook"],
        }

    why_no_lint = lint_available()
    if why_no_lint and any(s in opts.sections for s in ("lint", "growth", "small", "profiles")):
        results["notes"].append(f"`playbook lint` is not available: {why_no_lint}")
        log(f"playbook lint unavailable: {why_no_lint}")

    def lint_figures(folder: Path, label: str, *, peers: bool, pinned: bool = False) -> dict:
        entry: dict = {"workload": manifest(folder)}
        specs = [{"name": f"floor: read only ({label})", "cmd": floor_cmd("none"), "ok_codes": (0,), "cwd": folder},
                 {"name": f"floor: read + 1 pattern ({label})", "cmd": floor_cmd(), "ok_codes": (0,), "cwd": folder},
                 {"name": f"playbook lint ({label})", "cmd": lint_cmd(), "keep_output": True, "cwd": folder}]
        if pinned:
            specs.append({"name": f"playbook lint, 1 core ({label})", "cmd": lint_cmd(pin="0"), "cwd": folder})
        read_only, floor, figure, *one_core = measure_together(specs, repeat=repeat, log=log)
        entry["floor_read"], entry["floor"] = read_only.to_json(), floor.to_json()
        entry["playbook"] = figure.to_json() | {"findings": count_findings(figure.output)}
        if one_core:
            entry["playbook_1core"] = one_core[0].to_json()
        if peers:
            rc = write_textlintrc(folder)
            figure = measure(f"textlint + ng-word ({label})", textlint_cmd(rc), repeat=repeat,
                             warmup=False, keep_output=True, cwd=folder, log=log)
            entry["textlint"] = figure.to_json() | {"findings": count_peer("textlint", figure.output)}
            figure = measure(f"proselint ({label})", proselint_cmd(), repeat=repeat,
                             warmup=False, keep_output=True, env=proselint_env(), cwd=folder, log=log)
            entry["proselint"] = figure.to_json() | {"findings": count_peer("proselint", figure.output)}
        return entry

    # lint at each size, peers side by side ---------------------------------------------
    if "lint" in opts.sections:
        log("lint")
        figures["lint"] = {}
        for size in opts.sizes:
            folder = workload(opts.workdir, drafts=size, terms=opts.terms, seed=opts.seed)
            figures["lint"][str(size)] = lint_figures(folder, f"{size} drafts", peers=opts.peers, pinned=True)

    # cost growth ------------------------------------------------------------------------
    if "growth" in opts.sections and opts.growth:
        log("growth in drafts")
        figures["growth_drafts"] = {}
        for size in opts.growth_drafts:
            known = figures.get("lint", {}).get(str(size))
            if known:
                figures["growth_drafts"][str(size)] = {"playbook": known["playbook"], "floor": known["floor"],
                                                       "workload": known["workload"]}
                continue
            folder = workload(opts.workdir, drafts=size, terms=opts.terms, seed=opts.seed)
            floor, figure = measure_together(
                [{"name": f"floor ({size} drafts)", "cmd": floor_cmd(), "ok_codes": (0,), "cwd": folder},
                 {"name": f"playbook lint ({size} drafts)", "cmd": lint_cmd(), "cwd": folder}], repeat=repeat, log=log)
            figures["growth_drafts"][str(size)] = {"workload": manifest(folder), "floor": floor.to_json(),
                                                   "playbook": figure.to_json()}
        log(f"growth in terms ({opts.terms_drafts} drafts)")
        folders = {terms: workload(opts.workdir, drafts=opts.terms_drafts, terms=terms, seed=opts.seed)
                   for terms in opts.growth_terms}
        specs = []
        for terms, folder in folders.items():
            specs += [{"name": f"one alternation of all {terms} terms", "cmd": floor_cmd("all"), "ok_codes": (0,),
                       "cwd": folder},
                      {"name": f"playbook lint ({terms} terms)", "cmd": lint_cmd(), "cwd": folder}]
        measured = iter(measure_together(specs, repeat=repeat, log=log))
        figures["growth_terms"] = {
            str(terms): {"workload": manifest(folder), "alternation": next(measured).to_json(),
                         "playbook": next(measured).to_json()}
            for terms, folder in folders.items()}

    # small inputs: two cores must never lose to one --------------------------------------
    if "small" in opts.sections:
        log("small input")
        folder = workload(opts.workdir, drafts=opts.small, terms=opts.terms, seed=opts.seed)
        every, one = measure_together(
            [{"name": f"playbook lint ({opts.small} drafts)", "cmd": lint_cmd(), "cwd": folder},
             {"name": f"playbook lint, 1 core ({opts.small} drafts)", "cmd": lint_cmd(pin="0"), "cwd": folder}],
            repeat=max(repeat, 5), log=log)
        figures["small"] = {"workload": manifest(folder), "playbook": every.to_json(), "playbook_1core": one.to_json()}

    # site build ------------------------------------------------------------------------
    if "site" in opts.sections and opts.site:
        log("site build")
        figures["site"] = {}
        with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
            tmp_path = Path(tmp)
            if not (ROOT / "mkdocs.yml").exists():
                results["notes"].append("site build: mkdocs.yml does not exist yet")
            else:
                figures["site"]["sample"] = measure(
                    "mkdocs build (sample)", [MKDOCS, "build", "--quiet", "--site-dir", str(tmp_path / "s1")],
                    repeat=repeat, ok_codes=(0,), log=log).to_json()
                large = workload(opts.workdir, drafts=1, terms=opts.large["terms"], seed=opts.seed,
                                 people=opts.large["people"], channels=opts.large["channels"],
                                 topics=opts.large["topics"])
                try:
                    config = site_config(large / "playbook", tmp_path / "large")
                except Exception as error:  # noqa: BLE001 - a broken copy is reported, not fatal
                    config = None
                    results["notes"].append(f"site build (large): cannot adapt mkdocs.yml: {error}")
                if config:
                    figures["site"]["large"] = measure(
                        "mkdocs build (large playbook)",
                        [MKDOCS, "build", "--quiet", "-f", str(config), "--site-dir", str(tmp_path / "s2")],
                        repeat=repeat, ok_codes=(0,), cwd=ROOT, log=log).to_json()
                    figures["site"]["large_shape"] = manifest(large)["playbook"]

    # corpus profiles: shapes the linter was not tuned on --------------------------------
    if "profiles" in opts.sections:
        log(f"profiles ({opts.profile_size} drafts each)")
        # The floor's pattern is the same size on every profile (the banned terms of a playbook of
        # --terms terms): one alternation of the vocabulary profile's 400 banned terms costs several
        # times more per byte, and would flatter the linter, whose term index does not slow down.
        floor_terms = generate.banned_count(opts.terms)
        figures["profiles"] = section = {
            "drafts": opts.profile_size, "repeat": repeat, "warmup": not opts.quick, "seed": opts.seed,
            "peers": opts.peers, "floor_terms": floor_terms, "linter": linter_revision(), "by_profile": {}}
        folders = {}
        for name in opts.profiles:
            profile = generate.PROFILES[name]
            folders[name] = folder = workload(opts.workdir, drafts=opts.profile_size, terms=profile.terms or opts.terms,
                                              seed=opts.seed, profile=name)
            label = f"{name}, {opts.profile_size} drafts"
            specs = [{"name": f"floor ({label})", "cmd": floor_cmd(first=floor_terms), "ok_codes": (0,),
                      "cwd": folder},
                     {"name": f"playbook lint ({label})", "cmd": lint_cmd(), "keep_output": True, "cwd": folder}]
            if opts.peers:  # in the alternation, but no warm-up run: it is the slow one
                specs.append({"name": f"proselint ({label})", "cmd": proselint_cmd(), "env": proselint_env(),
                              "keep_output": True, "cwd": folder, "warmup": False})
            started, load = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), os.getloadavg()[0]
            floor, figure, *peer = measure_together(specs, repeat=repeat, warmup=not opts.quick, log=log)
            entry = {"about": profile.about, "date": started, "load_at_start": round(load, 2),
                     "load_at_end": round(os.getloadavg()[0], 2), "workload": manifest(folder),
                     "floor": floor.to_json(),
                     "playbook": figure.to_json() | {"findings": count_findings(figure.output)}}
            if peer:
                entry["proselint"] = peer[0].to_json() | {"findings": count_peer("proselint", peer[0].output)}
            section["by_profile"][name] = entry
        if not opts.quick and opts.profile_hotspots:
            # ranked on CPU time, which the machine's other work disturbs less than wall time
            ranked = sorted(folders, key=lambda name: -(_profile_ratio(section["by_profile"][name], "median_cpu_s")
                                                         or 0))
            section["hotspots"] = {}
            for name in ranked[:opts.profile_hotspots]:
                log(f"  hotspots of lint on the {name} profile")
                section["hotspots"][name] = hotspots(
                    ["lint", "drafts", "--playbook", "playbook", "--format", "json", "--now", NOW], folders[name])

    # where the time goes ----------------------------------------------------------------
    if "profile" in opts.sections and not opts.quick:
        log("profile")
        folder = workload(opts.workdir, drafts=opts.profile_drafts, terms=opts.terms, seed=opts.seed)
        results["profile"] = {}
        for name, argv, cwd in (
                ("lint", ["lint", "drafts", "--playbook", "playbook", "--format", "json", "--now", NOW], folder),
                ("validate", ["validate", "playbook", "--today", TODAY], ROOT)):
            results["profile"][name] = hotspots(argv, cwd)

    results["machine"]["load_average_at_end"] = " ".join(f"{load:.2f}" for load in os.getloadavg())
    results["targets"] = targets(results, opts)
    return results


def hotspots(argv: list[str], cwd: Path) -> str:
    """bench/hotspots.py's report on one `playbook` command run in ``cwd`` (or why it failed)."""
    done = subprocess.run([PYTHON, str(HERE / "hotspots.py"), "--top", "12", *argv], cwd=cwd,
                          env=CHILD_ENV, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else f"failed: {done.stderr[-500:]}"


def _profile_ratio(entry: dict, key: str = "median_wall_s") -> float | None:
    """lint / floor of one profile's entry, on wall (or CPU) time."""
    lint, floor = _get(entry, "playbook", key), _get(entry, "floor", key)
    return lint / floor if lint is not None and floor else None


# --------------------------------------------------------------------------- targets
def _get(figures: dict, *path):
    node = figures
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _wall(figures: dict, *path) -> float | None:
    figure = _get(figures, *path)
    return figure.get("median_wall_s") if isinstance(figure, dict) else None


def _cpu(figures: dict, *path) -> float | None:
    figure = _get(figures, *path)
    return figure.get("median_cpu_s") if isinstance(figure, dict) else None


def targets(results: dict, opts: Options) -> list[dict]:
    """The issue's targets, each as a ratio measured in this run (None = not measured).

    Each ratio is given on wall time (what the target is about) and on CPU time, which a
    busy machine disturbs less (but which does not show what a second core saves).
    """
    f = results["figures"]
    big = str(max(opts.sizes)) if opts.sizes else None
    n = f"{int(big):,}" if big else "?"
    rows = []

    def ratio(a, b, scale=1.0):
        return a / b * scale if a is not None and b else None

    def add(name, value, limit, kind, unit="x", cpu=None):
        ok = None if value is None else (value <= limit if kind == "max" else value >= limit)
        rows.append({"target": name, "value": value, "cpu_value": cpu, "limit": limit, "kind": kind, "unit": unit,
                     "met": ok})

    def both(name, a: tuple, b: tuple, limit, kind, scale=1.0):
        add(name, ratio(_wall(f, *a), _wall(f, *b), scale), limit, kind,
            cpu=ratio(_cpu(f, *a), _cpu(f, *b), scale))

    both(f"lint of {n} drafts / floor", ("lint", big, "playbook"), ("lint", big, "floor"), 5, "max")
    both(f"proselint / lint ({n} drafts)", ("lint", big, "proselint"), ("lint", big, "playbook"), 10, "min")
    both(f"textlint + ng-word / lint ({n} drafts)", ("lint", big, "textlint"), ("lint", big, "playbook"), 3, "min")
    add(f"peak memory, lint of {n} drafts", _get(f, "lint", big, "playbook", "peak_mb"), 300, "max", "MB")
    both("`playbook --version` / `python -c pass`", ("startup", "playbook"), ("startup", "python"), 10, "max")
    both("`playbook validate` (sample) / `python -c pass`", ("validate", "sample"), ("startup", "python"), 15, "max")
    both(f"lint, all cores / 1 core ({opts.small} drafts: never slower)", ("small", "playbook"),
         ("small", "playbook_1core"), 1.1, "max")
    both(f"lint, all cores / 1 core ({n} drafts)", ("lint", big, "playbook"), ("lint", big, "playbook_1core"),
         1.0, "max")
    sizes = sorted(int(size) for size in f.get("growth_drafts") or {})
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        both(f"time per draft at {b:,} / at {a:,} drafts (near-linear)", ("growth_drafts", str(b), "playbook"),
             ("growth_drafts", str(a), "playbook"), 1.5, "max", scale=a / b)
    counts = sorted(int(count) for count in f.get("growth_terms") or {})
    if len(counts) >= 2:
        lo, hi = str(counts[0]), str(counts[-1])
        both(f"lint with {int(hi):,} terms / with {lo} terms (near-flat)", ("growth_terms", hi, "playbook"),
             ("growth_terms", lo, "playbook"), 1.5, "max")
    section = f.get("profiles") or {}
    drafts = f"{section.get('drafts', 0):,}"
    for name in section.get("by_profile", {}):
        both(f"lint / floor, profile {name} ({drafts} drafts)", ("profiles", "by_profile", name, "playbook"),
             ("profiles", "by_profile", name, "floor"), 5, "max")
    for name in section.get("by_profile", {}):
        both(f"proselint / lint, profile {name} ({drafts} drafts)", ("profiles", "by_profile", name, "proselint"),
             ("profiles", "by_profile", name, "playbook"), 10, "min")
    return rows


# --------------------------------------------------------------------------- report
def _s(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _x(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def _row(label: str, figure: dict | None, workload: dict | None = None, reference: float | None = None,
         findings: str = "") -> str:
    if not figure or figure.get("median_wall_s") is None:
        reason = (figure or {}).get("error") or "not measured"
        return f"| {label} | n/a | | | | | | {reason} |"
    wall = figure["median_wall_s"]
    files = workload["drafts"] / wall if workload else None
    mbps = workload["bytes"] / 1e6 / wall if workload else None
    rel = f"{wall / reference:.2f}x" if reference else ""
    return (f"| {label} | {_s(wall)} | {rel} | {f'{files:,.0f}' if files else ''} | "
            f"{f'{mbps:.1f}' if mbps else ''} | {figure['median_cpu_s']:.2f} s | {_mb(figure['peak_mb'])} | "
            f"{findings} |")


LINT_HEAD = ("| command | median wall | vs playbook lint | files/s | MB/s | CPU (user+sys) | peak memory | "
             "findings / notes |\n|---|---:|---:|---:|---:|---:|---:|---|")


def _findings(entry: dict | None) -> str:
    if not entry:
        return ""
    found = entry.get("findings")
    if isinstance(found, dict):
        return f"{sum(found.values())} findings"
    if isinstance(found, int):
        return f"{found} findings"
    return ""


def report(results: dict) -> str:
    f = results["figures"]
    m = results["machine"]
    opts = results["options"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); see `bench/README.md` for how to run it and what each",
        f"figure means. Medians of {opts['repeat']} runs ({opts['startup_repeat']} for start-up), each in a fresh "
        "process after one untimed warm-up run (peers: no warm-up; they run after the floor has read the same files).",
        "Ratios compare commands measured in this same run on the same files." +
        (" **Toy size (`--quick`): the figures prove the suite works, not how fast anything is.**"
         if opts["quick"] else ""),
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    for key in ("date", "cpu", "cores", "usable_cores", "parallel_throughput", "memory_gib", "os",
                "load_average_at_start", "load_average_at_end", "python", "playbook", "mkdocs", "node", "proselint",
                "textlint", "textlint-rule-ng-word"):
        if key in m:
            value = throughput_text(m[key]) if key == "parallel_throughput" else m[key]
            lines.append(f"| {key.replace('_', ' ')} | {value if value is not None else 'n/a'} |")

    lines += ["", "## Targets", "",
              "Measured on wall time; the same ratio on CPU time (user + system, children included) is shown "
              "for reference: a busy machine disturbs it less, but it does not show what a second core saves.", "",
              "| target | measured (wall) | limit | status | same ratio on CPU time |", "|---|---:|---:|---|---:|"]
    for row in results["targets"]:
        value = row["value"]
        shown = "n/a" if value is None else (f"{value:.0f} MB" if row["unit"] == "MB" else f"{value:.2f}x")
        limit = f"{'≤' if row['kind'] == 'max' else '≥'} {row['limit']}{' MB' if row['unit'] == 'MB' else 'x'}"
        status = "not measured" if row["met"] is None else ("met" if row["met"] else "**MISSED**")
        cpu = row.get("cpu_value")
        lines.append(f"| {row['target']} | {shown} | {limit} | {status} | {'' if cpu is None else f'{cpu:.2f}x'} |")

    if "startup" in f:
        python = f["startup"]["python"]["median_wall_s"]
        lines += ["", "## Start-up", "", "| command | median wall | vs `python -c pass` | peak memory |",
                  "|---|---:|---:|---:|"]
        for key, label in (("python", "`python -c pass` (same venv)"), ("playbook", "`playbook --version`")):
            fig = f["startup"][key]
            lines.append(f"| {label} | {_s(fig['median_wall_s'])} | "
                         f"{_x(fig['median_wall_s'] / python if python and fig['median_wall_s'] else None)} | "
                         f"{_mb(fig['peak_mb'])} |"
                         if fig["median_wall_s"] else f"| {label} | n/a | | {fig['error']} |")

    if "validate" in f:
        python = _wall(f, "startup", "python")
        shape = f["validate"]["large_shape"]
        lines += ["", "## Validate", "",
                  f"Large playbook: {shape['people']} people, {shape['channels']} channels, {shape['terms']} terms, "
                  f"{shape['topics']} forbidden topics (generated).", "",
                  "| command | median wall | vs `python -c pass` | CPU | peak memory | notes |",
                  "|---|---:|---:|---:|---:|---|"]
        for key, label in (("sample", "`playbook validate playbook/` (sample)"),
                           ("large", "`playbook validate` (large playbook)")):
            fig = f["validate"][key]
            if fig["median_wall_s"] is None:
                lines.append(f"| {label} | n/a | | | | {fig['error']} |")
            else:
                lines.append(f"| {label} | {_s(fig['median_wall_s'])} | "
                             f"{_x(fig['median_wall_s'] / python) if python else 'n/a'} | "
                             f"{fig['median_cpu_s']:.2f} s | {_mb(fig['peak_mb'])} | |")

    if "lint" in f:
        lines += ["", "## Lint, side by side with the peers and the floor", "",
                  "Same generated drafts for every tool. textlint runs textlint-rule-ng-word with the playbook's "
                  "whole term list; proselint runs its own default checks (it cannot read our term list). The "
                  "floor is `bench/floor.py`: read every file and run one compiled pattern (the banned terms) over it."]
        for size, entry in f["lint"].items():
            w = entry["workload"]
            ref = _wall(entry, "playbook")
            lines += ["", f"### {int(size):,} drafts ({w['bytes'] / 1e6:.1f} MB, {w['violating_drafts']} drafts with "
                          f"one injected violation, {w['playbook']['terms']} terms)", "", LINT_HEAD]
            lines.append(_row("`playbook lint` (all cores)", entry.get("playbook"), w, ref,
                              _findings(entry.get("playbook"))))
            lines.append(_row("`playbook lint`, pinned to 1 core", entry.get("playbook_1core"), w, ref))
            if "textlint" in entry:
                lines.append(_row("textlint + ng-word", entry["textlint"], w, ref, _findings(entry["textlint"])))
            if "proselint" in entry:
                lines.append(_row("proselint", entry["proselint"], w, ref, _findings(entry["proselint"])))
            lines.append(_row("floor: read + one pattern", entry.get("floor"), w, ref))
            lines.append(_row("floor: read only", entry.get("floor_read"), w, ref))
            found = _get(entry, "playbook", "findings")
            if isinstance(found, dict) and found:
                lines += ["", "Findings of `playbook lint` by code: " +
                          ", ".join(f"{code} {count}" for code, count in found.items()) + ". Injected: " +
                          ", ".join(f"{kind} {count}" for kind, count in w["injected"].items()) + "."]

    if f.get("growth_drafts"):
        lines += ["", "## Cost growth with the number of drafts", "",
                  "| drafts | MB | `playbook lint` | ms per draft | peak memory | floor | lint / floor |",
                  "|---:|---:|---:|---:|---:|---:|---:|"]
        for size, entry in sorted(f["growth_drafts"].items(), key=lambda item: int(item[0])):
            wall, floor = _wall(entry, "playbook"), _wall(entry, "floor")
            per = f"{wall / int(size) * 1000:.2f}" if wall else "n/a"
            lines.append(f"| {int(size):,} | {entry['workload']['bytes'] / 1e6:.1f} | {_s(wall)} | {per} | "
                         f"{_mb(_get(entry, 'playbook', 'peak_mb'))} | {_s(floor)} | "
                         f"{_x(wall / floor if wall and floor else None)} |")
    if f.get("growth_terms"):
        first = next(iter(f["growth_terms"].values()))
        lines += ["",
                  f"## Cost growth with the number of vocabulary terms ({first['workload']['drafts']:,} drafts)", "",
                  "The second column is what a naive design costs: one big regular-expression alternation of every "
                  "term, run over the same files.", "",
                  "| terms | `playbook lint` | vs fewest terms | one alternation of all terms | vs fewest terms |",
                  "|---:|---:|---:|---:|---:|"]
        base_lint = base_alt = None
        for terms, entry in sorted(f["growth_terms"].items(), key=lambda item: int(item[0])):
            wall, alt = _wall(entry, "playbook"), _wall(entry, "alternation")
            base_lint = base_lint or wall
            base_alt = base_alt or alt
            lines.append(f"| {int(terms):,} | {_s(wall)} | {_x(wall / base_lint if wall and base_lint else None)} | "
                         f"{_s(alt)} | {_x(alt / base_alt if alt and base_alt else None)} |")

    if "small" in f:
        entry = f["small"]
        lines += ["", f"## Small input ({entry['workload']['drafts']} drafts): all cores vs one core", "", LINT_HEAD]
        ref = _wall(entry, "playbook")
        lines.append(_row("`playbook lint` (all cores)", entry.get("playbook"), entry["workload"], ref))
        lines.append(_row("`playbook lint`, pinned to 1 core", entry.get("playbook_1core"), entry["workload"], ref))

    if "site" in f:
        lines += ["", "## Site build", ""]
        if f["site"]:
            shape = f["site"].get("large_shape")
            if shape:
                lines += [f"Large playbook: {shape['people']} people, {shape['channels']} channels, "
                          f"{shape['terms']} terms.", ""]
            lines += ["| command | median wall | CPU | peak memory | notes |", "|---|---:|---:|---:|---|"]
            for key, label in (("sample", "`mkdocs build` (sample)"), ("large", "`mkdocs build` (large playbook)")):
                fig = f["site"].get(key)
                if not fig:
                    lines.append(f"| {label} | n/a | | | not measured |")
                elif fig["median_wall_s"] is None:
                    lines.append(f"| {label} | n/a | | | {fig['error']} |")
                else:
                    lines.append(f"| {label} | {_s(fig['median_wall_s'])} | {fig['median_cpu_s']:.2f} s | "
                                 f"{_mb(fig['peak_mb'])} | |")
        else:
            lines.append("Not measured.")

    if f.get("profiles"):
        section = f["profiles"]
        lines += ["", f"## Corpus profiles ({section['drafts']:,} drafts each)", "",
                  "Each profile changes one thing about the corpus the linter was tuned on "
                  "(`bench/generate.py --profile NAME`; the default profile is the corpus of the sections above, "
                  f"here at {section['drafts']:,} drafts). Linter {section.get('linter') or 'n/a'}. For each profile, "
                  "the floor, `playbook lint` and proselint alternate in each of "
                  f"{section['repeat']} timed round{'s' if section['repeat'] != 1 else ''} "
                  + ("(after one untimed round without proselint); " if section.get("warmup") else "(no warm-up); ")
                  + "medians are shown, with the one-minute load average before and after (the machine's other "
                  "work: compare ratios measured at a similar load). The floor's pattern is the first "
                  f"{section.get('floor_terms', '?')} banned terms on every profile, so it does the same work per "
                  "byte whatever the vocabulary.", "",
                  "| profile | MB | terms | findings / draft | `playbook lint` | CPU | floor | lint / floor | "
                  "proselint | proselint / lint | load | measured |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for name, entry in section["by_profile"].items():
            w = entry["workload"]
            lint, floor, peer = (_wall(entry, "playbook"), _wall(entry, "floor"), _wall(entry, "proselint"))
            found = _get(entry, "playbook", "findings")
            per = f"{sum(found.values()) / w['drafts']:.2f}" if isinstance(found, dict) and w["drafts"] else "n/a"
            lines.append(f"| {name} | {w['bytes'] / 1e6:.1f} | {w['playbook']['terms']:,} | {per} | "
                         f"{_s(lint) if lint else _get(entry, 'playbook', 'error') or 'n/a'} | "
                         f"{_s(_cpu(entry, 'playbook'))} | {_s(floor)} | {_x(_profile_ratio(entry))} | "
                         f"{_s(peer) if 'proselint' in entry else 'not measured'} | "
                         f"{_x(peer / lint if peer and lint else None)} | "
                         f"{entry.get('load_at_start', '?')} → {entry.get('load_at_end', '?')} | "
                         f"{entry.get('date', '')} |")
        lines += [""] + [f"- **{name}**: {entry['about']}. Findings by code: " +
                         (", ".join(f"{code} {count}" for code, count in entry["playbook"]["findings"].items())
                          if entry["playbook"].get("findings") else "none") + "."
                         for name, entry in section["by_profile"].items()]
        for name, text in (section.get("hotspots") or {}).items():
            lines += ["", f"### Where the time goes: lint of the {name} profile (cProfile, one process)", "",
                      text.strip()]

    if results.get("profile"):
        lines += ["", "## Where the time goes (cProfile, one process)", "",
                  f"`bench/hotspots.py` on the {opts.get('profile_drafts', 1000):,}-draft workload and on the sample "
                  "playbook; shares are of the whole profiled run (profiling slows Python code down, "
                  "so read shares, not seconds)."]
        for name, text in results["profile"].items():
            lines += ["", f"### {name}", "", text.strip()]

    if results.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {note}" for note in results["notes"]]
    return "\n".join(lines) + "\n"


# The sections report() writes; any other "## " section of results.md was put there by another
# tool (bench/corpus.py's recall and precision) and is kept when the report is rewritten.
OWN_SECTIONS = ("## Machine", "## Targets", "## Start-up", "## Validate", "## Lint, side by side", "## Cost growth",
                "## Small input", "## Site build", "## Corpus profiles", "## Where the time goes", "## Notes")


def _sections(markdown: str) -> list[str]:
    """The "## " sections of ``markdown`` (what precedes the first one left out), each up to the next."""
    sections: list[list[str]] = []
    for line in markdown.splitlines(keepends=True):
        if line.startswith("## "):
            sections.append([])
        if sections:
            sections[-1].append(line)
    return ["".join(lines) for lines in sections]


def write_report(path: Path, results: dict) -> None:
    """results.md from ``results``, followed by the sections of the old results.md that other tools wrote."""
    text = report(results)
    if path.exists():
        kept = [section for section in _sections(path.read_text(encoding="utf-8"))
                if not section.startswith(OWN_SECTIONS)]
        text += "".join("\n" + section.rstrip("\n") + "\n" for section in kept)
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- CLI
def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.replace(" ", "").split(",") if part)


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description="Benchmark `playbook` against its peers and the floor.")
    parser.add_argument("--quick", action="store_true",
                        help="toy size (what `make test` runs): 20 drafts, one repeat, tiny growth steps")
    parser.add_argument("--sizes", type=_ints, help="draft counts for the side-by-side lint (default 1000,10000)")
    parser.add_argument("--growth-drafts", type=_ints, help="draft counts for cost growth (default 1000,10000,50000)")
    parser.add_argument("--growth-terms", type=_ints, help="term counts for cost growth (default 10,100,1000)")
    parser.add_argument("--terms-drafts", type=int, help="drafts used for the term growth (default 10000)")
    parser.add_argument("--terms", type=int, help="terms of the lint workloads' playbook (default 300)")
    parser.add_argument("--repeat", type=int, help="timed runs per figure (default 3)")
    parser.add_argument("--startup-repeat", type=int, help="timed runs for start-up (default 5)")
    parser.add_argument("--no-peers", action="store_true", help="skip proselint and textlint")
    parser.add_argument("--no-site", action="store_true", help="skip the site build")
    parser.add_argument("--no-growth", action="store_true", help="skip the cost-growth sections")
    parser.add_argument("--only", help="comma-separated sections: "
                                         "startup,validate,lint,growth,small,site,profiles,profile")
    parser.add_argument("--profiles", help="comma-separated corpus profiles of the profiles section (default: all: "
                                           + ",".join(generate.PROFILES) + ")")
    parser.add_argument("--profile-size", type=int, help="drafts of each profile's workload (default 4000)")
    parser.add_argument("--profile-hotspots", type=int,
                        help="run hotspots.py on this many profiles, the worst lint / floor on CPU time first "
                             "(default 3)")
    parser.add_argument("--merge", action="store_true",
                        help="merge the sections measured now into the results.json already in --out, keeping "
                             "the others' figures, then rewrite results.md")
    parser.add_argument("--render-only", action="store_true",
                        help="rewrite results.md from the results.json in --out, without measuring")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE, help="where results.md and results.json go (default bench/)")
    parser.add_argument("--workdir", type=Path, default=SCRATCH / "work", help="generated workloads (cached)")
    args = parser.parse_args(argv)
    opts = Options(seed=args.seed, out=args.out, workdir=args.workdir)
    if args.quick:
        opts.quick = True
        opts.sizes = (20,)
        opts.growth_drafts = (20, 40)
        opts.growth_terms = (10, 100)
        opts.terms_drafts = 20
        opts.terms = 50
        opts.small = 5
        opts.repeat = 1
        opts.startup_repeat = 2
        opts.large = {"people": 20, "channels": 10, "terms": 200, "topics": 20}
        opts.profile_size = 20
    for name in ("sizes", "growth_drafts", "growth_terms", "terms_drafts", "terms", "repeat", "startup_repeat",
                 "profile_size", "profile_hotspots"):
        value = getattr(args, name)
        if value is not None:
            setattr(opts, name, value)
    opts.peers = not args.no_peers
    opts.site = not args.no_site
    opts.growth = not args.no_growth
    if args.only:
        opts.sections = tuple(part.strip() for part in args.only.split(",") if part.strip())
    if args.profiles:
        opts.profiles = tuple(part.strip() for part in args.profiles.split(",") if part.strip())
        unknown = [name for name in opts.profiles if name not in generate.PROFILES]
        if unknown:
            parser.error(f"unknown profile(s) {', '.join(unknown)} (known: {', '.join(generate.PROFILES)})")
    opts.merge = args.merge
    opts.render_only = args.render_only
    return opts


def merged(old: dict, new: dict) -> dict:
    """``old`` results with the sections measured in ``new`` put in (the others keep their figures).

    The machine section and the options stay those of ``old``, the run whose figures most of
    the report shows; a merged section carries its own date and load (each profile does). The
    profiles measured now join those of ``old`` when both are of the same code, size and floor.
    """
    before, now = old["figures"].get("profiles"), new["figures"].get("profiles")
    old["figures"].update(new["figures"])
    if before and now and all(before.get(key) == now.get(key) for key in ("drafts", "linter", "floor_terms")):
        # profiles measured now join (or replace) those measured before on the same code and size
        now["by_profile"] = before["by_profile"] | now["by_profile"]
        if before.get("hotspots") or now.get("hotspots"):
            now["hotspots"] = (before.get("hotspots") or {}) | (now.get("hotspots") or {})
    if new.get("profile"):
        old["profile"] = new["profile"]
    old["notes"] = old.get("notes", []) + [note for note in new.get("notes", []) if note not in old.get("notes", [])]
    saved = old["options"]
    old["targets"] = targets(old, Options(sizes=tuple(saved["sizes"]), small=saved["small"]))
    return old


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    if opts.render_only:
        results = json.loads((opts.out / "results.json").read_text(encoding="utf-8"))
        saved = results["options"]
        results["targets"] = targets(results, Options(sizes=tuple(saved["sizes"]), small=saved["small"]))
        (opts.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        write_report(opts.out / "results.md", results)
        print(f"wrote {opts.out / 'results.md'} from results.json")
        return 0
    started = time.perf_counter()
    results = suite(opts)
    results["suite_seconds"] = seconds = round(time.perf_counter() - started, 1)
    opts.out.mkdir(parents=True, exist_ok=True)
    if opts.merge and (opts.out / "results.json").exists():
        results = merged(json.loads((opts.out / "results.json").read_text(encoding="utf-8")), results)
    (opts.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    write_report(opts.out / "results.md", results)
    print(f"wrote {opts.out / 'results.md'} and results.json in {seconds} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
