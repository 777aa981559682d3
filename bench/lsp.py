"""The language server's speed on a 2,000-word draft: how soon an edit's diagnostics arrive.

Two measures, printed as figures:

1. In process (``factcheck.lsp.live.LiveLinter``): the first check of the
   draft with the database loaded, a check after editing one paragraph
   (only the sentences of that paragraph and their neighbours are checked
   again: the count is printed), and the same edit checked from scratch.
2. End to end: the real ``factcheck lsp`` as a subprocess, driven over stdio
   by pygls' client as an editor would. The time from sending a
   ``didChange`` to receiving the ``publishDiagnostics`` of that version,
   with the default debounce (30 ms) and with none. The target is 100 ms.

Run from the repository root: ``python bench/lsp.py [--edits 20]`` (needs the
``lsp`` extra).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_WORDS = 2000


def make_draft() -> str:
    """The example draft's prose, repeated with other figures until it has 2,000 words."""
    text = (ROOT / "examples" / "draft.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    body = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
    paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
    out, words, round_ = ["# A long draft\n"], 0, 0
    while words < TARGET_WORDS:
        for paragraph in paragraphs:
            # Other numbers and a section a round, so that sentences are not all repeats.
            shift = round_ % 7
            changed = re.sub(
                r"\b(\d{2})\b", lambda m, shift=shift: str(int(m.group(1)) + shift), paragraph
            )
            out.append(changed)
            words += len(changed.split())
        out.append(f"## Part {round_ + 2}")
        round_ += 1
    return "\n\n".join(out) + "\n"


def in_process(text: str, edits: int) -> None:
    from factcheck.lsp.live import LiveLinter

    linter = LiveLinter(ROOT)
    path = str(ROOT / "long-draft.md")
    start = time.perf_counter()
    linter.checker(linter.config(None), "markdown")
    loaded = time.perf_counter() - start
    print(f"database and config loaded (through the cache): {loaded * 1000:.0f} ms")
    start = time.perf_counter()
    first = linter.lint(path, text, "markdown")
    cold = time.perf_counter() - start
    sentences = first.report.sentences
    print(f"draft: {len(text.split()):,} words, {sentences} sentences")
    print(f"first check of the draft: {cold * 1000:.0f} ms")
    incremental, scratch, rechecked = [], [], []
    for number in range(edits):
        edited = text.replace("nearly three quarters", f"nearly {number} quarters", 1)
        start = time.perf_counter()
        linted = linter.lint(path, edited, "markdown")
        incremental.append(time.perf_counter() - start)
        rechecked.append(linted.rechecked)
        linter.forget(path)
        start = time.perf_counter()
        linter.lint(path, edited, "markdown")
        scratch.append(time.perf_counter() - start)
        linter.lint(path, text, "markdown")  # back to the original, memo warm
    print(
        f"after editing one paragraph: {statistics.median(incremental) * 1000:.1f} ms "
        f"(median of {edits}), {statistics.median(rechecked):.0f} of {sentences} sentences "
        f"checked again; from scratch {statistics.median(scratch) * 1000:.0f} ms"
    )


async def end_to_end(text: str, edits: int, debounce: float | None) -> list[float]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}
    event = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            event.set()

    await client.start_io(sys.executable, "-m", "factcheck", "lsp")
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.md"
        draft.write_text(text, encoding="utf-8")
        uri = draft.as_uri()
        options = {} if debounce is None else {"debounce": debounce}
        await client.initialize_async(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(),
                root_uri=Path(folder).as_uri(),
                initialization_options=options,
            )
        )
        client.initialized(lsp.InitializedParams())
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        while 1 not in arrived:
            await asyncio.wait_for(event.wait(), 60)
            event.clear()
        line = next(n for n, t in enumerate(text.split("\n")) if "nearly three" in t)
        column = text.split("\n")[line].index("three")
        latencies = []
        for number in range(edits):
            version = number + 2
            word = "three" if number % 2 else "four!"
            where = lsp.Range(lsp.Position(line, column), lsp.Position(line, column + 5))
            sent = time.perf_counter()
            client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    [lsp.TextDocumentContentChangePartial(range=where, text=word)],
                )
            )
            while version not in arrived:
                await asyncio.wait_for(event.wait(), 30)
                event.clear()
            latencies.append(arrived[version] - sent)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    text = make_draft()
    in_process(text, args.edits)
    for debounce, label in ((None, "default debounce, 30 ms"), (0, "no debounce")):
        latencies = asyncio.run(end_to_end(text, args.edits, debounce))
        print(
            f"edit -> diagnostics over stdio ({label}): median "
            f"{statistics.median(latencies) * 1000:.0f} ms, worst {max(latencies) * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
