"""The App Home tab, "My work": published when someone opens it.

Later changes to a person's tasks queue a fresh page in the outbox, which publishes it
through `SlackPlatform.publish_home`, so the tab never goes stale.
"""

from __future__ import annotations

from bot.app import Baton
from bot.commands.home import home_page
from bot.core.scope import member_by_id, workspace_for
from bot.handlers.slack.platform import NAME, SlackPlatform


def show_home(baton: Baton, platform: SlackPlatform, team_id: str, user_id: str) -> None:
    """Publishes `user_id`'s "My work" page, meeting them first if Baton never has."""
    now = baton.clock.now()
    with baton.db.transaction() as session:
        workspace = workspace_for(session, NAME, team_id, "", now)
        member_by_id(session, workspace, user_id, platform, now)
        page = home_page(session, workspace, user_id, now)
    if page is not None:
        platform.publish_home(user_id, page)
