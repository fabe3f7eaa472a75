"""How fast `playbook lsp` answers: start-up, diagnostics latency, memory over many edits.

A plain JSON-RPC client (pipes and Content-Length frames, no LSP library, so the client costs
nothing) starts `playbook lsp` on the sample project and measures, as an editor would see it:

* **start-up**: from spawning the server (``playbook lsp --stdio``, as the editors' settings
  start it) to its answer to ``initialize`` (what an editor waits for before it shows the
  server as running), against a bare interpreter (``python -c pass``)
  spawned the same way; also the processor time the server used until then (from
  /proc/<pid>/schedstat, which a busy machine disturbs less than wall time). Measured with the
  catalogs compiled, as an installed package has them (``PLAYBOOK_LOCALE_DIR`` pointed at a
  compiled copy), and as a source checkout runs (the ``.po`` read at each start). The import
  of lsprotocol's types alone is measured too: it is what the server no longer waits for
  before answering (linter.lsp.front);
* **ready**: from spawning the server to the diagnostics of a draft opened as soon as
  ``initialize`` is answered: the libraries' import, the playbook's validation, the queue's
  reading and the first check, all of which the writer waits for once;
* **first diagnostics**: from ``didOpen`` of one sample draft, on a server that has loaded the
  project, to its ``publishDiagnostics`` (the rules' preparation and the queue's parsing);
* **latency**: from each ``didChange`` of that draft to the diagnostics of that version, the
  changes spaced out so that the server's throttle (linter.lsp.wiring.INTERVAL) never delays
  one: what a writer waits after a keystroke once they paused;
* **memory**: the server's resident memory after 100 and after every 1,000 edits (each one
  checked), which must stay flat.

Run ``python bench/lsp_latency.py`` (``--edits``/``--changes`` to shrink it); it prints the
figures, writes bench/lsp-results.json and replaces the language server's section of
bench/results.md (bench/run.py keeps that section when it rewrites the file). Targets
(issue #19): latency median <= 50 ms, start-up <= 10x a bare interpreter, memory flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DRAFT = ROOT / "drafts" / "2027-03-01-horaires-de-mars.md"
CLOCK = ["--today", "2026-11-23", "--now", "2027-03-01T08:00:00+01:00"]  # the Makefile's sample clock
SPACING = 0.15  # seconds between two measured changes: more than the server's throttle interval


class Client:
    """A minimal LSP client over the server's stdin/stdout."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None):
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env)
        self.messages: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put((time.perf_counter(), json.loads(stream.read(length))))

    def send(self, payload: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **payload}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def wait(self, test: Any, timeout: float = 30.0) -> tuple[float, dict[str, Any]]:
        """The first message that passes ``test`` (the server's own requests are answered)."""
        deadline = time.perf_counter() + timeout
        while True:
            at, message = self.messages.get(timeout=max(0.01, deadline - time.perf_counter()))
            if "method" in message and "id" in message:  # a request from the server: accept it
                self.send({"id": message["id"], "result": None})
            if test(message):
                return at, message

    def cpu_seconds(self) -> float:
        """Processor time the server has used so far (schedstat: nanoseconds on a CPU)."""
        with open(f"/proc/{self.process.pid}/schedstat", encoding="ascii") as handle:
            return int(handle.read().split()[0]) / 1e9

    def rss_kib(self) -> int:
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def close(self) -> None:
        self.request("shutdown", {})
        self.notify("exit", {})
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def spawn_time(command: list[str], repeat: int = 7, env: dict[str, str] | None = None) -> float:
    """Median wall time of a command run to its end (a bare interpreter, an import)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def server_command(clock: bool = True) -> list[str]:
    """`playbook lsp --stdio` as the editors' settings run it; with the sample clock for reproducible findings
    (``--now`` costs the start some milliseconds: the command line reads it with the playbook's value types)."""
    return [str(Path(sys.executable).with_name("playbook")), "lsp", "--stdio", *(CLOCK if clock else [])]


def start(root: Path, env: dict[str, str] | None = None, clock: bool = True) -> tuple[Client, float, float]:
    """A server that answered ``initialize``: (client, seconds from spawn to the answer, its CPU seconds then)."""
    started = time.perf_counter()
    client = Client(server_command(clock), root, env)
    ident = client.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
    at, _ = client.wait(lambda message: message.get("id") == ident)
    cpu = client.cpu_seconds()
    client.notify("initialized", {})
    return client, at - started, cpu


def diagnostics_of(uri: str, version: int) -> Any:
    return lambda message: message.get("method") == "textDocument/publishDiagnostics" \
        and message["params"]["uri"] == uri and message["params"].get("version") == version


def loaded(message: dict[str, Any]) -> bool:
    """The server's log line once it has loaded the project (linter.lsp.wiring.PlaybookServer.ready)."""
    return message.get("method") == "window/logMessage" and "drafts, loaded in" in message["params"]["message"]


def open_draft(client: Client, uri: str, text: str) -> tuple[float, dict[str, Any]]:
    """Open the draft; (when its first diagnostics came, that message)."""
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                            "text": text}})
    return client.wait(diagnostics_of(uri, 1))


