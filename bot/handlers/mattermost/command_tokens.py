"""Which team each slash command token belongs to.

Mattermost gives every slash command its own token, in one team; a request is Baton's to
answer only when its token is configured and its `team_id` is that token's team. The team
comes from MATTERMOST_COMMAND_TOKEN (`team_id:token` pairs) or, for a bare token, from the
row `baton mattermost setup` recorded. A bare token with no recorded team is refused: nothing
else says which team may use it, and guessing from the first request would let that request
choose.

Only SHA-256 digests of tokens are kept and compared, each comparison in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, or_, select

from storage.db import Database
from storage.models import MattermostCommandToken

log = logging.getLogger(__name__)

# Mattermost's ids and tokens are 26 lower-case letters and digits; a colon never occurs.
_PART = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
FIX = "write MATTERMOST_COMMAND_TOKEN as team_id:token pairs, or run `baton mattermost setup`"


class CommandTokenError(ValueError):
    """MATTERMOST_COMMAND_TOKEN cannot be read; the message never shows a token."""


@dataclass(frozen=True, slots=True)
class ConfiguredToken:
    digest: str
    team_id: str
    """Empty for a bare token: its team is the one recorded in the database."""
    hint: str
    """The token's last four characters, to name it in logs."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_command_tokens(raw: str | None) -> list[ConfiguredToken]:
    """The tokens of MATTERMOST_COMMAND_TOKEN: `team_id:token` pairs or bare tokens,
    comma-separated."""
    teams: dict[str, str] = {}
    hints: dict[str, str] = {}
    for position, given in enumerate((raw or "").split(","), start=1):
        entry = given.strip()
        if not entry:
            continue
        team, _, token = entry.rpartition(":")
        if not _PART.match(token) or (entry.count(":") and not _PART.match(team)):
            raise CommandTokenError(
                f"MATTERMOST_COMMAND_TOKEN: entry {position} is neither team_id:token nor a token"
            )
        digest = token_digest(token)
        known = teams.get(digest, "")
        if known and team and known != team:
            raise CommandTokenError(
                f"MATTERMOST_COMMAND_TOKEN: the token ending in {token[-4:]} is given for two "
                "teams; a slash command token belongs to one team"
            )
        teams[digest] = known or team
        hints[digest] = token[-4:]
    return [ConfiguredToken(d, team, hints[d]) for d, team in teams.items()]


class CommandTokens:
    """The configured tokens and their teams."""

    def __init__(self, configured: list[ConfiguredToken], db: Database | None = None) -> None:
        self._configured = configured
        self._db = db
        # A command keeps its token and its team for life (a regenerated token is a new
        # token), so a team once found stays right for as long as the process runs.
        self._recorded: dict[str, str] = {}
        self._lock = threading.Lock()

    def team_of(self, given: str) -> str | None:
        """The team whose command sent `given`, or None when the token is not Baton's (or its
        team is unknown, which is logged with what to do)."""
        digest = token_digest(given)
        found: ConfiguredToken | None = None
        for token in self._configured:  # every one is compared, matching or not
            if hmac.compare_digest(digest, token.digest):
                found = token
        if found is None or not given:
            return None
        if found.team_id:
            return found.team_id
        team = self._recorded_team(found)
        if team is None:
            log.warning(
                "Mattermost command token ending in %s has no team, so its request is refused: %s",
                found.hint,
                FIX,
            )
        return team

    def unbound(self) -> list[str]:
        """The hints of bare tokens whose team nobody recorded (checked at start-up)."""
        return [token.hint for token in self._configured if self._unknown(token)]

    def _unknown(self, token: ConfiguredToken) -> bool:
        return not token.team_id and self._recorded_team(token) is None

    def _recorded_team(self, token: ConfiguredToken) -> str | None:
        with self._lock:
            team = self._recorded.get(token.digest)
        if team is not None or self._db is None:
            return team
        # The digest looked up is the configured token's, never one a request chose.
        query = select(MattermostCommandToken.team_id).where(
            MattermostCommandToken.token_sha256 == token.digest
        )
        with self._db.transaction() as session:
            team = session.scalars(query).one_or_none()
        if team is not None:
            with self._lock:
                self._recorded[token.digest] = team
        return team


def record_command_token(db: Database, team_id: str, token: str, now: datetime) -> None:
    """Remembers that `token` belongs to `team_id` (replacing what was recorded for either)."""
    digest = token_digest(token)
    with db.transaction() as session:
        session.execute(
            delete(MattermostCommandToken).where(
                or_(
                    MattermostCommandToken.team_id == team_id,
                    MattermostCommandToken.token_sha256 == digest,
                )
            )
        )
        session.add(MattermostCommandToken(team_id=team_id, token_sha256=digest, created_at=now))


def warn_unbound(tokens: CommandTokens) -> None:
    """Says at start-up which bare tokens will be refused, and what to do about it."""
    for hint in tokens.unbound():
        log.warning(
            "Mattermost command token ending in %s has no recorded team; its requests will get "
            "401 until you %s",
            hint,
            FIX,
        )
