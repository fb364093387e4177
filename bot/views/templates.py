"""How templates look in a message: their items by section, runs, changes and retrospectives."""

from __future__ import annotations

from bot.core.catalog import text
from bot.core.formats import number
from bot.core.message import Block, Context, Message, Section, Strong, Text
from bot.core.runs.history import Retro, RunCounts
from bot.core.runs.stats import median
from bot.core.templates.spec import ItemSpec, TemplateSpec
from bot.views.lines import packed


def item_line(item: ItemSpec, lang: str) -> Text:
    """`laptop` Prepare laptop for {subject} · it · start-5d · after buddy"""
    parts: list[str] = [item.title, item.assignee or text("template.nobody", lang), item.due]
    if item.after:
        parts.append(text("template.after", lang, ids=", ".join(item.after)))
    return (f"`{item.id}` ", " · ".join(parts))


def retro_lines(retros: list[Retro], lang: str) -> list[Text]:
    lines: list[Text] = []
    for retro in retros:
        who = f" (@{retro.by})" if retro.by else ""
        subject = f" {retro.subject}" if retro.subject else ""
        lines.append(
            (
                Strong(text=f"R-{retro.number}"),
                f"{subject}{who}: " + text("message.quoted", lang, text=retro.text),
            )
        )
    return lines


def template_details(
    spec: TemplateSpec,
    version: int,
    *,
    runs: RunCounts,
    cycle_days: list[float],
    changes: list[str],
    retros: list[Retro],
    lang: str,
    tz: str,
) -> Message:
    """What `template show` answers."""
    head = f"{spec.name} v{version}"
    blocks: list[Block] = [Section(text=(Strong(text=head), " · ", spec.title))]
    if spec.description:
        blocks.append(Section(text=(spec.description,)))
    roles = ", ".join(spec.roles) or text("template.none", lang)
    about = text("template.roles", lang, roles=roles)
    if spec.fields:
        about += " · " + text("template.fields", lang, fields=", ".join(spec.fields))
    blocks.append(Context(text=(about,)))
    lines: list[Text] = []
    for section in spec.sections:
        lines.append((Strong(text=section.name),))
        lines += [item_line(item, lang) for item in section.items]
    blocks += packed(lines)
    if runs.total:
        line = text("template.runs", lang, total=runs.total, active=runs.active)
        if cycle_days:
            line += " · " + text("template.median", lang, days=number(median(cycle_days), lang))
    else:
        line = text("template.no_runs", lang)
    blocks.append(Context(text=(line,)))
    if changes:
        title = text("template.changes", lang, version=version)
        blocks += packed([(Strong(text=title),), *((f"• {c}",) for c in changes)])
    if retros:
        blocks += packed(
            [(Strong(text=text("template.retros", lang)),), *retro_lines(retros, lang)]
        )
    return Message(summary=f"{head} {spec.title}", blocks=tuple(blocks), tz=tz)


def retro_blocks(retros: list[Retro], lang: str) -> list[Block]:
    """The retrospectives of earlier runs, to read before running a template again."""
    if not retros:
        return []
    return list(packed([(Strong(text=text("template.retros", lang)),), *retro_lines(retros, lang)]))
