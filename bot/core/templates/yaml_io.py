"""Template files as YAML: read safely (size, no aliases) and written back readably."""

from __future__ import annotations

from typing import Any

import yaml

from bot.core.templates.spec import TemplateSpec
from bot.core.templates.validation import Problem, TemplateError, validate

MAX_YAML = 200_000
"""Characters in one template file: 500 items with long descriptions fit."""


def load_template(text: str) -> TemplateSpec:
    """The validated template in the YAML `text`.

    Raises:
        TemplateError: the text is not YAML, not a mapping, or a template with problems.
    """
    return validate(read_yaml(text))


def read_yaml(text: str) -> object:
    """The data of YAML `text`; aliases are refused, since a few of them can expand a small
    file into gigabytes ("billion laughs")."""
    if len(text) > MAX_YAML:
        raise TemplateError(
            [
                Problem(
                    "template",
                    "",
                    f"the file has {len(text):,} characters; the limit is {MAX_YAML:,}",
                )
            ]
        )
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise TemplateError(
                    [Problem("template", "", "YAML aliases (`*name`) are not allowed here")]
                )
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "the file"
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise TemplateError([Problem(where, "", f"not valid YAML: {reason}")]) from None


class _Flow(dict[str, Any]):
    """A mapping written on one line, as items are in the examples."""


class _Dumper(yaml.SafeDumper):
    pass


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(_Flow, _flow)


def dump_template(spec: TemplateSpec) -> str:
    """The template as YAML: what `export` prints and `import` reads back unchanged."""
    data: dict[str, Any] = {"name": spec.name, "title": spec.title}
    if spec.description:
        data["description"] = spec.description
    data["roles"] = list(spec.roles)
    if spec.fields:
        data["fields"] = list(spec.fields)
    data["sections"] = [
        {"name": section.name, "items": [_item(item) for item in section.items]}
        for section in spec.sections
    ]
    dumped: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return dumped


def _item(item: Any) -> _Flow:
    shown = _Flow(id=item.id, title=item.title)
    if item.description:
        shown["description"] = item.description
    if item.assignee:
        shown["assignee"] = item.assignee
    shown["due"] = item.due
    if item.after:
        shown["after"] = list(item.after)
    return shown
