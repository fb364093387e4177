"""The `baton` command."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from bot.config import Settings

if TYPE_CHECKING:
    from bot.app import Baton
    from bot.commands.invocation import Reply
    from bot.commands.models import Command
    from bot.core.scope import Scope
    from bot.offline import Where

app = typer.Typer(
    help="Baton: chat-ops work management for Slack and Mattermost.", no_args_is_help=True
)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")
mattermost_app = typer.Typer(help="Mattermost set-up.", no_args_is_help=True)
app.add_typer(mattermost_app, name="mattermost")
slack_app = typer.Typer(help="Slack set-up.", no_args_is_help=True)
app.add_typer(slack_app, name="slack")
secrets_app = typer.Typer(help="Secrets stored in the database.", no_args_is_help=True)
app.add_typer(secrets_app, name="secrets")
template_app = typer.Typer(help="Checklist templates.", no_args_is_help=True)
app.add_typer(template_app, name="template")
run_app = typer.Typer(help="Checklist runs.", no_args_is_help=True)
app.add_typer(run_app, name="run")

WorkspaceOption = Annotated[
    str, typer.Option(help="Workspace: its name or platform id (default: the console's).")
]
UserOption = Annotated[
    str | None, typer.Option(help="Who acts: a handle Baton knows in the workspace.")
]


def _configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # APScheduler says INFO on every tick: what the worker does is logged by Baton itself.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def _check_database(url: str) -> None:
    """One clear line and exit status 2 for a database Baton cannot open."""
    from storage.db import unreachable

    problem = unreachable(url)
    if problem:
        typer.echo(f"baton: {problem}", err=True)
        raise typer.Exit(2)


def _settings(db: str | None = None) -> Settings:
    settings = Settings()
    if db:
        settings = settings.model_copy(update={"database_url": db})
    return settings


@app.command()
def shell(
    db: Annotated[
        str | None, typer.Option(help="Database URL (default: DATABASE_URL or ./baton.db).")
    ] = None,
    workspace: Annotated[str, typer.Option(help="Workspace name.")] = "console",
    user: Annotated[str, typer.Option(help="Who you are at the start.")] = "me",
    channel: Annotated[str, typer.Option(help="Channel at the start.")] = "general",
    simulated_clock: Annotated[
        bool, typer.Option("--simulated-clock", help="Time moves only with :advance.")
    ] = False,
    now: Annotated[
        str | None, typer.Option(help="Start time, ISO 8601 (implies --simulated-clock).")
    ] = None,
    tz: Annotated[
        str | None, typer.Option(help="Time zone of people met for the first time (UTC).")
    ] = None,
    files: Annotated[
        Path, typer.Option(help="Folder where charts are written as PNG files.")
    ] = Path("baton-files"),
) -> None:
    """Chat with Baton in the terminal, or pipe a script of lines into it."""
    from bot.app import build
    from bot.core.clock import Clock, SimulatedClock, SystemClock
    from bot.handlers.console.platform import ConsolePlatform
    from bot.handlers.console.shell import HELP, Shell
    from bot.platforms import PlatformRegistry

    clock: Clock = SystemClock()
    if now or simulated_clock:
        try:
            start = datetime.fromisoformat(now) if now else SystemClock().now()
        except ValueError:
            typer.echo(
                f"--now: {now!r} is not an ISO 8601 time, e.g. 2026-11-30T09:00+01:00", err=True
            )
            raise typer.Exit(2) from None
        clock = SimulatedClock(start if start.tzinfo else start.replace(tzinfo=UTC))

    if tz is not None:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            typer.echo(f"--tz: {tz!r} is not a time zone; use a name like Europe/Berlin", err=True)
            raise typer.Exit(2) from None
    if files.exists() and not files.is_dir():
        typer.echo(f"--files: {str(files)!r} is a file; name a folder for the charts", err=True)
        raise typer.Exit(2)
    settings = _settings(db)
    _check_database(settings.database_url)

    def write(line: str) -> None:
        print(line, flush=True)

    platform = ConsolePlatform(write=write, tz=tz, files_dir=files)
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: platform)
    baton = build(settings, clock=clock, platforms=platforms)
    interactive = sys.stdin.isatty()
    session = Shell(
        baton,
        platform,
        workspace=workspace,
        user=user.lower(),
        channel=channel.lower(),
        echo=None if interactive else write,
    )
    if interactive:
        write(HELP)
        while True:
            try:
                line = input(f"@{session.user} #{session.channel}> ")
            except (EOFError, KeyboardInterrupt):
                break
            if not session.handle(line):
                break
    else:
        session.run(sys.stdin)
    baton.db.dispose()


@db_app.command("upgrade")
def db_upgrade(db: Annotated[str | None, typer.Option(help="Database URL.")] = None) -> None:
    """Apply all database migrations."""
    from storage.db import make_engine
    from storage.migrate import upgrade

    settings = _settings(db)
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    upgrade(engine)
    engine.dispose()
    typer.echo("database is up to date")


@app.command()
def worker(
    attached: Annotated[
        bool,
        typer.Option(
            hidden=True, help="Started by `baton serve`: woken through stdin, ends with it."
        ),
    ] = False,
) -> None:
    """Run the scheduler: due jobs, outbox delivery, and commands left in the inbox."""
    from bot.app import build
    from bot.attached_worker import attach, yield_cpu
    from bot.connect import connected_platforms
    from bot.inbox import SHUTDOWN_GRACE_SECONDS
    from scheduler.worker import run_blocking_worker

    _configure_logging()
    if attached:
        yield_cpu()
    settings = _settings()
    _check_database(settings.database_url)
    baton = build(settings, platforms=connected_platforms(settings))
    if attached:
        attach(baton.inbox)
    baton.inbox.start()  # commands that web processes acknowledged and did not finish
    try:
        run_blocking_worker(baton, settings.tick_seconds, baton.db.engine)
    finally:
        baton.inbox.stop(grace=SHUTDOWN_GRACE_SECONDS)
        baton.db.dispose()


@app.command()
def serve(
    port: Annotated[int | None, typer.Option(help="Port (default: PORT or 8000).")] = None,
    host: Annotated[
        str | None,
        typer.Option(
            help="Address to listen on (default: HOST or 0.0.0.0; "
            "127.0.0.1 behind a proxy on this machine)."
        ),
    ] = None,
) -> None:
    """Run the HTTP server (Slack and Mattermost endpoints) with a worker inside."""
    from bot.server import run_server

    _configure_logging()
    settings = _settings()
    _check_database(settings.database_url)
    run_server(settings, port=port or settings.port, host=host or settings.host)


@secrets_app.command("rotate")
def secrets_rotate(db: Annotated[str | None, typer.Option(help="Database URL.")] = None) -> None:
    """Re-encrypt every stored Slack token with the first key of BATON_ENCRYPTION_KEY.

    Plain tokens stored before encryption existed are encrypted too. Every listed key
    decrypts, so put the new key first, keep the old one after it, run this, then drop it.
    """
    from bot.handlers.slack.tokens import rotate_tokens
    from storage.db import make_engine
    from storage.migrate import upgrade
    from storage.sealed import NoKeyError, Sealer, UnreadableSecretError

    settings = _settings(db)
    try:
        sealer = Sealer(settings.encryption_keys)
    except NoKeyError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    try:
        upgrade(engine)  # sealed tokens need the wider columns of migration 0004
        count = rotate_tokens(engine, sealer)
    except UnreadableSecretError as error:
        typer.echo(f"Nothing changed: {error}.", err=True)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    typer.echo(f"{count} stored tokens are encrypted with the first key")


@mattermost_app.command("setup")
def mattermost_setup(
    team: Annotated[str, typer.Option(help="The team's URL name, as in https://chat/NAME/.")],
    public_url: Annotated[
        str | None, typer.Option(help="Where Mattermost reaches Baton (default: BATON_PUBLIC_URL).")
    ] = None,
) -> None:
    """Register the /baton slash command in a team, record its team, and print its token."""
    from bot.core.platform import PlatformError
    from bot.handlers.mattermost.client import MattermostClient
    from bot.handlers.mattermost.command_tokens import record_command_token
    from bot.handlers.mattermost.setup import SetupError, register_command
    from storage.db import Database, make_engine
    from storage.migrate import upgrade

    settings = _settings()
    if not (settings.mattermost_url and settings.mattermost_token):
        typer.echo("Set MATTERMOST_URL and MATTERMOST_TOKEN first (see README).", err=True)
        raise typer.Exit(2)
    client = MattermostClient(settings.mattermost_url, settings.mattermost_token)
    url = public_url or settings.baton_public_url
    try:
        registered = register_command(client, team=team, public_url=url)
    except (SetupError, PlatformError) as error:
        typer.echo(f"Could not register /baton in {team}: {error}", err=True)
        raise typer.Exit(1) from None
    state = "registered" if registered.created else "was already registered"
    typer.echo(f"/baton {state} in {team}, calling {registered.url}")
    if not registered.token:
        typer.echo(
            "Mattermost did not show the command's token: copy it from Integrations → Slash "
            f"Commands and add {registered.team_id}:<token> to MATTERMOST_COMMAND_TOKEN.",
            err=True,
        )
        raise typer.Exit(1)
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    try:
        upgrade(engine)
        now = datetime.now(UTC)
        record_command_token(Database(engine), registered.team_id, registered.token, now)
    finally:
        engine.dispose()
    typer.echo("Its team is recorded in the database (the token's hash only).")
    typer.echo("Add the pair to Baton's environment (one per team, comma-separated):")
    typer.echo(f"MATTERMOST_COMMAND_TOKEN={registered.team_id}:{registered.token}")


@slack_app.command("manifest")
def slack_manifest(
    public_url: Annotated[
        str | None, typer.Option(help="Where Slack reaches Baton (default: BATON_PUBLIC_URL).")
    ] = None,
    socket_mode: Annotated[
        bool, typer.Option("--socket-mode", help="Deliver over Socket Mode, no request URLs.")
    ] = False,
) -> None:
    """Print the Slack app manifest (JSON) to create the app from at api.slack.com/apps."""
    import json

    from bot.handlers.slack.manifest import manifest

    settings = _settings()
    url = public_url or settings.baton_public_url
    if not public_url and "baton_public_url" not in settings.model_fields_set and not socket_mode:
        typer.echo(
            f"BATON_PUBLIC_URL is not set: the manifest sends Slack to {url}, which only this "
            "machine reaches. Set it, or pass --public-url.",
            err=True,
        )
    typer.echo(json.dumps(manifest(url, socket_mode=socket_mode), indent=2))


@contextmanager
def _offline_scope(db: str | None, workspace: str) -> Iterator[Scope]:
    """One workspace's scope for a command run from here: a workspace Baton does not know
    exits with status 2, a user error with 1, each said in one line."""
    from bot.core.catalog import text
    from bot.core.errors import UserError
    from bot.offline import OfflineError, Where, scope_for

    baton = _offline_baton(db)
    try:
        with scope_for(baton, Where(workspace)) as scope:
            yield scope
    except OfflineError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    except UserError as error:
        typer.echo(text(error.key, "en", **error.params), err=True)
        raise typer.Exit(1) from None
    finally:
        baton.db.dispose()


def _offline_baton(db: str | None = None) -> Baton:
    """A Baton for commands run from here: the configured platforms (to look people up) and
    the console; what it queues is sent by `baton worker` or `baton serve`."""
    from bot.app import build
    from bot.connect import connected_platforms
    from bot.handlers.console.platform import ConsolePlatform

    settings = _settings(db)
    platforms = connected_platforms(settings)
    console = ConsolePlatform(write=lambda _line: None)
    platforms.register("console", lambda _team: console)
    return build(settings, platforms=platforms)


def _print_reply(reply: Reply) -> None:
    """Prints the reply as the console shows it; exits with 1 when nothing was done."""
    from bot.handlers.console.render import render_lines

    if reply.message is not None:
        for line in render_lines(reply.message):
            typer.echo(line)
    for field, error in reply.field_errors.items():
        typer.echo(f"{field}: {error}", err=True)
    if reply.failed:
        raise typer.Exit(1)


def _offline(where: Where, command: Command, db: str | None = None) -> None:
    from bot.offline import OfflineError, run_command

    baton = _offline_baton(db)
    try:
        reply = run_command(baton, where, command)
    except OfflineError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    finally:
        baton.db.dispose()
    _print_reply(reply)


@template_app.command("import")
def template_import(
    source: Annotated[str, typer.Argument(help="A YAML file, or the name of a shipped template.")],
    workspace: WorkspaceOption = "console",
    user: UserOption = None,
    db: Annotated[str | None, typer.Option(help="Database URL.")] = None,
) -> None:
    """Import a template (a new version when one of its name exists)."""
    from pathlib import Path

    from bot.features.templates.commands import TemplateImport
    from bot.offline import Where

    path = Path(source)
    if path.is_file():
        command = TemplateImport(source=path.read_text(encoding="utf-8"))
    else:
        command = TemplateImport(shipped=source.lower().removesuffix(".yaml"))
    _offline(Where(workspace, user), command, db)


@template_app.command("export")
def template_export(
    name: Annotated[str, typer.Argument(help="The template's name.")],
    workspace: WorkspaceOption = "console",
    db: Annotated[str | None, typer.Option(help="Database URL.")] = None,
) -> None:
    """Print a template's newest version as YAML."""
    from bot.core.templates import store
    from bot.core.templates.yaml_io import dump_template

    with _offline_scope(db, workspace) as scope:
        yaml_text = dump_template(store.spec_of(store.latest(scope, store.find(scope, name))))
    typer.echo(yaml_text, nl=False)


