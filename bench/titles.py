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
_TOPICS = ("trade-in offer", "financing", "delivery date", "winter tyres", "wallbox install")
_ROLES = ("service advisor", "sales trainee", "parts manager", "workshop lead", "receptionist")
_QUARTERS = ("Q1", "Q2", "Q3", "Q4")
_REGIONS = ("North", "South", "East", "West", "Bavaria", "Rhineland")

_TEMPLATES = (
    "Order {item} for {event}",
    "Book {item} for {event}",
    "Prepare laptop for {person}",
    "Assign a buddy to {person}",
    "30-day review with {person}",
    "Confirm payment for delivery {n}",
    "Send registration papers for order {n}",
    "Book delivery appointment for order {n}",
    "Hand over {model} to customer {n}",
    "Review {document} for {city} service point",
    "Sign {document} with {city} partner",
    "Train {city} staff on the {system}",
    "Set up {system} accounts for {city}",
    "Call customer {n} about {topic}",
    "Update price list for {model}",
    "Draft press release for {model} launch",
    "Photo shoot of the {model} in {city}",
    "Translate {model} brochure for {city} dealers",
    "Check stock of {item} in {city}",
    "Plan {quarter} sales targets for region {region}",
    "Collect feedback from {city} dealers",
    "Fix {system} login for {person}",
    "Write onboarding guide for {role}",
    "Interview candidates for {role} in {city}",
    "Invoice {n} to {city} partner",
    "Go-live checklist for {city} service point",
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
        person=rng.choice(FIRST_NAMES),
        n=rng.randint(10_000, 99_999),
        model=rng.choice(_MODELS),
        document=rng.choice(_DOCUMENTS),
        city=rng.choice(_CITIES),
        system=rng.choice(_SYSTEMS),
        topic=rng.choice(_TOPICS),
        role=rng.choice(_ROLES),
        quarter=rng.choice(_QUARTERS),
        region=rng.choice(_REGIONS),
    )
