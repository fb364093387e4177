"""Templates from chat: imported from YAML or by name, validated as a whole, versioned,
shown, listed, exported and cloned; a broken one is refused with every problem named."""

from __future__ import annotations

import pytest

from bot.app import Baton
from bot.core.templates.shipped import shipped_names, shipped_text
from bot.core.templates.yaml_io import load_template
from storage.models import Template, TemplateVersion
from tests.support.chat import Chat
from tests.support.queries import count

TINY = """/baton template import ```yaml
name: tiny
title: A tiny checklist
roles: [owner]
sections:
  - name: Only
    items:
      - {id: one, title: "First for {subject}", assignee: owner, due: start+1d}
      - {id: two, title: Second, assignee: owner, due: start+2 workdays, after: [one]}
```"""


def test_a_shipped_template_is_imported_by_name_and_shown_with_its_items(chat: Chat) -> None:
    assert "Imported `vehicle-delivery` v1: 6 item(s) in 3 section(s)" in chat.say(
        "/baton template import vehicle-delivery"
    )
    shown = chat.say("/baton template show vehicle-delivery")
    assert "vehicle-delivery v1 · Vehicle delivery" in shown
    assert "Roles: logistics, finance, sales" in shown
    assert (
        "`papers` Papers to the registration agent · sales · start+3 workdays · after payment"
        in (shown)
    )
    assert "No runs yet." in shown
    listed = chat.say("/baton template list")
    assert "vehicle-delivery · Vehicle delivery · v1 · 6 item(s) · 0 run(s), 0 active" in listed


def test_every_problem_of_a_broken_template_is_named_and_nothing_is_saved(
    chat: Chat, baton: Baton
) -> None:
    reply = chat.say(
        """/baton template import ```yaml
name: broken
title: Broken
roles: [manager]
sections:
  - name: Before
    items:
      - {id: laptop, title: Laptop, assignee: itdesk, due: start-5x}
      - {id: buddy, title: Buddy, due: start+3d, after: [lunch]}
      - {id: lunch, title: Lunch, after: [buddy], asignee: manager}
      - {id: review, title: Review, after: [revue]}
      - {title: ""}
```"""
    )
    assert "The template was not saved. 6 problems:" in reply
    for problem in [
        "item `laptop` (section 1 “Before”, item 1), due: `x` in `start-5x` is no unit",
        "item `laptop` (section 1 “Before”, item 1), assignee: there is no role `itdesk` "
        "(roles: manager)",
        "item `lunch` (section 1 “Before”, item 3): `asignee` is not a field here",
        "item `review` (section 1 “Before”, item 4), after: there is no item `revue` "
        "(did you mean `review`?)",
        "item `item` (section 1 “Before”, item 5), title: String should have at least 1 character",
        "template, after: a cycle: `buddy` → `lunch` → `buddy`",
    ]:
        assert problem in reply
    assert count(baton, Template) == 0
    assert count(baton, TemplateVersion) == 0


@pytest.mark.parametrize(
    ("body", "advice"),
    [
        ("- just\n- a list", "a template is a mapping with name, title, roles and sections"),
        ("name: [unclosed", "line 2, column 1: not valid YAML: expected ','"),
        ("a: &x [1]\nb: *x", "YAML aliases (`*name`) are not allowed here"),
        ("name: new\ntitle: T\nsections: [{name: S, items: [{title: A}]}]", "`new` is a word of"),
        ("name: x\ntitle: T\nsections: []", "sections: List should have at least 1 item"),
        (
            'name: x\ntitle: T\nsections: [{name: S, items: [{title: "Pay\\0"}]}]',
            "title: contains control characters",
        ),
    ],
)
def test_yaml_that_is_no_template_gets_a_clear_reply(
    chat: Chat, baton: Baton, body: str, advice: str
) -> None:
    reply = chat.say(f"/baton template import ```yaml\n{body}\n```")
    assert "The template was not saved" in reply
    assert advice in reply
    assert count(baton, Template) == 0


