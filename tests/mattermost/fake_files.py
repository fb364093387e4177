"""Files in the fake Mattermost: POST /files (multipart, as the server reads it), GET /posts/{id},
and the check that a post's `file_ids` name files uploaded to its channel by the bot and not
attached elsewhere (api.mattermost.com: Files, Posts)."""

from __future__ import annotations

import re
from email.parser import BytesParser
from email.policy import HTTP
from typing import TYPE_CHECKING, Any

from tests.mattermost.fake_routes import Answer, ApiError, new_id, route

if TYPE_CHECKING:
    from tests.mattermost.fake_mattermost import Call, FakeMattermost

PNG = b"\x89PNG\r\n\x1a\n"


def multipart(raw: bytes, content_type: str) -> dict[str, Any]:
    """A multipart/form-data body: its plain fields as strings, its files under `files` as
    (name, bytes, content type)."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + raw)
    if not message.is_multipart():
        raise ApiError(400, "api.file.upload_file.read_request.app_error", "Bad multipart body.")
    fields: dict[str, Any] = {"files": []}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        if filename := part.get_filename():
            fields["files"].append((filename, data, part.get_content_type()))
        elif isinstance(name, str):
            fields[name] = data.decode()
    return fields


@route("POST", r"/files")
def upload_files(fake: FakeMattermost, _match: re.Match[str], call: Call) -> Answer:
    body = call.body if isinstance(call.body, dict) else {}
    channel_id = str(body.get("channel_id") or "")
    files = body.get("files") or []
    if not channel_id or not files:
        raise ApiError(400, "api.file.upload_file.incorrect_number_of_files.app_error", "No file.")
    if fake.bot["id"] not in fake.members.get(channel_id, set()):
        raise ApiError(
            403, "api.context.permissions.app_error", "You do not have the appropriate permissions."
        )
    infos = []
    for name, data, content_type in files:
        info = {
            "id": new_id(),
            "user_id": fake.bot["id"],
            "channel_id": channel_id,
            "post_id": "",
            "name": name,
            "extension": name.rsplit(".", 1)[-1],
            "size": len(data),
            "mime_type": content_type,
            "has_preview_image": data.startswith(PNG),
        }
        fake.files[info["id"]] = {**info, "data": data}
        infos.append(info)
    return Answer(201, {"file_infos": infos, "client_ids": []})


@route("GET", r"/posts/(?P<id>[a-z0-9]+)")
def get_post(fake: FakeMattermost, match: re.Match[str], _call: Call) -> Answer:
    post = fake.posts.get(match["id"])
    if post is None:
        raise ApiError(404, "app.post.get.app_error", "Unable to get the post.")
    return Answer(200, post)


def attach(fake: FakeMattermost, post: dict[str, Any], file_ids: Any) -> None:
    """Attaches uploaded files to `post`: each must be the bot's, uploaded to the post's
    channel and attached to no other post."""
    if not file_ids:
        return
    if not isinstance(file_ids, list) or len(file_ids) > 10:
        raise ApiError(400, "model.post.is_valid.file_ids.app_error", "Invalid file ids.")
    for file_id in file_ids:
        info = fake.files.get(str(file_id))
        usable = (
            info is not None
            and info["channel_id"] == post["channel_id"]
            and info["post_id"] in ("", post["id"])
        )
        if not usable:
            raise ApiError(400, "api.post.attach_files.app_error", f"File {file_id} cannot go.")
    for file_id in file_ids:
        fake.files[str(file_id)]["post_id"] = post["id"]
    post["file_ids"] = list(file_ids)
