"""Tests for spotting duplicate task titles (DESIGN.md story 7)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.similarity import (
    THRESHOLD,
    SimilarTitle,
    find_similar,
    find_similar_normalised,
    normalise,
)

SAME_WORK = [
    ("Order furniture for IAA booth", "Book IAA booth furniture"),
    ("Prepare laptop for Anna", "prepare Anna's laptop"),
    ("Book flights to Munich", "book flight to munich"),
    ("Renew SSL certificate", "SSL certificate renewal"),
    ("Send contract to Müller GmbH", "send the contract to Mueller GmbH"),
    ("Messestand Möbel bestellen", "Möbel für Messestand bestellen"),
    ("Commander les badges pour le salon", "Badges du salon à commander"),
    ("Réserver l'hôtel pour le salon", "Hôtel pour le salon: réserver"),
    ("Envoyer le rapport mensuel", "Rapport mensuel à envoyer"),
    ("Kundenpräsentation vorbereiten", "Kundenpraesentation vorbereiten"),
    ("Fix login bug on iOS", "fix the iOS login bug"),
    ("Call Anna about the offsite", "call anna re: offsite"),
    ("Pay invoice 1042", "pay invoice #1042"),
    ("Organise team offsite in May", "Team offsite (May) – organise"),
    ("Buy printer toner", "order toner for the printer"),
    ("Prepare slides for board meeting", "Board meeting slides - prepare"),
    ("Order furnture for IAA booth", "Order furniture for IAA booth"),  # typo
    ("Book hotel for IAA", "IAA hotel booking"),
    ("Write Q3 OKRs", "Write the Q3 OKR"),
    ("Host the partner meetup", "Hosting the partner meetup"),  # a short word inflected
    # One side adds a short detail: likely the same work, worth a warning.
    ("Book flights to Munich", "Book flights to Munich for Anna"),
    ("Prepare laptop", "Prepare laptop for Anna"),
    ("Order furniture for IAA booth", "Order furniture for the IAA booth in hall 5"),
]

DIFFERENT_WORK = [
    ("Order furniture for IAA booth", "Order catering for IAA booth"),
    ("Book IAA booth furniture", "Book hotel for IAA"),
    ("Prepare laptop for Anna", "Prepare laptop for Ben"),
    ("Call Anna", "Call Ben"),
    ("Fix login bug", "Fix logout bug"),
    ("Weekly report", "Monthly report"),
    ("Q1 review", "Q2 review"),
    # One side adds much more scope than it shares: a different (bigger) piece of work.
    (
        "Order furniture",
        "Order furniture for IAA booth and the hotel lobby and the Munich showroom",
    ),
    ("Book hotel", "Book hotel and flights for the Munich offsite"),
    ("Pay invoice 1042", "Pay invoice 1043"),
    ("Pay invoice 104217", "Pay invoice 104218"),
    ("Team offsite 2024", "Team offsite 2025"),
    ("Book flights to Munich", "Book flights to Berlin"),
    ("Send contract to Müller GmbH", "Send contract to Meyer GmbH"),
    ("Send contract to Müller GmbH", "Sign contract with Müller GmbH"),
    ("Messestand Möbel bestellen", "Messestand Catering bestellen"),
    ("Réserver l'hôtel pour Anna", "Réserver le train pour Anna"),
    ("Update pricing page", "Update careers page"),
    ("Update test page", "Update testimonial page"),
    ("Renew SSL certificate", "Renew domain name"),
    ("Prepare slides for board meeting", "Prepare minutes for board meeting"),
    ("Write Q3 OKRs", "Review Q3 OKRs"),
    ("Hire designer", "Hire developer"),
    ("Onboarding for Anna", "Offboarding for Anna"),
    ("Order furniture", "Assemble furniture"),
    ("Order furniture for IAA booth", "Order furniture for the hotel lobby"),
    # A word that starts like another is not its inflection when much longer.
    ("Buy cards", "Buy cardigans"),
    ("Pack cards for the fair", "Pack cardigans for the fair"),
]

# Where the line is: one side repeats the other and adds something. A short detail (a person,
# a place, an occasion) is the same work and gets the warning; a second thing to do ("and
# posters") is more work than the two share and does not. These pairs sit just either side of
# the line, so moving it either way breaks one of them.
DETAIL_ADDED = [
    ("Book hotel", "Book hotel for Anna"),
    ("Print flyers", "Print flyers for the fair"),
    ("Prepare laptop", "Prepare laptop for Anna"),
    ("Hotel buchen", "Hotel für Anna buchen"),
    ("Flyer drucken", "Flyer für die Messe drucken"),
    ("Rechnung schreiben", "Rechnung an Müller schreiben"),
    ("Angebot schreiben", "Angebot für Müller schreiben"),
    ("Réserver l'hôtel", "Réserver l'hôtel pour Anna"),
    ("Imprimer les flyers", "Imprimer les flyers pour le salon"),
    ("Préparer le stand", "Préparer le stand pour Anna"),
    ("Vérifier le contrat", "Vérifier le contrat avec Renault"),  # right on the line
]

WORK_ADDED = [
    ("Print flyers", "Print flyers and posters"),
    ("Order badges", "Order badges and lanyards"),
    ("Update website", "Update website and newsletter"),
    ("Write press release", "Write press release and blog post"),
    ("Renew SSL certificate", "Renew SSL certificate and DNS records"),
    ("Flyer drucken", "Flyer und Plakate drucken"),
    ("Messestand planen", "Messestand und Catering planen"),
    ("Hotel buchen", "Hotel und Mietwagen buchen"),
    ("Envoyer la facture", "Envoyer la facture et la relance"),
    ("Imprimer les flyers", "Imprimer les flyers et les affiches"),
    ("Préparer le stand", "Préparer le stand et le catalogue"),
    ("Réserver l'hôtel", "Réserver l'hôtel et la voiture"),
    ("Mettre à jour le site", "Mettre à jour le site et la newsletter"),
]


@pytest.mark.parametrize(("short", "longer"), DETAIL_ADDED)
def test_a_short_detail_added_is_still_the_same_work(short: str, longer: str) -> None:
    assert [h.key for h in find_similar(longer, [(7, short)])] == [7]
    assert [h.key for h in find_similar(short, [(7, longer)])] == [7]


@pytest.mark.parametrize(("short", "longer"), WORK_ADDED)
def test_another_piece_of_work_added_is_different_work(short: str, longer: str) -> None:
    assert find_similar(longer, [(7, short)]) == []
    assert find_similar(short, [(7, longer)]) == []


@pytest.mark.parametrize(("a", "b"), SAME_WORK)
def test_same_work_matches_both_ways(a: str, b: str) -> None:
    for new, existing in ((a, b), (b, a)):
        [hit] = find_similar(new, [(7, existing)])
        assert (hit.key, hit.title) == (7, existing)
        assert THRESHOLD <= hit.score <= 100


@pytest.mark.parametrize(("a", "b"), DIFFERENT_WORK)
def test_different_work_does_not_match(a: str, b: str) -> None:
    assert find_similar(a, [(7, b)]) == []
    assert find_similar(b, [(7, a)]) == []


def test_best_first_and_limited() -> None:
    open_tasks = [
        (1, "Order catering for IAA booth"),
        (2, "Order furniture for the IAA booth in hall 5"),
        (3, "Book IAA booth furniture"),
        (4, "Furniture for IAA booth"),
    ]
    hits = find_similar("Order furniture for IAA booth", iter(open_tasks), limit=2)
    assert [h.key for h in hits] == [3, 2]
    assert hits[0] == SimilarTitle(3, "Book IAA booth furniture", 100.0)
    assert [h.key for h in find_similar("Order furniture for IAA booth", open_tasks)] == [3, 2, 4]


def test_a_duplicate_is_found_among_many_near_misses() -> None:
    # A finance channel: every other invoice scores higher than the real duplicate, and the
    # guard turns each of them down; the duplicate must still be found behind them.
    invoices = [(number, f"Pay invoice {number}") for number in range(1043, 1053)]
    hits = find_similar("Pay invoice 1042", [*invoices, (7, "Pay invoice 1042 for Anna")])
    assert [h.key for h in hits] == [7]


def test_three_at_most_unless_told_otherwise() -> None:
    titles = dict.fromkeys(range(1, 6), "Book IAA booth furniture")
    normalised = {key: normalise(title) for key, title in titles.items()}
    title = "Order furniture for IAA booth"
    assert len(find_similar(title, titles.items())) == 3
    assert len(find_similar_normalised(title, normalised, titles)) == 3
    assert len(find_similar(title, titles.items(), limit=1)) == 1
    assert len(find_similar(title, titles.items(), limit=5)) == 5


@pytest.mark.parametrize("title", ["", "   ", "?!", "the for to"])
def test_title_without_words_matches_nothing(title: str) -> None:
    assert find_similar(title, [(1, title), (2, "Order furniture")]) == []


def test_no_candidates_or_no_room() -> None:
    assert find_similar("Order furniture", []) == []
    assert find_similar("Order furniture", [(1, "Order furniture")], limit=0) == []
    both = [(1, "Order furniture"), (2, "order furniture")]
    assert find_similar("Order furniture", both, limit=-1) == []


def test_long_titles() -> None:
    long = "Order furniture for the IAA booth, " * 15  # ~500 characters
    assert [h.key for h in find_similar(long, [(1, long.upper()), (2, "Order furniture")])] == [1]


@given(
    st.text(),
    st.lists(st.tuples(st.integers(), st.text()), max_size=20),
    st.integers(min_value=0, max_value=5),
)
def test_never_raises_and_keeps_its_promises(
    title: str, candidates: list[tuple[int, str]], limit: int
) -> None:
    hits = find_similar(title, candidates, limit=limit)
    assert len(hits) <= limit
    assert all(0 <= h.score <= 100 and (h.key, h.title) in candidates for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
