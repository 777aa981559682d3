"""The self-filling table that keeps a function's answers (factcheck.memo)."""

from __future__ import annotations

from factcheck.memo import Memo


def test_each_answer_is_computed_once_and_the_table_starts_again_past_its_limit():
    asked = []
    memo = Memo(lambda key: asked.append(key) or key * 2, limit=3)
    assert [memo[k] for k in (1, 2, 1, 3, 2)] == [2, 4, 2, 6, 4]
    assert asked == [1, 2, 3]
    assert list(map(memo.__getitem__, (1, 2, 3))) == [2, 4, 6] and asked == [1, 2, 3]
    assert memo[4] == 8  # the fourth key: the table starts again with it
    assert dict(memo) == {4: 8}
    assert memo[1] == 2 and asked == [1, 2, 3, 4, 1]