def test_a_template_over_500_items_is_refused(chat: Chat, baton: Baton) -> None:
    items = "\n".join(f"      - {{title: Item {i}}}" for i in range(501))
    body = f"name: huge\ntitle: Huge\nsections:\n  - name: All\n    items:\n{items}"
    reply = chat.say(f"/baton template import ```yaml\n{body}\n```")
    assert "template, sections: 501 items; a template has at most 500" in reply
    assert count(baton, Template) == 0


def test_importing_again_adds_a_version_and_show_says_what_changed(
    chat: Chat, baton: Baton
) -> None:
    assert "Imported `tiny` v1: 2 item(s)" in chat.say(TINY)
    assert "`tiny` is unchanged (still v1)." in chat.say(TINY)
    edited = TINY.replace("due: start+1d}", "due: start+3d}").replace(
        "      - {id: two", "      - {id: three, title: Third, assignee: owner}\n      - {id: two"
    )
    updated = chat.say(edited)
    assert "Updated `tiny` to v2: 3 item(s)" in updated
    assert "Runs already started stay on their version" in updated
    assert "item one: due start+1d → start+3d" in updated
    assert "+ item three: Third" in updated
    shown = chat.say("/baton template show tiny")
    assert "tiny v2" in shown
    assert "Changes in v2" in shown
    assert "+ item three: Third" in shown
    assert count(baton, TemplateVersion) == 2


def test_export_gives_yaml_that_imports_back_unchanged(chat: Chat) -> None:
    chat.say("/baton template import onboarding")
    exported = chat.say("/baton template export onboarding")
    assert "`onboarding` v1 (import it again, edited, to make a new version):" in exported
    body = "\n".join(
        line.removeprefix("    ") for line in exported.splitlines()[1:] if line.strip() != "```"
    )
    assert load_template(body) == load_template(shipped_text("onboarding") or "")
    assert "`onboarding` is unchanged (still v1)." in chat.say(
        f"/baton template import ```yaml\n{body}\n```"
    )


def test_clone_copies_the_newest_version_under_a_new_name(chat: Chat) -> None:
    chat.say("/baton template import service-point-opening")
    cloned = chat.say("/baton template clone service-point-opening as service-point-2027")
    assert "Cloned `service-point-opening` as `service-point-2027` (25 item(s))" in cloned
    assert "service-point-2027 v1 · Service point opening" in chat.say(
        "/baton template show service-point-2027"
    )
    again = chat.say("/baton template clone service-point-opening as service-point-2027")
    assert "There is already a template `service-point-2027`" in again
    bad = chat.say("/baton template clone service-point-opening as Bad_Name!")
    assert "cannot be a template name" in bad


def test_unknown_templates_are_named_with_what_there_is(chat: Chat) -> None:
    assert "Baton ships one: `/baton template import onboarding` adds it" in chat.say(
        "/baton template show onboarding"
    )
    chat.say("/baton template import onboarding")
    assert "Did you mean `onboarding`?" in chat.say("/baton template show onbaording")
    assert "Templates: `onboarding`" in chat.say("/baton template export payroll")
    assert "Baton ships no template `payroll`" in chat.say("/baton template import payroll")


def test_shipped_templates_are_valid_and_named_after_their_files() -> None:
    assert shipped_names() == [
        "onboarding",
        "service-point-opening",
        "trade-fair",
        "vehicle-delivery",
    ]
    specs = {name: load_template(shipped_text(name) or "") for name in shipped_names()}
    assert all(spec.name == name for name, spec in specs.items())
    assert 24 <= len(specs["service-point-opening"].items) <= 26
    delivery = {item.id: item for item in specs["vehicle-delivery"].items}
    assert list(delivery) == [
        "received",
        "payment",
        "papers",
        "registration",
        "appointment",
        "handover",
    ]
    assert delivery["papers"].after == ["payment"]


def test_a_code_block_must_be_closed_and_end_the_command(chat: Chat, baton: Baton) -> None:
    assert "A code block (```) is never closed" in chat.say(
        "/baton template import ```yaml\nname: x"
    )
    assert "Nothing may follow the code block" in chat.say(
        "/baton template import ```yaml\nname: x\n``` as new"
    )
    assert count(baton, Template) == 0
    created = chat.say("/baton task add Paste ```code``` into the wiki")
    assert "T-1 Paste ```code``` into the wiki" in created, "only templates and runs read blocks"
