"""The check-in form: opened by the button of a check-in message, a modal on Slack and a
dialog on Mattermost; its submission records the check-in as `/baton okr checkin` would."""

from __future__ import annotations

from typing import ClassVar

from bot.commands.invocation import FormSubmission, Reply
from bot.commands.models import Command
from bot.commands.request import Request
from bot.core.errors import FieldError, UserError
from bot.core.forms import FieldKind, Form, FormField, Option
from bot.core.okrs.checkins import MAX_CHECKIN_COMMENT, record_checkin
from bot.core.okrs.refs import key_result_by_number
from bot.core.okrs.values import parse_value
from bot.views.okr_checkins import CONFIDENCES, figure, status_word
from storage.models import OkrStatus

FORM = "okr_checkin.form"
_MAX_NUMBER = 999_999_999


class CheckInForm(Command):
    """The check-in form of key result K-`number`."""

    opens_form: ClassVar[bool] = True
    number: int


def pressed(value: str) -> Command:
    """The check-in button: its value is the key result's number."""
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= _MAX_NUMBER:
        raise UserError("error.bad_button")
    return CheckInForm(number=int(value))


def open_form(req: Request, cmd: CheckInForm) -> Reply:
    """Opens the form for the new value, the confidence and a comment; where no form can
    open (the console), says the command that does the same."""
    key_result = key_result_by_number(req.scope, cmd.number)
    if not req.invocation.trigger_id:
        return req.say("okr_checkin.type_it", number=cmd.number)
    lang = req.scope.lang
    form = Form(
        form_id=FORM,
        title=req.t("okr_checkin.form_title", number=cmd.number),
        submit_label=req.t("okr_checkin.form_submit"),
        context=str(cmd.number),
        fields=(
            FormField(
                name="value",
                label=" ".join(filter(None, (req.t("okr_checkin.field_value"), key_result.unit))),
                placeholder=figure(key_result.current_value, "", lang),
                hint=req.t("okr_checkin.field_value_hint"),
                max_length=40,
            ),
            FormField(
                name="confidence",
                label=req.t("okr_checkin.field_confidence"),
                kind=FieldKind.SELECT,
                options=tuple(
                    Option(label=status_word(each, lang), value=each.value) for each in CONFIDENCES
                ),
                initial=(key_result.status or OkrStatus.ON_TRACK).value
                if key_result.status in CONFIDENCES
                else OkrStatus.ON_TRACK.value,
            ),
            FormField(
                name="comment",
                label=req.t("okr_checkin.field_comment"),
                kind=FieldKind.TEXTAREA,
                required=False,
                max_length=MAX_CHECKIN_COMMENT,
            ),
        ),
    )
    return Reply(form=form)


def _confidence(given: str) -> OkrStatus:
    for each in CONFIDENCES:
        if given == each.value:
            return each
    raise FieldError("confidence", "okr_checkin.bad_confidence")


def submit(req: Request, submission: FormSubmission) -> Reply:
    """Records the check-in of a submitted form; a value that is not a number, or another
    mistake, is shown next to its field and nothing is saved."""
    if not (submission.context.isascii() and submission.context.isdigit()):
        raise UserError("error.bad_button")
    values = {name: (given or "").strip() for name, given in submission.values.items()}
    try:
        value = parse_value(values.get("value", ""))
    except UserError as error:
        raise FieldError("value", error.key, **error.params) from None
    confidence = _confidence(values.get("confidence", ""))
    comment = values.get("comment", "")
    if len(comment) > MAX_CHECKIN_COMMENT:
        raise FieldError("comment", "error.comment_too_long", limit=MAX_CHECKIN_COMMENT)
    key_result = key_result_by_number(req.scope, int(submission.context))
    record_checkin(req.scope, key_result, value, confidence, comment, req.scope.member)
    return req.say(
        "okr_checkin.checked_in",
        number=key_result.number,
        value=figure(value, key_result.unit, req.scope.lang),
        status=status_word(confidence, req.scope.lang),
    )
