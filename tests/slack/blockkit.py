"""Block Kit limits as Slack enforces them: the fake answers `invalid_blocks` when one is broken,
so a rendering mistake fails a test the way it would fail in Slack."""

from __future__ import annotations

from typing import Any

MESSAGE_BLOCKS = 50
SURFACE_BLOCKS = 100
_TYPES = {"section", "context", "actions", "divider", "input", "header", "image"}


def _text(obj: Any, limit: int) -> str | None:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        return "text object expected"
    text = obj.get("text")
    if not isinstance(text, str) or not text or len(text) > limit:
        return f"text must be 1..{limit} characters"
    return None


def _button(element: dict[str, Any]) -> str | None:
    problem = _text(element.get("text"), 75)
    if problem:
        return f"button: {problem}"
    if element.get("text", {}).get("type") != "plain_text":
        return "button text must be plain_text"
    if len(str(element.get("value", ""))) > 2000 or len(str(element.get("action_id", ""))) > 255:
        return "button value or action_id too long"
    if element.get("style") not in (None, "primary", "danger"):
        return "bad button style"
    return None


def _block(block: dict[str, Any]) -> str | None:
    kind = block.get("type")
    if kind not in _TYPES:
        return f"unknown block type {kind!r}"
    if kind == "section":
        if "text" not in block and "fields" not in block:
            return "section needs text or fields"
        if "text" in block and (problem := _text(block["text"], 3000)):
            return f"section: {problem}"
        fields = block.get("fields", [])
        if len(fields) > 10 or any(_text(f, 2000) for f in fields):
            return "section fields: at most 10 of at most 2000 characters"
    if kind == "context":
        elements = block.get("elements") or []
        if not 0 < len(elements) <= 10 or any(_text(e, 3000) for e in elements):
            return "context needs 1..10 text elements"
    if kind == "actions":
        elements = block.get("elements") or []
        ids = [e.get("action_id") for e in elements]
        if not 0 < len(elements) <= 25 or len(set(ids)) != len(ids):
            return "actions needs 1..25 elements with distinct action ids"
        for element in elements:
            if element.get("type") == "button" and (problem := _button(element)):
                return problem
    if kind == "input" and (
        _text(block.get("label"), 2000) or not isinstance(block.get("element"), dict)
    ):
        return "input needs a label and an element"
    return None


def blocks_problem(blocks: Any, limit: int = MESSAGE_BLOCKS) -> str | None:
    """Why Slack would refuse these blocks, or None."""
    if blocks is None:
        return None
    if not isinstance(blocks, list) or len(blocks) > limit:
        return f"at most {limit} blocks"
    block_ids = [b.get("block_id") for b in blocks if isinstance(b, dict) and b.get("block_id")]
    if len(set(block_ids)) != len(block_ids):
        return "block ids must be distinct"
    for block in blocks:
        problem = _block(block) if isinstance(block, dict) else "block must be an object"
        if problem:
            return problem
    return None


def view_problem(view: Any) -> str | None:
    """Why Slack would refuse this modal or home view, or None."""
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        return "view type must be modal or home"
    if len(str(view.get("private_metadata", ""))) > 3000:
        return "private_metadata over 3000 characters"
    if view["type"] == "modal":
        for key in ("title", "submit", "close"):
            if key in view and (problem := _text(view[key], 24)):
                return f"{key}: {problem}"
        if "title" not in view:
            return "a modal needs a title"
    return blocks_problem(view.get("blocks"), SURFACE_BLOCKS)
