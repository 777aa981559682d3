"""The language server end to end: the real ``factcheck lsp`` as a subprocess, over stdio.

pytest-lsp plays the editor: it initializes the server, opens a draft with a
known figure mismatch, misquotation and misattribution (one of them after
emoji, which are two UTF-16 code units each), and checks the diagnostics'
ranges, their updates after edits, the hover and every quick fix applied
to the text.
"""

from __future__ import annotations

import asyncio
import sys

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from conftest import ROOT  # noqa: E402

DRAFT = (ROOT / "tests" / "lsp" / "draft.md").read_text(encoding="utf-8")
MODULE = pytest.mark.asyncio(loop_scope="module")
pytestmark = MODULE


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "factcheck", "lsp"]),
)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("newsroom")
    lsp_client.registrations = []
    lsp_client.published = []

    # Every publication's version, beside pytest-lsp's own record of the last one.
    features = lsp_client.protocol.fm.features
    keep = features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def published(params: lsp.PublishDiagnosticsParams) -> None:
        lsp_client.published.append((params.uri, params.version))
        keep(params)

    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = published

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(
                workspace=lsp.WorkspaceClientCapabilities(
                    did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
                        dynamic_registration=True
                    ),
                    workspace_edit=lsp.WorkspaceEditClientCapabilities(document_changes=True),
                )
            ),
            root_uri=root.as_uri(),
            initialization_options={"debounce": 20},
        )
    )
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()


async def wait_for(holds, what, timeout: float = 15.0) -> None:
    """Wait until ``holds()``: the server answers in its own time (``what()`` says
    what was seen when it never does)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not holds():
        assert asyncio.get_running_loop().time() < deadline, what()
        await asyncio.sleep(0.02)


async def diagnostics(client: LanguageClient, uri: str, until, timeout: float = 15.0):
    """The document's diagnostics once ``until(diagnostics)`` holds."""

    def found():
        return client.diagnostics.get(uri)

    await wait_for(
        lambda: found() is not None and until(found()),
        lambda: f"diagnostics so far: {found()}",
        timeout,
    )
    return found()


async def shown(client: LanguageClient, text: str) -> None:
    """Wait until a message the server showed holds ``text``: it is sent apart from the
    diagnostics, and on a loaded machine may come after them."""
    await wait_for(
        lambda: any(text in m.message for m in client.messages),
        lambda: f"messages: {client.messages}",
    )


def by_code(found) -> dict[str, lsp.Diagnostic]:
    return {d.code: d for d in found}


