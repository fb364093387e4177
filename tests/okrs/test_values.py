"""Values as people type them in a check-in or a key result: what is read, what is refused."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.core.catalog import text
from bot.core.errors import UserError
from bot.core.okrs.values import parse_value

# What a value looks like, written again here independently of the parser.
_VALUE_SHAPE = re.compile(r"[-+\u2212]?\s*[0-9]{1,15}([.,][0-9]{1,6})?\s*([kKM%])?")


@pytest.mark.parametrize(
    ("given_text", "value"),
    [
        ("87", 87.0),
        ("87.5", 87.5),
        ("87,5", 87.5),
        ("87 %", 87.0),
        ("87%", 87.0),
        ("1.2k", 1200.0),
        ("3M", 3_000_000.0),
        ("-4", -4.0),
        ("−4", -4.0),
        ("+12", 12.0),
        ("0", 0.0),
        ("-0", 0.0),
        (" 61 ", 61.0),
        ("87\u00a0%", 87.0),
    ],
)
def test_the_accepted_forms_are_read(given_text: str, value: float) -> None:
    assert parse_value(given_text) == value


@pytest.mark.parametrize(
    "given_text",
    [
        "",
        "abc",
        "87 percent",
        "1,234.5",
        "1.2.3",
        "12k%",
        ".5",
        "5.",
        "k",
        "%",
        "--4",
        "1e5",
        "nan",
        "١٢",
    ],
)
def test_anything_else_is_refused_with_the_accepted_forms(given_text: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_value(given_text)
    reply = text(refused.value.key, "en", **refused.value.params)
    assert "`87,5`" in reply
    assert "`1.2k`" in reply


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_a_number_written_with_a_point_or_a_comma_reads_back_the_same(number: object) -> None:
    written = f"{number:f}"
    assert parse_value(written) == pytest.approx(float(written))
    assert parse_value(written.replace(".", ",")) == pytest.approx(float(written))


@given(st.text(max_size=30))
@example("1" * 400)
@example("١٢")  # digits of another script are not read as numbers
def test_any_text_is_read_or_refused_with_a_clear_reply_never_a_traceback(given_text: str) -> None:
    if not _VALUE_SHAPE.fullmatch(given_text.strip().replace("\u00a0", " ").replace("\u202f", " ")):
        with pytest.raises(UserError) as refused:
            parse_value(given_text)
        assert refused.value.key == "okr.error.bad_value"
        assert len(text(refused.value.key, "fr", **refused.value.params)) < 200
        return
    value = parse_value(given_text)
    assert math.isfinite(value)
