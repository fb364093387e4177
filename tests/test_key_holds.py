"""Key holds: a row written under a channel or person a thread here holds sends no thread
looking, and is never left without one."""

from __future__ import annotations

import threading

from scheduler.key_holds import KeyHolds

GENERAL, BOB = "slack:T1:#general", "slack:T1:@bob"
SALES, CARL = "slack:T1:#sales", "slack:T1:@carl"


class Looks:
    def __init__(self) -> None:
        self.sent: list[bool] = []

    def __call__(self, urgent: bool) -> None:
        self.sent.append(urgent)


def test_a_row_written_under_no_key_held_here_is_for_the_caller_to_look_for() -> None:
    looks = Looks()
    holds = KeyHolds(looks)
    assert not holds.will_find(GENERAL, BOB, urgent=False)
    holds.swap(holds.carried(), (SALES, CARL))
    holds.swap((SALES, CARL), ())
    assert looks.sent == [], "nothing was written while sales was held"


def test_a_row_written_while_its_channel_runs_is_found_by_the_thread_going_on() -> None:
    looks = Looks()
    holds = KeyHolds(looks)
    holds.swap(holds.carried(), (GENERAL, BOB))  # claimed the first row of #general
    assert holds.will_find(GENERAL, CARL, urgent=False), "held by the row running"
    holds.carry((GENERAL, BOB))  # that row is done; the thread claims again
    assert holds.will_find(GENERAL, CARL, urgent=False), "held on the way to the next claim"
    holds.swap(holds.carried(), (GENERAL, CARL))  # the claim took it
    holds.carry((GENERAL, CARL))
    holds.swap(holds.carried(), ())  # nothing more
    assert looks.sent == [], "the row written was taken by the thread holding its channel"
    assert not holds.will_find(GENERAL, CARL, urgent=False), "nothing held any more"


def test_a_row_a_claim_could_not_see_gets_a_thread_sent_looking() -> None:
    looks = Looks()
    holds = KeyHolds(looks)
    holds.swap(holds.carried(), (GENERAL, BOB))
    holds.carry((GENERAL, BOB))
    carried = holds.carried()  # the claim starts, before the row below is written
    assert holds.will_find(GENERAL, CARL, urgent=True)
    holds.swap(carried, ())  # it found nothing
    assert looks.sent == [True], "one thread sent looking, in the urgent lane"


def test_a_claim_that_took_another_channel_lets_go_of_the_last_one() -> None:
    looks = Looks()
    holds = KeyHolds(looks)
    holds.swap(holds.carried(), (GENERAL, BOB))
    holds.carry((GENERAL, BOB))
    carried = holds.carried()
    assert holds.will_find(GENERAL, CARL, urgent=False)
    assert holds.will_find(GENERAL, CARL, urgent=False)  # a second row: one look is enough
    holds.swap(carried, (SALES, CARL))
    assert looks.sent == [False]
    assert holds.will_find(SALES, "slack:T1:@dan", urgent=False), "sales is held now"


def test_a_key_let_go_by_one_thread_and_held_by_another_sends_nobody_yet() -> None:
    looks = Looks()
    holds = KeyHolds(looks)
    took: list[frozenset[str]] = []

    def in_a_second_thread() -> None:
        holds.swap(holds.carried(), (SALES, BOB))  # a row of sales by bob
        took.append(holds.carried())

    holds.swap(holds.carried(), (GENERAL, BOB))
    second = threading.Thread(target=in_a_second_thread)
    second.start()
    second.join()
    assert took == [frozenset()], "carried keys belong to the thread that carries them"
    assert holds.will_find("slack:T1:#support", BOB, urgent=False), "bob is held twice"
    holds.swap((GENERAL, BOB), ())  # this thread lets go; the other still holds bob
    assert looks.sent == [], "the thread still holding bob finds the row"
    holds.swap((SALES, BOB), ())
    assert looks.sent == [False], "once nobody holds bob, a thread is sent looking"