def compiled_catalogs(folder: Path) -> dict[str, str]:
    """The environment of an installed package: the message catalogs compiled (the wheel has them)."""
    sys.path.insert(0, str(ROOT))
    from linter.core.catalogs import compile_all

    compile_all(folder)
    return {**os.environ, "PLAYBOOK_LOCALE_DIR": str(folder)}


def startup(env: dict[str, str] | None, repeat: int, uri: str, text: str) -> dict[str, Any]:
    """Medians over ``repeat`` servers: initialize answered (wall, CPU), diagnostics of a draft opened at once."""
    answered, cpu, ready = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        client, seconds, used = start(ROOT, env, clock=False)  # as an editor starts it
        at, _ = open_draft(client, uri, text)
        answered.append(seconds)
        cpu.append(used)
        ready.append(at - started)
        client.close()
    return {"initialize_answered_s": round(statistics.median(answered), 4),
            "initialize_answered_cpu_s": round(statistics.median(cpu), 4),
            "first_diagnostics_from_spawn_s": round(statistics.median(ready), 4)}


def bare_cpu(repeat: int = 7) -> float:
    """Median processor time of a bare interpreter (user + system of the child)."""
    import resource

    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def measure(changes: int, edits: int, repeat: int) -> dict[str, Any]:
    uri = DRAFT.resolve().as_uri()
    text = DRAFT.read_text(encoding="utf-8")
    folder = tempfile.mkdtemp(prefix="playbook-catalogs-")
    installed_env = compiled_catalogs(Path(folder))
    bare = spawn_time([sys.executable, "-c", "pass"], repeat=max(repeat, 7))
    bare_cpu_s = bare_cpu(max(repeat, 7))
    lsprotocol = spawn_time([sys.executable, "-c", "import lsprotocol.types"])
    floor = spawn_time([server_command()[0], "--version"], env=installed_env)
    installed = startup(installed_env, repeat, uri, text)
    checkout = startup(None, repeat, uri, text)
    client, _, _ = start(ROOT, installed_env)
    client.wait(loaded)  # the libraries imported, the playbook validated, the queue read
    opened = time.perf_counter()
    at, first = open_draft(client, uri, text)
    first_seconds = at - opened
    findings = len(first["params"]["diagnostics"])

    def edit(version: int) -> float:
        changed = text + f"\nÉdition numéro {version} du texte, pour voir."
        sent = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": changed}]})
        at, _ = client.wait(diagnostics_of(uri, version))
        return at - sent

    latencies = []
    version = 1
    for _ in range(changes):
        time.sleep(SPACING)
        version += 1
        latencies.append(edit(version))
    memory: dict[str, int] = {}
    for count in range(1, edits + 1):
        version += 1
        edit(version)
        if count in (100, edits) or count % 1000 == 0:
            memory[str(count)] = client.rss_kib()
    client.close()
    shutil.rmtree(folder, ignore_errors=True)
    ordered = sorted(latencies)
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.platform(),
                    "load_average_1min": round(os.getloadavg()[0], 2)},
        "queue_drafts": sum(1 for _ in (ROOT / "drafts").rglob("*.md")),
        "draft": str(DRAFT.relative_to(ROOT)), "findings": findings,
        "startup": {"runs": repeat, "bare_interpreter_s": round(bare, 4),
                    "bare_interpreter_cpu_s": round(bare_cpu_s, 4),
                    "import_lsprotocol_s": round(lsprotocol, 4), "playbook_version_s": round(floor, 4),
                    "installed": {**installed, "ratio_to_bare": round(installed["initialize_answered_s"] / bare, 1),
                                  "cpu_ratio_to_bare": round(installed["initialize_answered_cpu_s"] / bare_cpu_s, 1)},
                    "source_checkout": {**checkout,
                                        "ratio_to_bare": round(checkout["initialize_answered_s"] / bare, 1),
                                        "cpu_ratio_to_bare": round(checkout["initialize_answered_cpu_s"] / bare_cpu_s,
                                                                   1)},
                    "target_ratio": 10},
        "first_diagnostics_s": round(first_seconds, 4),
        "word_cache_limit": _word_cache_limit(),
        "latency_ms": {"changes": changes, "median": round(statistics.median(latencies) * 1000, 1),
                       "p90": round(ordered[int(len(ordered) * 0.9) - 1] * 1000, 1) if ordered else None,
                       "max": round(ordered[-1] * 1000, 1) if ordered else None, "target_median": 50},
        "memory_rss_kib": {"after_edits": memory,
                           "growth_kib": (memory[str(edits)] - memory["100"]) if "100" in memory else None},
    }


