"""Who does what in a run: `key=value` pairs split into roles and fields, people found."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.commands.models import UserRef
from bot.commands.request import Request
from bot.commands.words import user_ref
from bot.core.errors import UserError
from bot.core.runs.plan import needed_fields
from bot.core.templates.spec import TemplateSpec
from storage.models import Member


def split_pairs(
    spec: TemplateSpec, pairs: Iterable[tuple[str, str]]
) -> tuple[dict[str, UserRef], dict[str, str]]:
    """Roles (`manager=@bob`) and fields (`city=Lyon`) of `pairs`; a key that is neither,
    or a role given something else than a person, is a UserError naming what there is."""
    fields = needed_fields(spec)
    roles: dict[str, UserRef] = {}
    values: dict[str, str] = {}
    for key, value in pairs:
        if key in spec.roles:
            ref = user_ref(value.strip())
            if ref is None:
                raise UserError("run.role_needs_person", role=key, given=value[:40])
            roles[key] = ref
        elif key in fields:
            values[key] = value
        else:
            raise UserError(
                "run.unknown_key",
                name=key[:40],
                template=spec.name,
                roles=", ".join(spec.roles) or "—",
                fields=", ".join(fields) or "—",
            )
    return roles, values


def find_people(req: Request, roles: Mapping[str, UserRef]) -> dict[str, Member]:
    """The member for each role (a UserError for someone Baton cannot find)."""
    found: dict[str, Member] = {}
    for role, ref in roles.items():
        member = req.person(ref)
        assert member is not None  # a reference names someone, or find_member refused
        found[role] = member
    return found


def fixed_people(req: Request, spec: TemplateSpec) -> dict[str, Member]:
    """The people a template names itself (`assignee: @anna`), by that name."""
    found: dict[str, Member] = {}
    for item in spec.items:
        if item.assignee and item.assignee.startswith("@") and item.assignee not in found:
            member = req.person(UserRef(name=item.assignee[1:]))
            assert member is not None
            found[item.assignee] = member
    return found
