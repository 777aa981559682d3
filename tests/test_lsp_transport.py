"""The bytes under the language server: a message too large to hold is dropped, the
server goes on (it died of a MemoryError on ``Content-Length: 99999999999``)."""

from __future__ import annotations

import io
import json
import queue
import subprocess
import sys
import threading

import pytest

from factcheck.lsp import transport
from factcheck.lsp.transport import MAX_LINE_BYTES, SKIPPED_MESSAGE, BoundedReader

pytest.importorskip("pygls")

WRONG = (
    "In 2016, 25 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)


def test_a_body_over_the_limit_is_dropped_and_the_next_message_read(monkeypatch):
    monkeypatch.setattr(transport, "MAX_MESSAGE_BYTES", 10)
    stream = io.BytesIO(b"x" * 25 + b"Content-Length: 2\r\n")
    reader = BoundedReader(stream)
    assert json.loads(reader.read(25)) == {
        "jsonrpc": "2.0", "method": SKIPPED_MESSAGE, "params": {"bytes": 25},
    }  # fmt: skip
    assert reader.readline() == b"Content-Length: 2\r\n"
    assert reader.read(3) == b""


def test_a_body_the_editor_never_sends_ends_the_stream():
    assert BoundedReader(io.BytesIO(b"{}")).read(99_999_999_999) == b""


def test_a_header_line_is_read_a_bounded_piece_at_a_time():
    reader = BoundedReader(io.BytesIO(b"a" * (MAX_LINE_BYTES + 5) + b"\r\n"))
    assert len(reader.readline()) == MAX_LINE_BYTES
    assert reader.readline() == b"aaaaa\r\n"


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    """``factcheck lsp`` with its messages read on a thread, so a test can wait for one."""

    def __init__(self, cwd) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "factcheck", "lsp"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
        )  # fmt: skip
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.send(
            {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"processId": None, "rootUri": cwd.as_uri(), "capabilities": {}}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        )  # fmt: skip

    def _read(self) -> None:
        out, length = self.process.stdout, None
        while line := out.readline():
            if line.startswith(b"Content-Length:"):
                length = int(line.split(b":")[1])
            elif line == b"\r\n" and length is not None:
                self.messages.put(json.loads(out.read(length)))
                length = None

    def send(self, *messages: dict, raw: bytes = b"") -> None:
        self.process.stdin.write(raw + b"".join(frame(m) for m in messages))
        self.process.stdin.flush()

    def wait_for(self, method: str) -> dict:
        while True:
            message = self.messages.get(timeout=60)
            if message.get("method") == method:
                return message

    def finish(self) -> tuple[int, bytes]:
        self.send(
            {"jsonrpc": "2.0", "id": 99, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"},
        )
        self.process.stdin.close()
        return self.process.wait(timeout=60), self.process.stderr.read()


def open_draft(tmp_path, text: str) -> dict:
    uri = (tmp_path / "draft.md").as_uri()
    return {
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                    "text": text}},
    }  # fmt: skip


def test_a_message_too_large_is_skipped_with_a_warning_and_the_server_goes_on(tmp_path):
    server = Server(tmp_path)
    body = b'{"jsonrpc": "2.0", "method": "x", "params": "' + b"a" * (65 * 2**20) + b'"}'
    server.send(open_draft(tmp_path, WRONG), raw=b"Content-Length: %d\r\n\r\n" % len(body) + body)
    shown = server.wait_for("window/showMessage")["params"]
    assert shown["message"].startswith(f"factcheck: skipped a message of {len(body):,} bytes")
    diagnostics = server.wait_for("textDocument/publishDiagnostics")["params"]["diagnostics"]
    assert [d["code"] for d in diagnostics] == ["FC001"]
    code, stderr = server.finish()
    assert code == 0, stderr


def test_a_content_length_nobody_sends_is_no_memory_error(tmp_path):
    """The server waits for the bytes announced (it cannot tell a lie from a slow
    editor) and ends when the editor closes the pipe, as it does without shutdown."""
    server = Server(tmp_path)
    server.send(raw=b"Content-Length: 99999999999\r\n\r\n{}")
    code, stderr = server.finish()
    assert code == 1
    assert b"MemoryError" not in stderr and b"internal error" not in stderr
