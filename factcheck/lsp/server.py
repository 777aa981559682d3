"""The language server over stdio, on pygls: the protocol's side of ``factcheck lsp``.

Drafts are linted by ``live.LiveLinter`` on one worker thread, so the event
loop keeps reading the client while a check runs and checks never overlap.
An edit schedules a check after a short pause (``debounce``, 30 ms unless
the client's ``initializationOptions`` say otherwise); a newer edit cancels
the pending one, and a result is published only if the draft is still at
the version it was computed for, so stale diagnostics never reach the
client. Opening and saving check at once. Hover and code actions use the
current version's report, checking first if it is not there yet.

Errors in the configuration or database are diagnostics (on the draft, and
on the broken file when the error names one) and a ``window/showMessage``
once per distinct error; any other error in a check is logged and shown,
and the server goes on.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.lint.linter import RULES, LintResult, Severity
from factcheck.lsp.fixes import Fix, citation_fix, fixes_for
from factcheck.lsp.hover import finding_at, hover_markdown
from factcheck.lsp.live import Linted, LiveLinter, draft_format
from factcheck.lsp.positions import LineIndex
from factcheck.lsp.transport import MAX_MESSAGE_BYTES, SKIPPED_MESSAGE, BoundedReader

log = logging.getLogger(__name__)
DEBOUNCE_SECONDS = 0.03
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
WATCHED = ("**/*.yaml", "**/*.yml", "**/.factcheck.toml", "**/pyproject.toml", "**/sources/**")


class FactcheckServer(LanguageServer):
    """pygls' server with the lint session, its worker and what was published."""

    def __init__(self) -> None:
        super().__init__("factcheck", __version__, lsp.TextDocumentSyncKind.Incremental)
        self.linter = LiveLinter()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factcheck-lint")
        self.debounce = DEBOUNCE_SECONDS
        self.linted: dict[str, tuple[int | None, Linted]] = {}
        self.pending: dict[str, asyncio.Future] = {}
        self.shown: set[str] = set()
        self.broken_files: set[str] = set()
        self.rule_pages: dict[str, str] = {}
        self.shut_down = False

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    # --- checking -------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check a draft after ``delay`` seconds, replacing any check not yet started."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.ensure_future(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        await self.check(uri)

    async def check(self, uri: str) -> Linted | None:
        """Lint the draft's current version and publish it, unless it changed meanwhile."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        version, text = document.version, document.source
        file = Path(to_fs_path(uri)) if uri.startswith("file:") else None
        path = str(file) if file is not None else uri
        fmt = draft_format(path, document.language_id)
        loop = asyncio.get_running_loop()
        try:
            linted = await loop.run_in_executor(
                self.worker, self.linter.lint, path, text, fmt, file
            )
        except FactcheckError as error:
            current = self.workspace.text_documents.get(uri)
            if current is not None and current.version == version:
                self._problem(uri, version, error)
            return None
        except Exception as error:  # a bug must not take the editor's server down
            log.exception("checking %s failed", uri)
            self._show(f"factcheck: checking failed: {error!r}", lsp.MessageType.Error)
            return None
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return None  # stale: a newer version is on its way
        self.linted[uri] = (version, linted)
        self._clear_broken()
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri, diagnostics=self.diagnostics(linted), version=version
            )
        )
        return linted

    async def current(self, uri: str) -> Linted | None:
        """The report of the draft's current version, checked now if need be."""
        document = self.workspace.text_documents.get(uri)
        known = self.linted.get(uri)
        if document is not None and known is not None and known[0] == document.version:
            return known[1]
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        return await self.check(uri)

    def diagnostics(self, linted: Linted) -> list[lsp.Diagnostic]:
        index = LineIndex(linted.document.text, self.encoding)
        return [self._diagnostic(index, result) for result in linted.report.results]

    def _diagnostic(self, index: LineIndex, result: LintResult) -> lsp.Diagnostic:
        page = self.rule_pages.get(result.rule.id)
        return lsp.Diagnostic(
            range=result_range(index, result),
            message=result.message,
            severity=SEVERITIES[result.severity],
            code=result.rule.id,
            code_description=lsp.CodeDescription(href=page) if page else None,
            source="factcheck",
            data={"fingerprint": result.fingerprint},
        )

    def _problem(self, uri: str, version: int | None, error: FactcheckError) -> None:
        """A config or database error: on the draft's first line, on the broken file, shown."""
        start = lsp.Position(0, 0)
        diagnostic = lsp.Diagnostic(
            range=lsp.Range(start, start),
            message=f"factcheck cannot check this draft: {error}",
            severity=lsp.DiagnosticSeverity.Error,
            source="factcheck",
        )
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[diagnostic], version=version)
        )
        if error.file:
            broken = from_fs_path(str(Path(error.file).resolve()))
            if broken and broken != uri:
                line = max((error.line or 1) - 1, 0)
                where = lsp.Range(lsp.Position(line, 0), lsp.Position(line + 1, 0))
                self.broken_files.add(broken)
                there = lsp.Diagnostic(
                    range=where,
                    message=error.message + (f" ({error.fix})" if error.fix else ""),
                    severity=lsp.DiagnosticSeverity.Error,
                    source="factcheck",
                )
                self.text_document_publish_diagnostics(
                    lsp.PublishDiagnosticsParams(uri=broken, diagnostics=[there])
                )
        self._show(f"factcheck: {error}", lsp.MessageType.Error)

    def _clear_broken(self) -> None:
        for uri in self.broken_files:
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )
        self.broken_files.clear()
        self.shown.clear()

    def _show(self, message: str, kind: lsp.MessageType) -> None:
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))

    # --- code actions ---------------------------------------------------------------------

    def code_actions(self, uri: str, linted: Linted, wanted: lsp.Range) -> list[lsp.CodeAction]:
        index = LineIndex(linted.document.text, self.encoding)
        start = index.offset(wanted.start.line, wanted.start.character)
        end = index.offset(wanted.end.line, wanted.end.character)
        actions = []
        for result in linted.report.results:
            first = index.line_column_offset(result.line, result.column)
            last = index.line_column_offset(result.end_line, result.end_column)
            if first <= end and start <= last:
                diagnostic = self._diagnostic(index, result)
                for fix in fixes_for(linted, result):
                    actions.append(self._action(uri, index, fix, [diagnostic]))
        for finding in linted.report.findings:
            sentence = finding.sentence
            if sentence.start <= end and start <= sentence.end:
                fix = citation_fix(linted, finding)
                if fix is not None:
                    actions.append(self._action(uri, index, fix, []))
        return actions

    def _action(
        self, uri: str, index: LineIndex, fix: Fix, diagnostics: list[lsp.Diagnostic]
    ) -> lsp.CodeAction:
        edits = [lsp.TextEdit(offset_range(index, e.start, e.end), e.new) for e in fix.edits]
        return lsp.CodeAction(
            title=fix.title,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=diagnostics or None,
            is_preferred=fix.preferred or None,
            edit=self._workspace_edit(uri, edits),
        )

    def _workspace_edit(self, uri: str, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        """The edits for the version they were computed on, when the client can say no to
        a stale one (``documentChanges``); a plain ``changes`` map otherwise."""
        workspace = self.client_capabilities.workspace
        versioned = workspace and workspace.workspace_edit
        if not (versioned and versioned.document_changes):
            return lsp.WorkspaceEdit(changes={uri: edits})
        version = self.linted[uri][0] if uri in self.linted else None
        document = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return lsp.WorkspaceEdit(
            document_changes=[lsp.TextDocumentEdit(text_document=document, edits=edits)]
        )


def result_range(index: LineIndex, result: LintResult) -> lsp.Range:
    """A lint result's place (1-based lines, character columns) in the client's units."""
    start = index.line_column_offset(result.line, result.column)
    end = index.line_column_offset(result.end_line, result.end_column)
    return offset_range(index, start, end)


def offset_range(index: LineIndex, start: int, end: int) -> lsp.Range:
    """Character offsets as a protocol range."""
    return lsp.Range(lsp.Position(*index.position(start)), lsp.Position(*index.position(end)))


def write_rule_pages() -> dict[str, str]:
    """A Markdown page a rule (from the rules table) in the cache folder, as file URIs.

    The tool has no published documentation site: the diagnostic's link
    opens this page in the editor. None when the cache folder is off or
    cannot be written.
    """
    from factcheck.db.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return {}
    pages = {}
    try:
        (folder / "rules").mkdir(parents=True, exist_ok=True)
        for rule in RULES:
            page = folder / "rules" / f"{rule.id}.md"
            text = (
                f"# {rule.id} {rule.name}\n\n**{rule.title}** (default severity: "
                f"{rule.severity.value})\n\n{rule.help}\n\nSilence it for one sentence with "
                f"`<!-- factcheck-disable-next-line {rule.id} -- reason -->` above it.\n"
            )
            if not page.is_file() or page.read_text(encoding="utf-8") != text:
                page.write_text(text, encoding="utf-8")
            pages[rule.id] = page.resolve().as_uri()
    except OSError:
        return {}
    return pages


def build_server() -> FactcheckServer:
    """The server with its features registered."""
    server = FactcheckServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), int | float):
            server.debounce = max(0.0, float(options["debounce"]) / 1000)
        root = params.root_uri or (
            params.workspace_folders[0].uri if params.workspace_folders else None
        )
        if root and root.startswith("file:"):
            server.linter.root = Path(to_fs_path(root))
        server.rule_pages = write_rule_pages()

    @server.feature(lsp.INITIALIZED)
    async def initialized(params: lsp.InitializedParams) -> None:
        watched = server.client_capabilities.workspace
        dynamic = watched and watched.did_change_watched_files
        if dynamic and dynamic.dynamic_registration:
            watchers = [lsp.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
            registration = lsp.Registration(
                "factcheck-watched-files",
                lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                lsp.DidChangeWatchedFilesRegistrationOptions(watchers),
            )
            try:
                await server.client_register_capability_async(
                    lsp.RegistrationParams([registration])
                )
            except Exception:  # the file check before each lint still sees changes
                log.warning("the client refused to watch the database files")

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, server.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = server.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        server.linted.pop(uri, None)
        path = str(Path(to_fs_path(uri))) if uri.startswith("file:") else uri
        server.worker.submit(server.linter.forget, path)  # the linter lives on the worker
        server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(params: lsp.DidChangeWatchedFilesParams) -> None:
        # Each check compares the files' stamps: re-checking the open drafts is enough.
        for uri in list(server.workspace.text_documents):
            server.schedule(uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        linted = await server.current(uri)
        if linted is None:
            return None
        index = LineIndex(linted.document.text, server.encoding)
        offset = index.offset(params.position.line, params.position.character)
        finding = finding_at(linted.report.findings, offset)
        if finding is None:
            return None
        results = [r for r in linted.report.results if r.finding is finding]
        sentence = finding.sentence
        where = offset_range(index, sentence.start, sentence.end)
        content = lsp.MarkupContent(lsp.MarkupKind.Markdown, hover_markdown(finding, results))
        return lsp.Hover(content, where)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    async def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        only = params.context.only
        if only and not any(str(kind).startswith("quickfix") for kind in only):
            return []  # a source action (organize imports...) on save: none of ours
        uri = params.text_document.uri
        linted = await server.current(uri)
        if linted is None:
            return None
        return server.code_actions(uri, linted, params.range)

    @server.feature(SKIPPED_MESSAGE)
    def skipped_message(params: Any) -> None:
        """A message too large to hold, dropped by ``transport.BoundedReader``: say so.

        pygls hands the params of a method it does not know as an object
        whose attributes are the JSON keys.
        """
        size = int(params.bytes)
        log.warning("skipped a message of %d bytes", size)
        server._show(
            f"factcheck: skipped a message of {size:,} bytes from the editor "
            f"(more than the {MAX_MESSAGE_BYTES // 2**20} MiB a message may be)",
            lsp.MessageType.Warning,
        )

    @server.feature(lsp.SHUTDOWN)
    def shutdown(params: Any) -> None:
        server.shut_down = True
        for waiting in server.pending.values():
            waiting.cancel()
        server.worker.shutdown(wait=False, cancel_futures=True)

    return server


def serve(stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Run the server on the editor's pipes until the client says exit; the exit code.

    The protocol's: 0 when ``shutdown`` came before ``exit``, else 1. pygls
    closes stdout on exit, so it is pointed at nothing for the CLI's last flush.
    """
    import os
    import sys

    server = build_server()
    server.start_io(BoundedReader(stdin), stdout)  # type: ignore[arg-type]
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives until the process ends)
    return 0 if server.shut_down else 1
