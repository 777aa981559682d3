"""Checking many documents: the same results in one process or in a pool."""

from __future__ import annotations

import pytest

from factcheck.check import batch
from factcheck.check.batch import check_inputs, check_many, pool_pays
from factcheck.check.checker import Checker, CheckOptions
from factcheck.model import Finding
from factcheck.text.document import Document

SENTENCES = [
    "In 2016, 52 percent of federal prosecutions involved immigration offenses.",
    "In 2016, 25 percent of federal prosecutions involved immigration offenses.",
    "Bob Libal said the only winners are the private prison corporations.",
    "The weather was pleasant in Austin that spring.",
]


def documents(count: int) -> list[Document]:
    return [
        Document.from_text(f"d{n}.txt", " ".join(SENTENCES[n % 4 :] + SENTENCES[: n % 4]))
        for n in range(count)
    ]


def summary(results):
    return [
        (
            r.path,
            r.sentences,
            [(f.verdict.value, f.claim.id if f.claim else None) for f in r.findings],
        )
        for r in results
    ]


def test_pool_and_single_process_give_the_same_results_in_order(checker, monkeypatch):
    docs = documents(8)
    alone = list(check_many(checker, docs, jobs=1))
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", 0)
    assert pool_pays(docs, 2)
    seen = []
    pooled = list(check_many(checker, docs, jobs=2, progress=lambda d, total: seen.append(d)))
    assert summary(pooled) == summary(alone)
    assert seen == list(range(1, 9))


def test_every_kind_of_finding_comes_back_from_the_pool(database, monkeypatch):
    """Findings cross processes pickled: supported and unchecked ones alike."""
    checker = Checker(database, CheckOptions(include_unchecked=True))
    docs = documents(4)
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", 0)
    pooled = list(check_many(checker, docs, jobs=2))
    assert summary(pooled) == summary(check_many(checker, docs, jobs=1))
    assert {f.verdict.value for r in pooled for f in r.findings} >= {"unchecked", "supported"}


@pytest.mark.parametrize("unchecked", [False, True])
def test_one_long_document_shared_among_workers_gives_its_findings_in_order(
    database, monkeypatch, unchecked
):
    """A long draft's sentences are checked in slices by a pool: each slice's first and
    last sentence still read their neighbours in the next slice (a quotation's speaker
    named in the sentence before), and the findings come back whole and in order."""
    checker = Checker(database, CheckOptions(include_unchecked=unchecked))
    text = "\n\n".join(
        [*SENTENCES, "Bob Libal, of Grassroots Leadership, spoke next.",
         "“The only winners are the private prison corporations,” he said."] * 6
    )  # fmt: skip
    document = Document.from_text("long.md", text)
    alone = checker.check_document(document)
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", 0)
    monkeypatch.setattr(batch, "SLICE_SENTENCES", 5)  # slices end between the two
    pooled = batch.check_one(checker, document, jobs=2)
    assert summary([pooled]) == summary([alone])
    assert pooled.findings == alone.findings
    assert len(alone.findings) > 10


def test_a_long_document_is_checked_in_process_on_one_core(checker, monkeypatch):
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", 0)
    monkeypatch.setattr(batch, "_check_slice", None)  # a pool would fail to call it
    result = batch.check_one(checker, documents(1)[0], jobs=1)
    assert summary([result]) == summary([checker.check_document(documents(1)[0])])


def test_a_finding_with_the_default_details_pickles(checker):
    """What a library caller builds without details must cross a process too."""
    import pickle

    finding = checker.check_document(documents(1)[0]).findings[0]
    bare = Finding(finding.path, finding.sentence, finding.verdict, finding.score, "m")
    assert pickle.loads(pickle.dumps(bare)) == bare


@pytest.mark.parametrize(("count", "jobs", "chars", "pays"), [
    (2, 2, 0, False), (8, 1, 0, False), (8, 2, 10**9, False), (8, 2, 0, True),
])  # fmt: skip
def test_the_pool_is_used_only_when_it_pays(monkeypatch, count, jobs, chars, pays):
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", chars)
    assert pool_pays(documents(count), jobs) is pays


def test_inputs_are_checked_in_order_a_chunk_at_a_time(checker, tmp_path, monkeypatch):
    """Results stream a chunk at a time (memory stays flat); the chunks of an input
    add up to the input checked whole."""
    import functools
    import itertools

    import factcheck.text.document as text

    paths = []
    for n in range(3):
        path = tmp_path / f"draft{n}.txt"
        path.write_text("\n\n".join(SENTENCES * 3), encoding="utf-8")
        paths.append(str(path))
    whole = list(check_inputs(checker, [paths[0]]))
    monkeypatch.setattr(batch, "read_input", functools.partial(text.read_input, chunk_chars=100))
    assert len(list(check_inputs(checker, [paths[0]]))) > 1
    results = list(check_inputs(checker, [*paths, paths[0]], jobs=1))
    assert len(results) > 4
    runs = [(path, list(group)) for path, group in itertools.groupby(results, lambda r: r.path)]
    assert [path for path, _ in runs] == [*paths, paths[0]]
    assert all(sum(r.sentences for r in group) == 12 for _, group in runs)
    verdicts = [[f.verdict for r in group for f in r.findings] for _, group in runs]
    assert verdicts[0] == [f.verdict for r in whole for f in r.findings]


def test_a_run_tally_counts_what_streams_past(checker):
    tally = batch.RunTally(files=1)
    findings = list(tally.findings(check_many(checker, documents(2), jobs=1)))
    assert tally.sentences == 8
    assert sum(tally.verdicts.values()) == len(findings)
    assert tally.verdicts["figure-mismatch"] == 2


def test_standard_input_is_the_stream_the_caller_hands_over(checker, monkeypatch):
    """The core reads "-" from the stream it is given and never reaches for sys.stdin."""
    import io
    import sys

    from factcheck.errors import InputError

    monkeypatch.setattr(sys, "stdin", None)
    given = io.BytesIO(SENTENCES[0].encode())
    (result,) = check_inputs(checker, ["-"], stdin=given)
    assert result.path == "<stdin>" and result.findings[0].verdict == "supported"
    with pytest.raises(InputError, match="no standard input"):
        list(check_inputs(checker, ["-"]))


def test_lint_and_verify_read_an_input_alike(tmp_path):
    """One reader: a whole document is the chunks joined, with the same positions."""
    from factcheck.text.document import read_document, read_input

    draft = tmp_path / "draft.md"
    draft.write_text("\ufeff" + "\n\n".join(SENTENCES * 50) + "\n", encoding="utf-8")
    whole = read_document(str(draft))
    chunks = list(read_input(str(draft), chunk_chars=2000))
    assert len(chunks) > 1
    assert "".join(c.text for c in chunks) == whole.text and not whole.text.startswith("\ufeff")
    last = chunks[-1]
    assert last.position(last.offset) == whole.position(last.offset)
