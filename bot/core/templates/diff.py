"""What changed between two versions of a template, in lines a person reads."""

from __future__ import annotations

from bot.core.templates.spec import ItemSpec, TemplateSpec

_SHOWN_FIELDS = ("title", "assignee", "due", "after", "description")


def changes(old: TemplateSpec, new: TemplateSpec) -> list[str]:
    """Lines such as `+ item papers`, `− item lunch`, `item review: due start+30d → start+28d`."""
    lines: list[str] = []
    if old.title != new.title:
        lines.append(f"title: {old.title} → {new.title}")
    for role in new.roles:
        if role not in old.roles:
            lines.append(f"+ role {role}")
    for role in old.roles:
        if role not in new.roles:
            lines.append(f"− role {role}")
    before = {item.id: item for item in old.items}
    after = {item.id: item for item in new.items}
    for item_id, item in after.items():
        if item_id not in before:
            lines.append(f"+ item {item_id}: {item.title}")
        else:
            differences = _item_changes(before[item_id], item)
            if differences:
                lines.append(f"item {item_id}: {'; '.join(differences)}")
    lines += [f"− item {item_id}" for item_id in before if item_id not in after]
    old_sections = [s.name for s in old.sections]
    new_sections = [s.name for s in new.sections]
    if old_sections != new_sections:
        lines.append(f"sections: {', '.join(old_sections)} → {', '.join(new_sections)}")
    return lines


def _item_changes(old: ItemSpec, new: ItemSpec) -> list[str]:
    shown = []
    for name in _SHOWN_FIELDS:
        was, now = getattr(old, name), getattr(new, name)
        if was == now:
            continue
        if name == "description":
            shown.append("description changed")
            continue
        was_text = ", ".join(was) if isinstance(was, list) else (was or "—")
        now_text = ", ".join(now) if isinstance(now, list) else (now or "—")
        shown.append(f"{name} {was_text or '—'} → {now_text or '—'}")
    return shown
