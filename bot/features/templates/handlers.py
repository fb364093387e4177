"""Template commands: import, export, list, show and clone, from chat or the CLI."""

from __future__ import annotations

from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core.errors import UserError
from bot.core.message import Block, Context, Message, Section, Strong, Text
from bot.core.runs import history
from bot.core.templates import store
from bot.core.templates.diff import changes
from bot.core.templates.shipped import shipped_names, shipped_text
from bot.core.templates.yaml_io import dump_template, load_template
from bot.features.templates import commands as m
from bot.views.lines import code_blocks, packed
from bot.views.templates import retro_blocks, template_details


def import_(req: Request, cmd: m.TemplateImport) -> Reply:
    source = cmd.source
    if not source:
        shipped = shipped_text(cmd.shipped)
        if shipped is None:
            names = ", ".join(f"`{n}`" for n in shipped_names())
            raise UserError("template.not_shipped", name=cmd.shipped[:60], shipped=names)
        source = shipped
    spec = load_template(source)
    saved = store.save(req.scope, spec)
    counts = {
        "name": spec.name,
        "version": saved.version.version,
        "items": len(spec.items),
        "sections": len(spec.sections),
        "roles": ", ".join(spec.roles) or req.t("template.none"),
    }
    if not saved.changed:
        return req.say("template.unchanged", name=spec.name, version=saved.version.version)
    if saved.previous is None:
        return req.say("template.imported", **counts)
    lines = changes(store.spec_of(saved.previous), spec)
    head = req.t("template.updated", **counts)
    blocks: list[Block] = [Section(text=(head,)), *packed([(f"• {c}",) for c in lines])]
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))


def export(req: Request, cmd: m.TemplateExport) -> Reply:
    template = store.find(req.scope, cmd.name)
    version = store.latest(req.scope, template)
    yaml_text = dump_template(store.spec_of(version))
    head = req.t("template.export", name=template.name, version=version.version)
    blocks = (Section(text=(head,)), *code_blocks(yaml_text))
    return Reply(message=Message(summary=head, blocks=blocks, tz=req.tz))


def list_(req: Request, _cmd: m.TemplateList) -> Reply:
    found = store.all_templates(req.scope)
    if not found:
        shipped = ", ".join(f"`{n}`" for n in shipped_names())
        return req.say("template.list_empty", shipped=shipped)
    runs = history.counts(req.scope)
    head = req.t("template.list_title", count=len(found))
    lines: list[Text] = []
    for template, version in found:
        counted = runs.get(template.id, history.RunCounts())
        about = req.t(
            "template.list_line",
            version=version.version,
            items=version.item_count,
            runs=counted.total,
            active=counted.active,
        )
        lines.append((Strong(text=template.name), f" · {version.title} · {about}"))
    blocks: list[Block] = [Section(text=(Strong(text=head),)), *packed(lines)]
    blocks.append(Context(text=(req.t("template.list_footer"),)))
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))


def show(req: Request, cmd: m.TemplateShow) -> Reply:
    scope = req.scope
    template = store.find(scope, cmd.name)
    version = store.latest(scope, template)
    spec = store.spec_of(version)
    changed: list[str] = []
    if version.version > 1:
        previous = store.version_of(scope, template, version.version - 1)
        changed = changes(store.spec_of(previous), spec)
    message = template_details(
        spec,
        version.version,
        runs=history.counts(scope).get(template.id, history.RunCounts()),
        cycle_days=history.cycle_days(scope, template.id),
        changes=changed,
        retros=history.retros(scope, template.id),
        lang=scope.lang,
        tz=req.tz,
    )
    return Reply(message=message)


def clone(req: Request, cmd: m.TemplateClone) -> Reply:
    source, saved = store.clone(req.scope, cmd.name, cmd.new_name)
    head = req.t(
        "template.cloned",
        name=source.name,
        new=saved.template.name,
        items=saved.version.item_count,
    )
    retros = retro_blocks(history.retros(req.scope, source.id), req.scope.lang)
    blocks: list[Block] = [Section(text=(head,)), *retros]
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))
