"""A vehicle delivery run over Mattermost: the role dialog with person pickers, the run's post
in the channel, updated in place by its buttons."""

from __future__ import annotations

from tests.mattermost.conftest import Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer


def test_a_run_starts_from_the_role_dialog_and_progresses_by_button(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost
) -> None:
    imported = mm.command(acme.bob, acme.general, "template import vehicle-delivery")
    assert "Imported `vehicle-delivery` v1" in imported.text

    mm.command(
        acme.bob,
        acme.general,
        'run vehicle-delivery for "Jane Doe" start 2026-12-01 logistics=@anna',
    )
    dialog = fake_mm.dialogs[-1]
    assert dialog["dialog"]["callback_id"] == "run.start"
    elements = {element["name"]: element for element in dialog["dialog"]["elements"]}
    assert elements["subject"]["default"] == "Jane Doe"
    assert elements["role_logistics"]["data_source"] == "users"
    assert elements["role_logistics"]["default"] == acme.anna["id"]
    assert elements["role_finance"]["optional"] is False

    values = {
        "subject": "Jane Doe",
        "start": "2026-12-01",
        "role_logistics": acme.anna["id"],
        "role_finance": acme.carl["id"],
        "role_sales": acme.dora["id"],
    }
    submitted = mm.submit(dialog, values, acme.bob, acme.general)
    assert (submitted.status, submitted.body) == (200, {})
    [post] = fake_mm.wait_for(lambda: fake_mm.posts_in(acme.general["id"]) or None)
    assert post["message"].startswith("**R-1** Vehicle delivery · Jane Doe")
    assert "0 of 6 done" in post["message"]
    actions = [a["name"] for a in post["props"]["attachments"][0]["actions"]]
    assert actions == ["Complete T-1", "Complete T-2"]

    pressed = mm.press(post, "Complete T-1", acme.anna)
    assert pressed.status == 200
    assert "1 of 6 done" in post["message"]
    assert [a["name"] for a in post["props"]["attachments"][0]["actions"]] == ["Complete T-2"]
    status = mm.command(acme.anna, acme.general, "run status R-1")
    assert "✅ **T-1** Vehicle received for Jane Doe · @anna · done by @anna" in status.text