def _word_cache_limit() -> int:
    from linter.api import Session

    return Session.WORDS


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


SECTION = "## Language server (`playbook lsp`)"


def section(results: dict[str, Any]) -> str:
    """The language server's section of results.md, from these results."""
    startup, latency, memory = results["startup"], results["latency_ms"], results["memory_rss_kib"]
    installed, checkout = startup["installed"], startup["source_checkout"]
    bare_ms, bare_cpu_ms = startup["bare_interpreter_s"] * 1000, startup["bare_interpreter_cpu_s"] * 1000

    def status(ok: bool) -> str:
        return "met" if ok else "**MISSED**"

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    growth = memory["growth_kib"]
    edits = max(int(count) for count in memory["after_edits"])
    lines = [
        SECTION, "",
        f"Written by `bench/lsp_latency.py` on {results['date']} (commit {results['commit']}), figures also in "
        f"[lsp-results.json](lsp-results.json). A plain JSON-RPC client starts `playbook lsp --stdio` on the sample "
        f"project ({results['queue_drafts']} drafts in the queue) and works on `{results['draft']}` (start-up: "
        f"`playbook lsp --stdio` as editors start it; the rest with the sample clock, `--today`/`--now`). Machine: "
        f"{results['machine']['cpus']} cores, Python {results['machine']['python']}, one-minute load average "
        f"{results['machine']['load_average_1min']} at the end (other sessions were running).", "",
        "| target | measured | limit | status |", "|---|---:|---:|---|",
        f"| start-up: `initialize` answered / `python -c pass` (installed, wall) | {installed['ratio_to_bare']}x | "
        f"≤ 10x | {status(installed['ratio_to_bare'] <= 10)} |",
        f"| same, processor time | {installed['cpu_ratio_to_bare']}x | ≤ 10x | "
        f"{status(installed['cpu_ratio_to_bare'] <= 10)} |",
        f"| diagnostics after a change, median | {latency['median']} ms | ≤ 50 ms | "
        f"{status(latency['median'] <= 50)} |",
        f"| memory growth from 100 to {edits:,} edits | {growth} KiB | flat (≤ 1 MiB) | "
        f"{status(growth is not None and growth <= 1024)} |",
        "", "| start-up (median of {} servers) | installed (compiled catalogs) | source checkout (`.po` read) |".format(
            startup["runs"]),
        "|---|---:|---:|",
        f"| `python -c pass` (wall / processor) | {bare_ms:.0f} ms / {bare_cpu_ms:.0f} ms | same |",
        f"| `initialize` answered, wall | {ms(installed['initialize_answered_s'])} "
        f"({installed['ratio_to_bare']}x) | {ms(checkout['initialize_answered_s'])} ({checkout['ratio_to_bare']}x) |",
        f"| `initialize` answered, processor time | {ms(installed['initialize_answered_cpu_s'])} "
        f"({installed['cpu_ratio_to_bare']}x) | {ms(checkout['initialize_answered_cpu_s'])} "
        f"({checkout['cpu_ratio_to_bare']}x) |",
        f"| first diagnostics of a draft opened at once, from spawn | "
        f"{ms(installed['first_diagnostics_from_spawn_s'])} | {ms(checkout['first_diagnostics_from_spawn_s'])} |",
        f"| for reference: `playbook --version` (the command line's own start) | "
        f"{ms(startup['playbook_version_s'])} ({startup['playbook_version_s'] * 1000 / bare_ms:.1f}x) | |",
        f"| for reference: `python -c 'import lsprotocol.types'` | {ms(startup['import_lsprotocol_s'])} | |",
        "",
        f"Diagnostics after a change (server running, draft open, {latency['changes']} changes spaced out beyond "
        f"the throttle): median {latency['median']} ms, 90th percentile {latency['p90']} ms, maximum "
        f"{latency['max']} ms. First diagnostics after `didOpen` on a server that has loaded the project: "
        f"{ms(results['first_diagnostics_s'])}. Resident memory after "
        + ", ".join(f"{int(count):,} edits {kib / 1024:.1f} MiB" for count, kib in memory["after_edits"].items())
        + ".",
        "",
        "How start-up is defined and met: start-up is the time until the server answers `initialize`, what an "
        "editor waits for before it shows the server as running. That answer is written from the standard library "
        "alone (linter.lsp.front, checked against what pygls builds by tests/test_lsp_units.py); pygls and "
        "lsprotocol, whose import alone takes more than ten bare interpreters, are imported afterwards, while the "
        "client sends `initialized` and opens its documents. What remains before the answer is the command line's "
        "own start (`playbook --version` above: click and the message catalogs), which this section does not "
        "change. Wall-time ratios swell when other processes share the two cores; processor time is steadier.",
        "",
        "What the writer still waits for once: the first diagnostics of the first draft (the row \"from spawn\"): "
        "pygls and lsprotocol's import, the playbook's validation, the rules' preparation and the queue's first "
        "parsing. A hand-written JSON-RPC layer in place of pygls would take lsprotocol's import (the row above) "
        "out of that wait; it was not written in this round: once `initialize` is answered first, pygls no longer "
        "stands between the writer and the start-up target, and it handles what the end-to-end tests exercise "
        "(cancellation, the server's own requests, position encodings) for every client.",
        "",
        "Memory: the server keeps the queue parsed (linter.api.Session) and the tokeniser's word cache, which "
        "each new word typed adds to (every edit of this benchmark adds a new number): it starts afresh past "
        f"{results['word_cache_limit']:,} entries, so the growth above is bounded.",
        *(line for note in results.get("notes", []) for line in ("", note)),
    ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, text: str) -> None:
    """Replace (or add) the language server's section of results.md, leaving the others as they are."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    parts = old.split("\n## ")
    head, rest = parts[0], ["## " + part for part in parts[1:]]
    kept = [part for part in rest if not part.startswith(SECTION)]
    at = next((i for i, part in enumerate(rest) if part.startswith(SECTION)), None)
    if at is None:
        kept.append(text)
    else:
        kept.insert(at, text)
    path.write_text("\n".join([head.rstrip("\n") + "\n", *(part.rstrip("\n") + "\n" for part in kept)]),
                    encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--changes", type=int, default=100, help="measured changes (default 100)")
    parser.add_argument("--edits", type=int, default=1000, help="edits for the memory check (default 1000)")
    parser.add_argument("--repeat", type=int, default=9, help="servers started for the start-up figures (default 9)")
    parser.add_argument("--output", type=Path, default=HERE / "lsp-results.json")
    parser.add_argument("--markdown", type=Path, default=HERE / "results.md",
                        help="the results.md whose language server section is replaced (default bench/results.md)")
    parser.add_argument("--note", action="append", default=[],
                        help="a sentence for the section (other runs, the machine's state); kept in the JSON")
    parser.add_argument("--from-json", action="store_true",
                        help="rewrite the results.md section from --output without measuring")
    options = parser.parse_args()
    if options.from_json:
        results = json.loads(options.output.read_text(encoding="utf-8"))
        if options.note:
            results["notes"] = [*results.get("notes", []), *options.note]
            options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        write_section(options.markdown, section(results))
        print(f"wrote the section of {options.markdown} from {options.output}")
        return
    results = measure(options.changes, max(options.edits, 100), options.repeat)
    if options.note:
        results["notes"] = options.note
    text = section(results)
    print(text)
    options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_section(options.markdown, text)
    print(f"wrote {options.output} and the section of {options.markdown}")


if __name__ == "__main__":
    main()
