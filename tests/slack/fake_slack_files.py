"""Slack's upload flow in the fake: files.getUploadURLExternal, the upload URL itself,
files.completeUploadExternal, and conversations.replies to see what a thread holds
(docs.slack.dev/messaging/working-with-files). Checked as Slack checks them: the `files:write`
scope, the declared length against the bytes sent, file ids that were never issued."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tests.slack.fake_slack_state import SlackState, Workspace

Params = dict[str, Any]


@dataclass
class Upload:
    """One file between files.getUploadURLExternal and files.completeUploadExternal."""

    file_id: str
    team_id: str
    filename: str
    length: int
    alt_txt: str
    data: bytes | None = None
    title: str = ""
    shared_in: tuple[str, str] | None = None
    """(channel, thread ts) where it was shared; None while private."""


def _missing_scope(ws: Workspace, scope: str) -> Params | None:
    if scope in ws.scopes:
        return None
    return {
        "ok": False,
        "error": "missing_scope",
        "needed": scope,
        "provided": ",".join(sorted(ws.scopes)),
    }


def get_upload_url(state: SlackState, ws: Workspace, params: Params) -> Params:
    if missing := _missing_scope(ws, "files:write"):
        return missing
    filename = str(params.get("filename") or "")
    try:
        length = int(params.get("length") or 0)
    except ValueError:
        length = 0
    if not filename or length <= 0:
        return {"ok": False, "error": "invalid_arguments"}
    file_id = f"F{state.next_ts().replace('.', '')[-10:]}"
    state.uploads[file_id] = Upload(
        file_id, ws.team_id, filename, length, str(params.get("alt_txt") or "")
    )
    return {
        "ok": True,
        "upload_url": f"{state.upload_base}/upload/v1/{file_id}",
        "file_id": file_id,
    }


def receive(state: SlackState, file_id: str, data: bytes) -> tuple[int, bytes]:
    """What the upload URL answers: `OK - <length>`, or a refusal in plain text."""
    upload = state.uploads.get(file_id)
    if upload is None or upload.data is not None:
        return 404, b"unknown upload"
    if len(data) != upload.length:
        return 400, f"length {len(data)} is not the declared {upload.length}".encode()
    upload.data = data
    return 200, f"OK - {len(data)}".encode()


def complete_upload(state: SlackState, ws: Workspace, params: Params) -> Params:
    if missing := _missing_scope(ws, "files:write"):
        return missing
    files = params.get("files")
    if isinstance(files, str):
        files = json.loads(files)
    if not isinstance(files, list) or not files:
        return {"ok": False, "error": "invalid_arguments"}
    uploads = [state.uploads.get(str(item.get("id"))) for item in files]
    if any(u is None or u.team_id != ws.team_id or u.data is None for u in uploads):
        return {"ok": False, "error": "file_not_found"}
    channel, thread_ts = str(params.get("channel_id") or ""), str(params.get("thread_ts") or "")
    if channel in state.outside:
        return {"ok": False, "error": "not_in_channel"}
    if thread_ts and (not channel or (channel, thread_ts) not in state.messages):
        return {"ok": False, "error": "invalid_thread_ts"}
    shared = []
    for item, upload in zip(files, uploads, strict=True):
        assert upload is not None
        upload.title = str(item.get("title") or upload.filename)
        upload.shared_in = (channel, thread_ts) if channel else None
        shared.append(_file_object(upload))
    if channel:
        reply = {"type": "message", "user": ws.bot_user_id, "ts": state.next_ts(), "upload": True}
        reply |= {"files": shared, "text": str(params.get("initial_comment") or "")}
        if thread_ts:
            reply["thread_ts"] = thread_ts
            state.replies.setdefault((channel, thread_ts), []).append(reply)
        else:
            state.messages[(channel, str(reply["ts"]))] = reply
    return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in shared]}


def replies(state: SlackState, ws: Workspace, params: Params) -> Params:
    """docs.slack.dev/reference/methods/conversations.replies: the parent, then its replies."""
    channel, ts = str(params.get("channel") or ""), str(params.get("ts") or "")
    if channel in state.outside:
        return {"ok": False, "error": "not_in_channel"}
    parent = state.messages.get((channel, ts))
    if parent is None:
        return {"ok": False, "error": "thread_not_found"}
    limit = min(int(params.get("limit") or 1000), 1000)
    thread = [parent, *state.replies.get((channel, ts), [])][:limit]
    return {"ok": True, "messages": thread, "has_more": False}


def _file_object(upload: Upload) -> Params:
    return {
        "id": upload.file_id,
        "name": upload.filename,
        "title": upload.title,
        "mimetype": "image/png" if upload.filename.endswith(".png") else "",
        "filetype": upload.filename.rsplit(".", 1)[-1],
        "size": upload.length,
        "is_public": upload.shared_in is not None,
    }
