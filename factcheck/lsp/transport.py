"""The bytes under the protocol: the editor's stdin as pygls reads it, within bounds.

pygls reads a message's header a line at a time and its body with one
``read(Content-Length)``: ``Content-Length: 99999999999`` asked for 93 GiB at
once, and the server died of a MemoryError. Plain Python: only
``lsp.server`` knows pygls.
"""

from __future__ import annotations

import json
from typing import BinaryIO

# A message may carry a whole draft (didOpen): 64 MiB is a draft of tens of MB,
# JSON-escaped, far beyond what lint reads comfortably anyway.
MAX_MESSAGE_BYTES = 64 * 2**20
# A header line is short ("Content-Length: 1234"): longer lines are read in pieces,
# which pygls ignores as it ignores any line that is not a header it knows.
MAX_LINE_BYTES = 2**16
_DISCARD_CHUNK = 2**20
# The notification pygls is handed in place of a message too large to hold.
SKIPPED_MESSAGE = "factcheck/skippedMessage"


class BoundedReader:
    """stdin for pygls (``readline`` and ``read``), holding at most one bounded message.

    A body over ``MAX_MESSAGE_BYTES`` is read and dropped a MiB at a time, so
    that the next message starts where the header said it would, and pygls
    gets a ``SKIPPED_MESSAGE`` notification instead, which the server shows
    the user. Its id, if it was a request, is in the dropped bytes: it gets no
    answer, as a message lost on the way would not.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def readline(self) -> bytes:
        return self.stream.readline(MAX_LINE_BYTES)

    def read(self, size: int) -> bytes:
        if size <= MAX_MESSAGE_BYTES:
            return self.stream.read(size)
        left = size
        while left:
            chunk = self.stream.read(min(left, _DISCARD_CHUNK))
            if not chunk:
                return b""  # the editor has gone: pygls stops on an empty body
            left -= len(chunk)
        skipped = {"jsonrpc": "2.0", "method": SKIPPED_MESSAGE, "params": {"bytes": size}}
        return json.dumps(skipped).encode()
