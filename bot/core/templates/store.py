"""Templates in the database: each import of a name adds a version when something changed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import select

from bot.core.errors import UserError
from bot.core.scope import Scope
from bot.core.templates.shipped import shipped_names
from bot.core.templates.spec import TemplateSpec
from bot.core.templates.validation import validate
from storage.models import Template, TemplateVersion
from storage.upsert import insert_if_absent


@dataclass(frozen=True)
class Saved:
    template: Template
    version: TemplateVersion
    previous: TemplateVersion | None
    """The version before this import (None for a new template)."""
    changed: bool
    """False when the import was the same as the newest version (no version was added)."""


def spec_of(version: TemplateVersion) -> TemplateSpec:
    return TemplateSpec.model_validate(version.spec)


def save(scope: Scope, spec: TemplateSpec) -> Saved:
    """Saves `spec` under its name: a new template, or a new version of the one there is."""
    values = {
        "workspace_id": scope.workspace.id,
        "name": spec.name,
        "version": 0,
        "created_at": scope.now,
        "updated_at": scope.now,
    }
    insert_if_absent(scope.session, Template, values, ["workspace_id", "name"])
    template = scope.session.scalars(
        select(Template)
        .where(Template.workspace_id == scope.workspace.id, Template.name == spec.name)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    previous = latest(scope, template) if template.version else None
    stored = spec.model_dump(mode="json")
    if previous is not None and previous.spec == stored:
        return Saved(template, previous, previous, changed=False)
    template.version += 1
    template.updated_at = scope.now
    version = TemplateVersion(
        workspace_id=scope.workspace.id,
        template_id=template.id,
        version=template.version,
        title=spec.title[:200],
        spec=stored,
        item_count=len(spec.items),
        created_by_id=scope.person.id if scope.person else None,
        created_at=scope.now,
    )
    scope.session.add(version)
    scope.session.flush()
    return Saved(template, version, previous, changed=True)


def find(scope: Scope, name: str) -> Template:
    """The template `name`; a UserError naming the ones there are when there is none."""
    template = scope.session.scalars(
        select(Template).where(
            Template.workspace_id == scope.workspace.id,
            Template.name == name.lower(),
            Template.version > 0,
        )
    ).one_or_none()
    if template is not None:
        return template
    names = list(
        scope.session.scalars(
            select(Template.name)
            .where(Template.workspace_id == scope.workspace.id, Template.version > 0)
            .order_by(Template.name)
            .limit(50)
        )
    )
    shown = name[:60]
    if name.lower() in shipped_names():
        raise UserError("template.unknown_shipped", name=shown)
    close = difflib.get_close_matches(name.lower(), names, n=1)
    if close:
        raise UserError("template.unknown_suggest", name=shown, suggestion=close[0])
    known = ", ".join(f"`{n}`" for n in names) if names else "none yet"
    raise UserError("template.unknown", name=shown, known=known)


def latest(scope: Scope, template: Template) -> TemplateVersion:
    return version_of(scope, template, template.version)


def version_of(scope: Scope, template: Template, number: int) -> TemplateVersion:
    return scope.session.scalars(
        select(TemplateVersion).where(
            TemplateVersion.template_id == template.id, TemplateVersion.version == number
        )
    ).one()


def all_templates(scope: Scope) -> list[tuple[Template, TemplateVersion]]:
    """Every template with its newest version, by name."""
    rows = scope.session.execute(
        select(Template, TemplateVersion)
        .join(
            TemplateVersion,
            (TemplateVersion.template_id == Template.id)
            & (TemplateVersion.version == Template.version),
        )
        .where(Template.workspace_id == scope.workspace.id)
        .order_by(Template.name)
    ).all()
    return [(template, version) for template, version in rows]


def clone(scope: Scope, name: str, new_name: str) -> tuple[Template, Saved]:
    """Copies the newest version of `name` as a new template `new_name`."""
    source = find(scope, name)
    spec = spec_of(latest(scope, source))
    if scope.session.scalar(
        select(Template.id).where(
            Template.workspace_id == scope.workspace.id,
            Template.name == new_name,
            Template.version > 0,
        )
    ):
        raise UserError("template.exists", name=new_name)
    copied = validate(spec.model_dump(mode="json") | {"name": new_name})
    return source, save(scope, copied)
