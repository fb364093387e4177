"""Forms of runs: starting one with a person picker per role (`/baton run new`, or when a role
was left out), and the retrospective of a finished one."""

from __future__ import annotations

import json

from bot.commands.invocation import FormSubmission, Reply
from bot.commands.models import UserRef
from bot.commands.request import Request
from bot.core.errors import FieldError, UserError
from bot.core.forms import FieldKind, Form, FormField, Option
from bot.core.runs.finishing import MAX_RETRO
from bot.core.runs.plan import needed_fields, needed_roles, needs_subject
from bot.core.templates import store
from bot.core.templates.spec import TemplateSpec
from bot.features.runs import commands as m
from bot.features.runs.handlers import retro
from bot.features.runs.people import split_pairs
from bot.features.runs.starting import RolesMissingError, field_error, start_run

START = "run.start"
RETRO = "run.retro"
ROLE = "role_"
FIELD = "field_"


def start(req: Request, cmd: m.RunStart) -> Reply:
    """`/baton run <template> …`: starts it, or asks for the roles left out: in a form where
    the platform has forms, else by naming them."""
    try:
        return start_run(req, cmd)
    except RolesMissingError as missing:
        if req.invocation.trigger_id:
            return Reply(form=role_form(req, cmd, missing.roles))
        example = " ".join(f"{role}=@…" for role in missing.roles)
        raise UserError(
            "run.missing_roles",
            template=cmd.template,
            roles=", ".join(missing.roles),
            example=example,
        ) from None


def _context(template: str, start: str | None, key_result: int | None = None) -> str:
    return json.dumps({"template": template, "start": start or "", "key_result": key_result})


def role_form(req: Request, cmd: m.RunStart, missing: tuple[str, ...]) -> Form:
    """The start form of one template, filled in with what the command said."""
    scope = req.scope
    spec = store.spec_of(store.latest(scope, store.find(scope, cmd.template)))
    roles, fields = split_pairs(spec, cmd.pairs)
    chosen = {role: req.person(ref) for role, ref in roles.items()}
    known = {role: member.user_id for role, member in chosen.items() if member is not None}
    return _form(req, spec, cmd.subject, cmd.start, known, fields, missing, cmd.key_result)


def _form(
    req: Request,
    spec: TemplateSpec,
    subject: str,
    start: str | None,
    people: dict[str, str],
    fields: dict[str, str],
    missing: tuple[str, ...] = (),
    key_result: int | None = None,
) -> Form:
    needed = needed_roles(spec)
    form_fields = [
        FormField(
            name="subject",
            label=req.t("form.run.subject"),
            required=needs_subject(spec),
            initial=subject,
            max_length=200,
        ),
        FormField(
            name="start",
            label=req.t("form.run.start"),
            kind=FieldKind.DATE,
            required=False,
            initial=start if start and _is_iso_date(start) else "",
            placeholder=req.t("form.date_placeholder"),
        ),
    ]
    form_fields += [
        FormField(
            name=f"{FIELD}{name}",
            label=name.replace("_", " ").capitalize(),
            initial=fields.get(name, ""),
            max_length=200,
        )
        for name in needed_fields(spec)
    ]
    form_fields += [
        FormField(
            name=f"{ROLE}{role}",
            label=role.replace("_", " ").capitalize(),
            kind=FieldKind.USER,
            required=role in needed,
            initial=people.get(role, ""),
            hint=req.t("form.run.role_missing") if role in missing else "",
        )
        for role in spec.roles
    ]
    return Form(
        form_id=START,
        title=req.t("form.run.title", template=spec.name),
        submit_label=req.t("form.run.submit"),
        context=_context(
            spec.name, start if start and not _is_iso_date(start) else None, key_result
        ),
        fields=tuple(form_fields),
    )


