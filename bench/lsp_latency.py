"""How fast `playbook lsp` answers: start-up, diagnostics latency, memory over many edits.

A plain JSON-RPC client (pipes and Content-Length frames, no LSP library, so the client costs
nothing) starts `playbook lsp` on the sample project and measures, as an editor would see it:

* **start-up**: from spawning the server to its answer to ``initialize``, against a bare
  interpreter (``python -c pass``) spawned the same way; the import of lsprotocol's types
  alone is measured too, since it is most of the difference;
* **first diagnostics**: from ``didOpen`` of one sample draft to its ``publishDiagnostics``
  (the first check pays for the rules' preparation);
* **latency**: from each ``didChange`` of that draft to the diagnostics of that version, the
  changes spaced out so that the server's throttle (linter.lsp.server.INTERVAL) never delays
  one: what a writer waits after a keystroke once they paused;
* **memory**: the server's resident memory after 100 and after every 1,000 edits (each one
  checked), which must stay flat.

Run ``python bench/lsp_latency.py`` (``--edits``/``--changes`` to shrink it); it prints the
figures and writes bench/lsp-results.json. Targets (issue #19): latency median <= 50 ms,
start-up <= 10x a bare interpreter, memory flat.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import statistics
import subprocess
import sys
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

    def __init__(self, command: list[str], cwd: Path):
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
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


def spawn_time(command: list[str], repeat: int = 7) -> float:
    """Median wall time of a command run to its end (a bare interpreter, an import)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def server_command() -> list[str]:
    return [str(Path(sys.executable).with_name("playbook")), "lsp", "--stdio", *CLOCK]


def start(root: Path) -> tuple[Client, float]:
    started = time.perf_counter()
    client = Client(server_command(), root)
    ident = client.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
    at, _ = client.wait(lambda message: message.get("id") == ident)
    client.notify("initialized", {})
    return client, at - started


def diagnostics_of(uri: str, version: int) -> Any:
    return lambda message: message.get("method") == "textDocument/publishDiagnostics" \
        and message["params"]["uri"] == uri and message["params"].get("version") == version


def measure(changes: int, edits: int) -> dict[str, Any]:
    bare = spawn_time([sys.executable, "-c", "pass"])
    lsprotocol = spawn_time([sys.executable, "-c", "import lsprotocol.types"])
    startups = []
    for _ in range(5):
        client, seconds = start(ROOT)
        startups.append(seconds)
        client.close()
    client, _ = start(ROOT)
    uri = DRAFT.resolve().as_uri()
    text = DRAFT.read_text(encoding="utf-8")
    opened = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                            "text": text}})
    at, first = client.wait(diagnostics_of(uri, 1))
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
    ordered = sorted(latencies)
    startup = statistics.median(startups)
    return {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.platform(),
                    "load_average_1min": round(os.getloadavg()[0], 2)},
        "queue_drafts": sum(1 for _ in (ROOT / "drafts").rglob("*.md")),
        "draft": str(DRAFT.relative_to(ROOT)), "findings": findings,
        "startup": {"bare_interpreter_s": round(bare, 4), "import_lsprotocol_s": round(lsprotocol, 4),
                    "initialize_answered_s": round(startup, 4), "ratio_to_bare": round(startup / bare, 1),
                    "target_ratio": 10},
        "first_diagnostics_s": round(first_seconds, 4),
        "latency_ms": {"changes": changes, "median": round(statistics.median(latencies) * 1000, 1),
                       "p90": round(ordered[int(len(ordered) * 0.9) - 1] * 1000, 1) if ordered else None,
                       "max": round(ordered[-1] * 1000, 1) if ordered else None, "target_median": 50},
        "memory_rss_kib": {"after_edits": memory,
                           "growth_kib": (memory[str(edits)] - memory["100"]) if "100" in memory else None},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--changes", type=int, default=100, help="measured changes (default 100)")
    parser.add_argument("--edits", type=int, default=1000, help="edits for the memory check (default 1000)")
    parser.add_argument("--output", type=Path, default=HERE / "lsp-results.json")
    options = parser.parse_args()
    results = measure(options.changes, max(options.edits, 100))
    startup, latency, memory = results["startup"], results["latency_ms"], results["memory_rss_kib"]
    print(f"start-up: initialize answered in {startup['initialize_answered_s'] * 1000:.0f} ms, "
          f"{startup['ratio_to_bare']}x a bare interpreter ({startup['bare_interpreter_s'] * 1000:.0f} ms; "
          f"importing lsprotocol.types alone: {startup['import_lsprotocol_s'] * 1000:.0f} ms); target 10x")
    print(f"machine: {results['machine']['cpus']} cores, load average {results['machine']['load_average_1min']} "
          f"at the end; {results['queue_drafts']} drafts in the queue")
    print(f"first diagnostics after didOpen: {results['first_diagnostics_s'] * 1000:.0f} ms")
    print(f"diagnostics latency over {latency['changes']} changes: median {latency['median']} ms, "
          f"p90 {latency['p90']} ms, max {latency['max']} ms; target median <= 50 ms")
    print(f"memory (RSS, KiB) after edits: {memory['after_edits']}; growth from 100 on: {memory['growth_kib']} KiB")
    options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {options.output.relative_to(ROOT) if options.output.is_relative_to(ROOT) else options.output}")


if __name__ == "__main__":
    main()
