"""The answer to `initialize`, given before the language server's libraries are loaded.

Why: importing lsprotocol's types (every message of the protocol as an attrs class) and pygls
costs about 0.7 s, thirty times a bare interpreter, and an editor shows the server as starting
until it has answered ``initialize``. That answer depends only on the features the server
registers and on what the client says of two things (the position encodings it prefers, and
whether it sends ``willSave``), so it is written here as plain JSON, with no import beyond the
standard library; tests/test_lsp_units.py checks it against what pygls itself answers.

The front reads the first message, answers it when it is an `initialize` it can read with
certainty, and hands the bytes it read to pygls, which handles the same request again to set
itself up (its own answer is not sent: linter.lsp.wiring). Anything else (another method
first, a message it cannot parse, odd capabilities) is left to pygls untouched. Meanwhile the
client sends `initialized` and opens its documents: they wait in the pipe until pygls reads them.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

TRIGGERS = (":", " ", ",", "[")
"""The characters after which the client asks for completion (registered by linter.lsp.wiring)."""
ENCODINGS = ("utf-8", "utf-16", "utf-32")
"""The position encodings pygls can work in; the client's first one among them is used, else utf-16."""
_HEADERS = 1 << 16  # bytes of header lines after which the front stops looking and leaves the rest to pygls
_LENGTH = b"Content-Length: "  # pygls reads the header as ^Content-Length: (\d+)\r\n$ (pygls.io_)


def read_message(stream: BinaryIO) -> tuple[bytes, dict[str, Any] | None]:
    """The bytes of the first message as they were read, and the message when it is a JSON object.

    The headers are read as pygls reads them, so that pygls, given the same bytes, sees the
    same message (or the same garbage).
    """
    raw = bytearray()
    length = 0
    while True:
        line = stream.readline()
        raw += line
        if not line or len(raw) > _HEADERS:
            return bytes(raw), None
        if not length and line.startswith(_LENGTH) and line.endswith(b"\r\n") and line[len(_LENGTH):-2].isdigit():
            length = int(line[len(_LENGTH):-2])
        if length and not line.strip():
            body = stream.read(length)
            raw += body
            try:
                message = json.loads(body)
            except (ValueError, RecursionError):  # not JSON, or nested deeper than Python reads: pygls says so
                return bytes(raw), None
            return bytes(raw), message if isinstance(message, dict) else None


def answer(message: dict[str, Any], version: str) -> dict[str, Any] | None:
    """The response pygls would send to this `initialize` request, or None to leave it to pygls."""
    ident = message.get("id")
    params = message.get("params")
    if message.get("method") != "initialize" or isinstance(ident, bool) or not isinstance(ident, (int, str)) \
            or not isinstance(params, dict):
        return None
    client = params.get("capabilities")
    if not isinstance(client, dict):
        return None
    encoding = _encoding(client)
    sync = _sync(client)
    if encoding is None or sync is None:
        return None
    capabilities = {
        "positionEncoding": encoding,
        "textDocumentSync": sync,
        "completionProvider": {"triggerCharacters": list(TRIGGERS)},
        "hoverProvider": True,
        "definitionProvider": True,
        "codeActionProvider": {"codeActionKinds": ["quickfix"]},
        "inlayHintProvider": {"resolveProvider": False},
        "executeCommandProvider": {"commands": []},
        "workspace": {"workspaceFolders": {"supported": True, "changeNotifications": True}, "fileOperations": {}},
    }
    return {"jsonrpc": "2.0", "id": ident,
            "result": {"capabilities": capabilities, "serverInfo": {"name": "playbook", "version": version}}}


def _encoding(client: dict[str, Any]) -> str | None:
    general = client.get("general")
    if general is None:
        return "utf-16"
    if not isinstance(general, dict):
        return None
    wanted = general.get("positionEncodings")
    if wanted is None:
        return "utf-16"
    if not isinstance(wanted, list) or not all(isinstance(name, str) for name in wanted):
        return None
    return next((name for name in wanted if name in ENCODINGS), "utf-16")


def _sync(client: dict[str, Any]) -> dict[str, Any] | None:
    """The text synchronisation options: full text on change; ``willSave`` false when the client has the
    capability (we do not handle it), absent when it does not say."""
    sync: dict[str, Any] = {"openClose": True, "change": 1, "save": True}
    document = client.get("textDocument")
    synchronization = document.get("synchronization") if isinstance(document, dict) else None
    if (document is not None and not isinstance(document, dict)) or \
            (synchronization is not None and not isinstance(synchronization, dict)):
        return None
    for name in ("willSave", "willSaveWaitUntil"):
        value = synchronization.get(name) if synchronization else None
        if value is not None and not isinstance(value, bool):
            return None
        if value is not None:
            sync[name] = False
    return sync


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Replay:
    """The client's input as pygls reads it: the bytes the front already read, then the rest."""

    def __init__(self, read: bytes, stream: BinaryIO):
        self._read = read
        self._stream = stream

    def readline(self) -> bytes:
        if not self._read:
            return self._stream.readline()
        end = self._read.find(b"\n") + 1 or len(self._read)
        line, self._read = self._read[:end], self._read[end:]
        return line if line.endswith(b"\n") else line + self._stream.readline()

    def read(self, size: int) -> bytes:
        given, self._read = self._read[:size], self._read[size:]
        return given + (self._stream.read(size - len(given)) if len(given) < size else b"")