@template_app.command("schema")
def template_schema() -> None:
    """Print the JSON Schema of template files, for editors."""
    import json

    from bot.core.templates.spec import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@run_app.command("bulk")
def run_bulk(
    template: Annotated[str, typer.Argument(help="The template's name.")],
    csv_file: Annotated[str, typer.Argument(help="A CSV file: one run a row.")],
    roles: Annotated[
        list[str] | None, typer.Argument(help="role=@handle for rows that do not name one.")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="Start of rows without a `start` column (default: today).")
    ] = None,
    workspace: WorkspaceOption = "console",
    user: UserOption = None,
    channel: Annotated[
        str | None, typer.Option(help="The runs' channel (default on the console: general).")
    ] = None,
    db: Annotated[str | None, typer.Option(help="Database URL.")] = None,
) -> None:
    """Start one run per row of a CSV, all in one transaction or none."""
    from pathlib import Path

    from bot.features.runs.commands import RunBulk
    from bot.offline import Where

    path = Path(csv_file)
    if not path.is_file():
        typer.echo(f"{csv_file}: no such file", err=True)
        raise typer.Exit(2)
    pairs = []
    for given in roles or []:
        key, equals, value = given.partition("=")
        if not equals:
            typer.echo(f"{given!r}: give roles as role=@handle", err=True)
            raise typer.Exit(2)
        pairs.append((key.strip().lower(), value.strip()))
    command = RunBulk(
        template=template.lower(),
        csv=path.read_text(encoding="utf-8-sig"),
        start=start,
        pairs=tuple(pairs),
    )
    _offline(Where(workspace, user, channel, channel_needed=True), command, db)


@app.command("report")
def report(
    template: Annotated[str, typer.Argument(help="The template's name.")],
    csv: Annotated[
        bool, typer.Option("--csv", help="Every run and item with its dates, as CSV.")
    ] = False,
    workspace: WorkspaceOption = "console",
    db: Annotated[str | None, typer.Option(help="Database URL.")] = None,
) -> None:
    """Cycle times of a template's finished runs, late items and late runs (or all as CSV)."""
    from bot.core.runs.report import report_csv
    from bot.core.templates import store
    from bot.features.runs.commands import Report
    from bot.offline import Where

    if not csv:
        _offline(Where(workspace), Report(template=template.lower()), db)
        return
    with _offline_scope(db, workspace) as scope:
        printed = report_csv(scope, store.find(scope, template.lower()))
    typer.echo(printed, nl=False)


def main() -> None:
    app()
