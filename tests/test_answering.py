"""Requests first: the work after earlier requests waits while one is being answered."""

from __future__ import annotations

import asyncio
import threading
import time

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Message

from bot.answering import Answering, gives_way
from bot.app import Baton
from bot.web import AnsweringFirst


def waited(answering: Answering, *, marked: bool) -> tuple[threading.Thread, threading.Event]:
    """A thread that gives way once; the event is set when it went on."""
    went_on = threading.Event()

    def work() -> None:
        if marked:
            gives_way()
        answering.give_way()
        went_on.set()

    thread = threading.Thread(target=work)
    thread.start()
    return thread, went_on


def test_work_waits_while_a_request_is_answered_and_goes_on_after() -> None:
    answering = Answering(patience=10)
    answering.started()
    thread, went_on = waited(answering, marked=True)
    assert not went_on.wait(0.2), "it waits for the request"
    answering.answered()
    assert went_on.wait(5), "and goes on once it is answered"
    thread.join()


def test_threads_not_marked_never_wait() -> None:
    answering = Answering(patience=10)
    answering.started()
    thread, went_on = waited(answering, marked=False)
    assert went_on.wait(5)
    thread.join()


def test_under_a_flood_work_waits_at_most_its_patience() -> None:
    answering = Answering(patience=0.05)
    answering.started()  # never answered
    start = time.monotonic()
    thread, went_on = waited(answering, marked=True)
    assert went_on.wait(5)
    assert time.monotonic() - start >= 0.05
    thread.join()


def test_a_request_counts_until_its_response_is_sent() -> None:
    answering = Answering()
    seen: list[int] = []

    def answer(_request: Request) -> Response:
        seen.append(answering.being_answered)
        return PlainTextResponse("ok")

    app = AnsweringFirst(Starlette(routes=[Route("/", answer)]), answering)
    sent: list[Message] = []

    async def request(path: str) -> None:
        scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Message) -> None:
            sent.append(message)

        await app(scope, receive, send)

    asyncio.run(request("/"))
    assert seen == [1], "counted while it is answered"
    assert answering.being_answered == 0
    asyncio.run(request("/missing"))
    assert answering.being_answered == 0, "answered, found or not"
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [200, 404]


def test_on_postgresql_work_gives_way_before_each_transaction(baton: Baton) -> None:
    baton.answering.patience = 10
    baton.answering.started()  # a request being answered
    took: list[float] = []

    def work() -> None:
        gives_way()
        start = time.monotonic()
        with baton.db.transaction() as session:
            session.execute(text("SELECT 1"))
        took.append(time.monotonic() - start)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(0.3)
    baton.answering.answered()
    thread.join(10)
    [seconds] = took
    if baton.db.engine.dialect.name == "postgresql":
        assert seconds >= 0.3, "its transaction began once the request was answered"
    else:
        assert seconds < 0.3, "on SQLite a transaction holds the write lock: it never waits"
