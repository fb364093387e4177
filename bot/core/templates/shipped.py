"""The templates Baton ships in `templates/`, importable by name (`template import onboarding`)."""

from __future__ import annotations

from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[3] / "templates"


def shipped_names() -> list[str]:
    return sorted(path.stem for path in SHIPPED.glob("*.yaml"))


def shipped_text(name: str) -> str | None:
    """The YAML of the shipped template `name`; None when Baton ships none of that name."""
    if name not in shipped_names():
        return None
    return (SHIPPED / f"{name}.yaml").read_text(encoding="utf-8")
