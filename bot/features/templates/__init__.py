"""Checklist templates: imported from YAML, versioned, listed, shown, exported and cloned."""

from __future__ import annotations

from bot.commands.feature import Feature
from bot.features.templates import commands as m
from bot.features.templates import handlers
from bot.features.templates.grammar import USAGE, template

FEATURE = Feature(
    name="templates",
    words={"template": template, "templates": lambda words: template(["list", *words])},
    usage=USAGE,
    handlers={
        m.TemplateList: handlers.list_,
        m.TemplateShow: handlers.show,
        m.TemplateImport: handlers.import_,
        m.TemplateExport: handlers.export,
        m.TemplateClone: handlers.clone,
    },
    takes_block=frozenset({"template"}),
)
