"""Requests first: the work after earlier requests waits while one is being answered."""

from __future__ import annotations

import threading
import time

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.answering import Answering, gives_way
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

    app = Starlette(routes=[Route("/", answer)], middleware=[Middleware(AnsweringFirst, answering)])
    with TestClient(app) as client:
        assert client.get("/").text == "ok"
        assert client.get("/missing").status_code == 404
    assert seen == [1]
    assert answering.being_answered == 0, "answered, found or not"
