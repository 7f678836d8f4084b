"""Feedback to referrers: acknowledgement and outcome messages from templates, in the
referrer's language, emailed or printed and recorded as sent; and the referrer's disagreement
with a decision, escalated step by step until it is resolved."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.authorities.models import User
from gofal.front_door.models import (
    OPENS_INVOLVEMENT,
    Contact,
    DisagreementStage,
    DisagreementStep,
    Feedback,
    FeedbackKind,
    FeedbackMethod,
    PersonRole,
)

# The order a disagreement moves through (WSP: line manager, then senior manager).
NEXT_STAGE: dict[str | None, str] = {
    None: DisagreementStage.RAISED,
    DisagreementStage.RAISED: DisagreementStage.LINE_MANAGER,
    DisagreementStage.LINE_MANAGER: DisagreementStage.SENIOR_MANAGER,
}


@dataclass(frozen=True)
class Letter:
    subject: str
    body: str
    language: str


def feedback_render(*, contact: Contact, kind: str) -> Letter:
    """The message for the referrer, from the template, in the language they chose."""
    decision = getattr(contact, "decision", None)
    if kind == FeedbackKind.OUTCOME and (decision is None or decision.awaiting_authorisation):
        raise ValidationError(_("The outcome can be sent once the decision has been made."))
    language = contact.referrer_language or "en"
    with translation.override(language):
        children = [p.person.full_name for p in contact.persons.all() if p.role == PersonRole.CHILD]
        context = {
            "contact": contact,
            "children": ", ".join(children) or _("a child"),
            "council": contact.authority.name,
        }
        if kind == FeedbackKind.OUTCOME and decision is not None:
            context["outcome"] = decision.get_outcome_display().lower()
            context["services"] = list(decision.services.all())
            team = decision.involvement_team if decision.outcome in OPENS_INVOLVEMENT else None
            team = team or decision.early_help_team
            context["team"] = team.name if team else ""
            subject = _("The outcome of your report to %(council)s") % context
        else:
            subject = _("We have received your report to %(council)s") % context
        body = render_to_string(f"front_door/letters/{kind}.txt", context).strip()
    return Letter(subject=subject, body=body, language=language)


def _recipient(contact: Contact, method: str) -> str:
    if method == FeedbackMethod.EMAIL:
        if not contact.referrer_email:
            raise ValidationError(
                {"method": _("There is no email address for the referrer: print the letter")}
            )
        return contact.referrer_email
    lines = [contact.referrer_name, contact.referrer_organisation, contact.referrer_address]
    return "\n".join(line for line in lines if line)


@transaction.atomic
def feedback_send(
    *,
    contact: Contact,
    kind: str,
    method: str,
    sent_by: User,
    form_token: uuid.UUID | None,
    now: datetime,
) -> Feedback:
    """Produce the message, record it as sent, and email it once the transaction commits."""
    existing = Feedback.objects.filter(contact=contact, kind=kind).first()
    if existing is not None:
        if form_token is not None and str(existing.form_token) == str(form_token):
            return existing
        raise ValidationError(_("This message has already been sent to the referrer."))
    letter = feedback_render(contact=contact, kind=kind)
    recipient = _recipient(contact, method)
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                authority_id=contact.authority_id,
                contact=contact,
                kind=kind,
                method=method,
                language=letter.language,
                recipient=recipient,
                subject=letter.subject,
                body=letter.body,
                sent_by=sent_by,
                sent_at=now,
                form_token=form_token,
            )
    except IntegrityError:
        return Feedback.objects.get(contact=contact, kind=kind)
    audit.record_create(
        actor=sent_by, obj=feedback, detail={"contact": str(contact.pk), "kind": kind}
    )
    if method == FeedbackMethod.EMAIL:
        transaction.on_commit(
            lambda: send_mail(
                letter.subject,
                letter.body,
                settings.DEFAULT_FROM_EMAIL,
                [recipient],
                fail_silently=False,
            )
        )
    return feedback


def disagreement_stage(contact: Contact) -> str | None:
    steps = list(contact.disagreement.all())
    return steps[-1].stage if steps else None


@transaction.atomic
def disagreement_step_add(
    *,
    contact: Contact,
    stage: str,
    note: str,
    result: str = "",
    recorded_by: User,
    now: datetime,
) -> DisagreementStep:
    """Record the referrer's disagreement, its escalation (line manager, then senior manager)
    or its resolution with the result."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not hasattr(contact, "decision"):
        raise ValidationError(_("A disagreement can be recorded once a decision has been made."))
    current = disagreement_stage(contact)
    errors: dict[str, str] = {}
    if current == DisagreementStage.RESOLVED:
        raise ValidationError(_("This disagreement has already been resolved."))
    if stage == DisagreementStage.RESOLVED:
        if current is None:
            errors["stage"] = _("Record the disagreement before resolving it")
        if not result:
            errors["result"] = _("Select the result")
    elif stage != NEXT_STAGE.get(current):
        errors["stage"] = _("Escalate to the line manager before the senior manager")
    if not note.strip():
        errors["note"] = _("Enter what was said")
    if errors:
        raise ValidationError(errors)
    step = DisagreementStep.objects.create(
        authority_id=contact.authority_id,
        contact=contact,
        stage=stage,
        note=note.strip(),
        result=result if stage == DisagreementStage.RESOLVED else "",
        recorded_by=recorded_by,
        recorded_at=now,
    )
    audit.record_create(
        actor=recorded_by, obj=step, detail={"contact": str(contact.pk), "stage": stage}
    )
    return step