def _number(value: object) -> int | None:
    """A key result number carried in a form's context; None for anything else."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _is_iso_date(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 3 and all(part.isdigit() for part in parts) and len(parts[0]) == 4


def new_run_form(req: Request, cmd: m.RunForm) -> Reply:
    """`/baton run new [template]`: the start form of a template; with several templates and
    none named, a form that asks which one first and offers every role."""
    scope = req.scope
    if not req.invocation.trigger_id:
        return req.say("error.usage", usage="/baton run <template> [for <subject>] [role=@user …]")
    if cmd.template:
        spec = store.spec_of(store.latest(scope, store.find(scope, cmd.template)))
        return Reply(form=_form(req, spec, "", None, {}, {}))
    found = store.all_templates(scope)
    if not found:
        return req.say("run.no_templates")
    if len(found) == 1:
        return Reply(form=_form(req, store.spec_of(found[0][1]), "", None, {}, {}))
    specs = [store.spec_of(version) for _, version in found]
    roles = list(dict.fromkeys(role for spec in specs for role in spec.roles))[:20]
    fields = list(dict.fromkeys(name for spec in specs for name in needed_fields(spec)))[:10]
    form_fields = [
        FormField(
            name="template",
            label=req.t("form.run.template"),
            kind=FieldKind.SELECT,
            options=tuple(Option(label=f"{s.name} · {s.title}"[:75], value=s.name) for s in specs),
        ),
        FormField(name="subject", label=req.t("form.run.subject"), required=False, max_length=200),
        FormField(
            name="start",
            label=req.t("form.run.start"),
            kind=FieldKind.DATE,
            required=False,
            placeholder=req.t("form.date_placeholder"),
        ),
        *(
            FormField(
                name=f"{FIELD}{name}",
                label=name.replace("_", " ").capitalize(),
                required=False,
                max_length=200,
            )
            for name in fields
        ),
        *(
            FormField(
                name=f"{ROLE}{role}",
                label=role.replace("_", " ").capitalize(),
                kind=FieldKind.USER,
                required=False,
            )
            for role in roles
        ),
    ]
    form = Form(
        form_id=START,
        title=req.t("form.run.title_any"),
        submit_label=req.t("form.run.submit"),
        context=_context("", None),
        fields=tuple(form_fields),
    )
    return Reply(form=form)


def submit_start(req: Request, submission: FormSubmission) -> Reply:
    """Starts the run of a submitted start form; what is wrong is shown next to its field."""
    values = {key: (value or "").strip() for key, value in submission.values.items()}
    try:
        context = json.loads(submission.context or "{}")
    except ValueError:
        raise UserError("error.bad_button") from None
    if not isinstance(context, dict):
        raise UserError("error.bad_button")
    template = str(context.get("template") or values.get("template") or "")
    if not template:
        raise FieldError("template", "form.run.pick_template")
    spec = store.spec_of(store.latest(req.scope, store.find(req.scope, template)))
    people = tuple(
        (key.removeprefix(ROLE), UserRef(user_id=value))
        for key, value in values.items()
        if key.startswith(ROLE) and value and key.removeprefix(ROLE) in spec.roles
    )
    pairs = tuple(
        (key.removeprefix(FIELD), value)
        for key, value in values.items()
        if key.startswith(FIELD) and value and key.removeprefix(FIELD) in needed_fields(spec)
    )
    start_phrase = values.get("start") or str(context.get("start") or "") or None
    cmd = m.RunStart(
        template=template,
        subject=values.get("subject", "")[:400],
        start=start_phrase,
        pairs=pairs,
        people=people,
        key_result=_number(context.get("key_result")),
    )
    try:
        return start_run(req, cmd)
    except RolesMissingError as missing:
        role = missing.roles[0]
        raise FieldError(f"{ROLE}{role}", "form.run.role_needed", template=template) from None
    except FieldError:
        raise
    except UserError as error:
        raise field_error(error) from None


def retro_form(req: Request, cmd: m.RunRetroForm) -> Reply:
    if not req.invocation.trigger_id:
        return req.say("run.retro_typed", number=cmd.number)
    form = Form(
        form_id=RETRO,
        title=req.t("form.retro.title", number=cmd.number),
        submit_label=req.t("form.retro.submit"),
        context=str(cmd.number),
        fields=(
            FormField(
                name="retro",
                label=req.t("run.retro_question"),
                kind=FieldKind.TEXTAREA,
                max_length=MAX_RETRO,
            ),
        ),
    )
    return Reply(form=form)


def submit_retro(req: Request, submission: FormSubmission) -> Reply:
    if not submission.context.isdigit():
        raise UserError("error.bad_button")
    body = (submission.values.get("retro") or "").strip()
    if not body:
        raise FieldError("retro", "form.retro.empty")
    return retro(req, m.RunRetro(number=int(submission.context), text=body[:MAX_RETRO]))