def open_draft(client: LanguageClient, name: str, text: str = DRAFT, language: str = "markdown"):
    path = client.root / name
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, edits: list[lsp.TextEdit]) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in edits],
        )
    )


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply UTF-16 text edits (the last first, as a client does)."""
    lines = text.split("\n")

    def offset(position: lsp.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for number, char in enumerate(line):
            if units >= position.character:
                return before + number
            units += utf16(char)
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
        lines = text.split("\n")
    return text


def edits_of(action: lsp.CodeAction) -> list[lsp.TextEdit]:
    (document_edit,) = action.edit.document_changes
    return list(document_edit.edits)


async def test_diagnostics_at_utf16_ranges(client: LanguageClient):
    uri = open_draft(client, "draft.md")
    found = by_code(await diagnostics(client, uri, lambda d: len(d) >= 3))
    assert set(found) == {"FC001", "FC002", "FC003"}
    figure, quote, speaker = found["FC001"], found["FC002"], found["FC003"]
    assert figure.severity == lsp.DiagnosticSeverity.Error
    assert figure.source == "factcheck"
    assert figure.message == "figure mismatch: value 58 percent, source says 52 percent"
    assert (figure.range.start.line, figure.range.start.character) == (2, 0)
    assert figure.code_description.href.startswith("file://")
    assert figure.code_description.href.endswith("FC001.md")
    # The misquotation follows "Reaction came fast 🎉🎉. ": 23 characters, 25 UTF-16 units.
    line = DRAFT.split("\n")[4]
    start = line.index('"This action')
    assert start == 23
    assert (quote.range.start.line, quote.range.start.character) == (4, 25)
    assert quote.range.end == lsp.Position(4, utf16(line.rstrip()))
    assert speaker.range.start == lsp.Position(6, 0)
    assert "Alejandro Caceres" in speaker.message


async def test_edits_update_diagnostics_latest_version_wins(client: LanguageClient):
    uri = open_draft(client, "edited.md")
    await diagnostics(client, uri, lambda d: "FC001" in by_code(d))
    # Three quick edits: 58 -> 53 -> 59 -> 52. Only the last version may be published.
    line = 2
    for version, figure in ((2, "53"), (3, "59"), (4, "52")):
        where = lsp.Range(lsp.Position(line, 9), lsp.Position(line, 11))
        change(client, uri, version, [lsp.TextEdit(where, figure)])
    found = await diagnostics(client, uri, lambda d: "FC001" not in by_code(d))
    assert set(by_code(found)) == {"FC002", "FC003"}
    versions = [v for u, v in client.published if u == uri]
    assert versions == sorted(versions) and versions[-1] == 4  # never an older one after
    # An edit above moves the other diagnostics down a line.
    change(client, uri, 5, [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), "\n")])
    found = await diagnostics(client, uri, lambda d: by_code(d)["FC003"].range.start.line == 7)
    assert by_code(found)["FC002"].range.start == lsp.Position(5, 25)


async def test_hover_shows_the_evidence(client: LanguageClient):
    uri = open_draft(client, "hover.md")
    await diagnostics(client, uri, lambda d: len(d) >= 3)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(2, 12))
    )
    text = hover.contents.value
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    assert "figure mismatch" in text
    assert "`FC001`" in text
    assert "> In 2016, 52 percent of all federal criminal prosecutions" in text
    assert "found 58 percent — source 52 percent" in text
    assert "**Said by** Grassroots Leadership" in text
    assert "**Cite** Grassroots Leadership. (2017, April 11)." in text
    quiet = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(0, 2))
    )
    assert quiet is None  # the heading: nothing checked


async def actions_at(client: LanguageClient, uri: str, line: int) -> dict[str, lsp.CodeAction]:
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            lsp.Range(lsp.Position(line, 30), lsp.Position(line, 30)),
            lsp.CodeActionContext(diagnostics=[]),
        )
    )
    return {action.title: action for action in actions}


async def test_quick_fixes_change_only_what_they_must(client: LanguageClient):
    """Each fix is applied as an editor would: edit the text, then tell the server."""
    uri = open_draft(client, "fixes.md")
    await diagnostics(client, uri, lambda d: len(d) >= 3)
    lines = DRAFT.split("\n")
    text, version = DRAFT, 1

    def applied(action: lsp.CodeAction) -> str:
        nonlocal text, version
        (document_edit,) = action.edit.document_changes
        assert document_edit.text_document.version == version  # edits of that version only
        old, text, version = text, apply(text, list(document_edit.edits)), version + 1
        whole = lsp.Range(lsp.Position(0, 0), lsp.Position(len(old.split("\n")), 0))
        change(client, uri, version, [lsp.TextEdit(whole, text)])
        return text

    figure = (await actions_at(client, uri, 2))["Replace 58 percent with the source's 52 percent"]
    assert figure.kind == lsp.CodeActionKind.QuickFix and figure.is_preferred
    (edit,) = edits_of(figure)
    assert (edit.range.start, edit.range.end, edit.new_text) == (
        lsp.Position(2, 9),
        lsp.Position(2, 11),
        "52",
    )
    assert applied(figure).split("\n")[2] == lines[2].replace("58 percent", "52 percent")
    await diagnostics(client, uri, lambda d: "FC001" not in by_code(d))

    quote = (await actions_at(client, uri, 4))["Restore the quotation to the source's words"]
    (edit,) = edits_of(quote)
    assert edit.new_text == "puts"
    assert edit.range.start.character == utf16(lines[4][: lines[4].index("turns")])
    assert "Trump's fear-mongering and puts it into" in applied(quote)  # the apostrophe kept
    await diagnostics(client, uri, lambda d: "FC002" not in by_code(d))

    disable = (await actions_at(client, uri, 6))["Disable FC003 (misattributed) for this line"]
    (edit,) = edits_of(disable)
    assert edit.range.start == edit.range.end == lsp.Position(6, 0)
    assert edit.new_text.startswith("<!-- factcheck-disable-next-line FC003 -- ")
    applied(disable)
    await diagnostics(client, uri, lambda d: len(d) == 0)

    cite = await actions_at(client, uri, 9)
    (title,) = [t for t in cite if t.startswith("Cite the source")]
    cited = applied(cite[title])
    assert "immigration-related offenses.[^factcheck-1]\n" in cited
    assert cited.endswith(
        "\n[^factcheck-1]: “In 2016, 52 percent of all federal criminal prosecutions involved "
        "immigration-related offenses” — Grassroots Leadership, Austin, Texas-based national "
        "organization. Grassroots Leadership, “Sessions memo orders federal prosecutors to "
        "prioritize immigration prosecutions; Grassroots Leadership responds,” press release, "
        "Austin, Texas, April 11, 2017.\n"
    )
    only_source = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            lsp.Range(lsp.Position(2, 0), lsp.Position(2, 0)),
            lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.SourceOrganizeImports]),
        )
    )
    assert not only_source
    # The cited sentence offers no second footnote.
    assert not [t for t in await actions_at(client, uri, 9) if t.startswith("Cite the source")]


async def test_database_and_config_reload_and_errors(client: LanguageClient):
    folder = client.root / "desk"
    folder.mkdir()
    (folder / ".factcheck.toml").write_text('db = "missing.yaml"\n', encoding="utf-8")
    path = folder / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=DRAFT)
        )
    )
    found = await diagnostics(client, uri, lambda d: len(d) == 1)
    assert "factcheck cannot check this draft" in found[0].message
    await shown(client, "missing.yaml")
    # The config is fixed and the severity of FC003 lowered: read again on save.
    (folder / ".factcheck.toml").write_text(
        f'db = "{(ROOT / "claims.yaml").as_posix()}"\n[severity]\nFC003 = "info"\n',
        encoding="utf-8",
    )
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    found = by_code(await diagnostics(client, uri, lambda d: len(d) >= 3))
    assert found["FC003"].severity == lsp.DiagnosticSeverity.Information
    # A copy of the database where the draft's figure is right: reloaded when it changes.
    database = folder / "claims.yaml"
    (folder / "sources").mkdir()
    release = ROOT / "sources" / "grassroots-leadership-2017-04-11.txt"
    (folder / "sources" / release.name).write_bytes(release.read_bytes())
    database.write_bytes((ROOT / "claims.yaml").read_bytes())
    (folder / ".factcheck.toml").write_text('db = "claims.yaml"\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=database.as_uri(), type=lsp.FileChangeType.Created)]
        )
    )
    await diagnostics(client, uri, lambda d: by_code(d).get("FC003", d[0]).severity == 1)
    broken = database.read_text(encoding="utf-8").replace("claims:", "claims: [", 1)
    database.write_text(broken, encoding="utf-8")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=database.as_uri(), type=lsp.FileChangeType.Changed)]
        )
    )
    found = await diagnostics(client, uri, lambda d: len(d) == 1)
    assert "claims.yaml" in found[0].message
    assert database.as_uri() in client.diagnostics  # the error on the database file too
    assert [r.method for r in client.registrations] == ["workspace/didChangeWatchedFiles"]


async def test_plain_text_and_suppressions(client: LanguageClient):
    text = (
        "# factcheck-disable-next-line FC001 -- confirmed with the author\n"
        "In 2016, 58 percent of all federal criminal prosecutions involved "
        "immigration-related offenses.\n"
    )
    uri = open_draft(client, "note.txt", text, "plaintext")
    await diagnostics(client, uri, lambda d: len(d) == 0)
    change(
        client,
        uri,
        2,
        [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), lsp.Position(1, 0)), "")],
    )
    found = await diagnostics(client, uri, lambda d: len(d) == 1)
    assert found[0].code == "FC001" and found[0].range.start == lsp.Position(0, 0)


async def test_utf8_positions_when_the_client_negotiates_them(tmp_path):
    config = ClientServerConfig(server_command=[sys.executable, "-m", "factcheck", "lsp"])
    other = await config.start()
    try:
        result = await other.initialize_session(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(
                    general=lsp.GeneralClientCapabilities(
                        position_encodings=[lsp.PositionEncodingKind.Utf8]
                    )
                ),
                root_uri=tmp_path.as_uri(),
            )
        )
        assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
        other.root = tmp_path
        uri = open_draft(other, "draft.md")
        found = by_code(await diagnostics(other, uri, lambda d: len(d) >= 3))
        line = DRAFT.split("\n")[4]
        assert found["FC002"].range.start == lsp.Position(4, len(line[:23].encode()))
        await other.shutdown_session()
    finally:
        await other.stop()


async def test_requests_for_unknown_drafts_answer_nothing(client: LanguageClient):
    uri = (client.root / "never-opened.md").as_uri()
    where = lsp.Position(0, 0)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), where)
    )
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            lsp.Range(where, where),
            lsp.CodeActionContext(diagnostics=[]),
        )
    )
    assert hover is None and actions is None
    # The server is still there.
    assert (
        await client.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(open_draft(client, "alive.md")), where)
        )
        is None
    )
