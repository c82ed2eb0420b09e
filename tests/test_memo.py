"""The bounded memo gives what its function gives, computes a remembered key once, stays bounded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.text.memo import Memo


class _Counted:
    """A pure function of a string that counts its calls per key."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}

    def __call__(self, key: str) -> str | None:
        self.calls[key] = self.calls.get(key, 0) + 1
        return None if key.startswith("-") else key.upper()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "-d", "e", "-f"]), max_size=60), st.integers(1, 5))
def test_a_memo_gives_what_its_function_gives(keys: list[str], size: int) -> None:
    fn = _Counted()
    memo = Memo(fn, size)
    for key in keys:
        assert memo.get(key) == fn(key)
        assert len(memo) <= size


def test_a_remembered_key_is_computed_once_even_when_its_value_is_none() -> None:
    fn = _Counted()
    memo = Memo(fn, 10)
    for _ in range(3):
        assert memo.get("x") == "X"
        assert memo.get("-y") is None
    assert fn.calls == {"x": 1, "-y": 1}


def test_a_full_memo_starts_over() -> None:
    fn = _Counted()
    memo = Memo(fn, 2)
    memo.get("a")
    memo.get("b")
    assert len(memo) == 2
    memo.get("c")  # full: forgets a and b, remembers c
    assert len(memo) == 1
    memo.get("c")
    memo.get("a")
    assert fn.calls == {"a": 2, "b": 1, "c": 1}


def test_a_memo_needs_room() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Memo(str.upper, 0)
