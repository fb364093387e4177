"""Realistic people, channels and task titles for seeded workspaces.

Titles are built from the kinds of work a sales and after-sales unit tracks (deliveries,
service points, trade fairs, onboarding), with cities, names and order numbers, so that
most are distinct but some come close, as in a real backlog.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Anna Ben Carla David Elena Felix Greta Hannah Ivan Jonas Katrin Lukas Mia Noah Olga "
    "Paul Quentin Rosa Sophie Tom Ute Viktor Wiebke Xavier Yara Zoe Amelie Bruno Chloe Emil "
    "Fatima Hugo Ines Jan Lea Malik Nora Oskar Pia Samir"
)
LAST_NAMES = _words(
    "Schmidt Muller Weber Fischer Wagner Becker Hoffmann Schulz Koch Richter Klein Wolf "
    "Dubois Martin Bernard Moreau Laurent Rossi Novak Kowalski Jensen Silva Yilmaz Nguyen"
)
# Mostly one office, some colleagues abroad.
TIME_ZONES = (
    ["Europe/Berlin"] * 10
    + ["Europe/Paris"] * 3
    + ["Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Kolkata"]
    + ["Asia/Tokyo", "Australia/Sydney"]
)
CHANNELS = ("general", "sales", "after-sales", "deliveries", "iaa-2026", "onboarding")
LAUNCH_CHANNEL = "launch"

_CITIES = _words(
    "Berlin Hamburg Munich Cologne Frankfurt Stuttgart Dusseldorf Leipzig Dortmund Essen "
    "Bremen Dresden Hanover Nuremberg Duisburg Bochum Wuppertal Bielefeld Bonn Munster "
    "Mannheim Karlsruhe Augsburg Wiesbaden Kiel Aachen Freiburg Lubeck Erfurt Rostock Mainz "
    "Kassel Potsdam Ulm Regensburg Paris Lyon Vienna Zurich Prague"
)
_MODELS = ("ID.7", "Model Q5", "EV9", "Enyaq", "Born", "Cupra Tavascan", "Mustang Mach-E")
_ITEMS = (
    "furniture", "catering", "banners", "name badges", "coffee machine", "LED screens",
    "brochures", "carpet", "lighting", "flower decoration", "giveaways", "test-drive cars",
)  # fmt: skip
_EVENTS = ("IAA booth", "dealer day", "summer party", "press event", "Q3 kickoff", "roadshow")
_DOCUMENTS = (
    "service checklist", "price list", "warranty terms", "partner contract",
    "opening plan", "staffing plan", "signage order", "IT setup",
)  # fmt: skip
_SYSTEMS = ("DMS", "CRM", "parts portal", "warranty portal", "booking tool", "VPN")
_TOPICS = (
    "trade-in offer", "financing", "delivery date", "winter tyres", "wallbox install",
    "service contract", "leasing return", "charging card", "recall appointment", "insurance",
)  # fmt: skip
_ROLES = ("service advisor", "sales trainee", "parts manager", "workshop lead", "receptionist")
_QUARTERS = ("Q1", "Q2", "Q3", "Q4")

_MONTHS = _words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")

# Most kinds name a person, an order or a service point, so titles rarely repeat; a few
# ("Photo shoot of the EV9 in Bonn") come back often enough to meet the duplicate check.
_TEMPLATES = (
    "Order {item} for {event} in {city}",
    "Book {item} for {event} in {city}",
    "Prepare laptop for {person}",
    "Assign a buddy to {person}",
    "30-day review with {person}",
    "Write onboarding plan for {person} ({role})",
    "Confirm payment for delivery {n}",
    "Send registration papers for order {n}",
    "Book delivery appointment for order {n}",
    "Hand over {model} to customer {n}",
    "Call customer {n} about {topic}",
    "Review {document} for service point {point}",
    "Sign {document} for service point {point}",
    "Train service point {point} staff on the {system}",
    "Go-live checklist for service point {point}",
    "Set up {system} accounts for {person}",
    "Fix {system} login for {person}",
    "Update {model} price list for {quarter} in {city}",
    "Draft press release for {model} event on {date}",
    "Plan {quarter} sales targets with {person}",
    "Photo shoot of the {model} in {city}",
    "Translate {model} brochure for {city} dealers",
    "Check stock of {item} in {city}",
    "Collect feedback from {city} dealers on {topic}",
    "Interview candidates for {role} in {city}",
    "Invoice {n} to {city} partner",
)


@dataclass(frozen=True)
class Person:
    handle: str
    display_name: str
    tz: str


def people(rng: random.Random, count: int) -> list[Person]:
    """`count` colleagues with distinct handles (`anna`, or `anna.weber` for a second Anna)."""
    chosen: list[Person] = []
    handles: set[str] = set()
    while len(chosen) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        handle = first.lower() if first.lower() not in handles else f"{first}.{last}".lower()
        if handle in handles:
            continue
        handles.add(handle)
        chosen.append(Person(handle, f"{first} {last}", rng.choice(TIME_ZONES)))
    return chosen


def task_title(rng: random.Random) -> str:
    """One plausible task title."""
    return rng.choice(_TEMPLATES).format(
        item=rng.choice(_ITEMS),
        event=rng.choice(_EVENTS),
        person=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        n=rng.randint(10_000, 99_999),
        model=rng.choice(_MODELS),
        document=rng.choice(_DOCUMENTS),
        city=rng.choice(_CITIES),
        point=f"{rng.choice(_CITIES)}-{rng.randint(1, 30)}",
        date=f"{rng.randint(1, 28)} {rng.choice(_MONTHS)}",
        system=rng.choice(_SYSTEMS),
        topic=rng.choice(_TOPICS),
        role=rng.choice(_ROLES),
        quarter=rng.choice(_QUARTERS),
    )
