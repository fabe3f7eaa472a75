"""`playbook lsp`'s entry point: answer `initialize` at once, then hand over to the pygls server.

Why two steps: an editor waits for the answer to ``initialize`` before it shows the server as
running, and pygls with lsprotocol takes most of a second to import. The front
(linter.lsp.front) answers from the standard library alone; the server proper
(linter.lsp.wiring) is imported afterwards, while the client goes on with `initialized` and
its first documents. This module imports nothing heavy: the command line imports it to start.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, BinaryIO, cast

from linter import __version__
from linter.lsp import front

if TYPE_CHECKING:
    from linter.lsp.project import Clock


def run(clock: Clock | None = None) -> None:
    """Serve over stdin/stdout until the client says exit.

    Standard output is the protocol's channel: anything else written there (a library's warning,
    a stray print) would corrupt it and the client would drop the server. The channel keeps a
    copy of the descriptor; what is printed goes to standard error, with the logs.
    """
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    stdin = sys.stdin.buffer
    read, message = front.read_message(stdin)
    response = front.answer(message, __version__) if message is not None else None
    if response is not None:
        try:
            channel.write(front.frame(response))
            channel.flush()
        except OSError:  # the client is gone: pygls finds out and stops
            response = None
    import logging  # after the answer, as everything else: the client is waiting for nothing now

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("linter.lsp").setLevel(logging.INFO)
    from linter.lsp.wiring import build

    server = build(clock, response["id"] if response is not None else None)
    server.start_io(cast(BinaryIO, front.Replay(read, stdin)), channel)
