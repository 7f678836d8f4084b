"""Changes to casework records. Each one validates, writes, audits and notifies in a transaction."""

import hashlib
import uuid
import zipfile
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.authorities.models import Membership, Team, User
from gofal.authorities.records import save_versioned
from gofal.authorities.services import notification_send
from gofal.casework import closing
from gofal.casework.models import (
    Allocation,
    AllocationChangeReason,
    CaseNote,
    CaseNoteRevision,
    Document,
    Involvement,
    SignificantEvent,
    document_path,
)
from gofal.people.models import Person
from gofal.people.services import person_access_grant

_Tokened = TypeVar("_Tokened", CaseNote, Document, SignificantEvent)

# ---------------------------------------------------------------------------------------------
# Involvement


def _check_team(*, child: Person, team: Team) -> None:
    if team.authority_id != child.authority_id:
        raise ValidationError({"team": _("Select a team of this council")})


@transaction.atomic
def involvement_start(
    *,
    child: Person,
    team: Team,
    started_on: date,
    reason: str,
    reason_detail: str = "",
    started_by: User,
    as_of: date,
) -> Involvement:
    """Open the council's involvement with a child (at most one open at a time)."""
    _check_team(child=child, team=team)
    if started_on > as_of:
        raise ValidationError({"started_on": _("Start date must be today or in the past")})
    if Involvement.objects.filter(child=child, ended_on__isnull=True).exists():
        raise ValidationError(
            _("This child already has an open involvement. Close it before opening another.")
        )
    last = Involvement.objects.filter(child=child).order_by("-ended_on").first()
    if last and last.ended_on and started_on < last.ended_on:
        raise ValidationError(
            {"started_on": _("Start date must be on or after the end of the last involvement")}
        )
    try:
        with transaction.atomic():
            involvement = Involvement.objects.create(
                authority_id=child.authority_id,
                child=child,
                team=team,
                started_on=started_on,
                reason=reason,
                reason_detail=reason_detail,
                started_by=started_by,
            )
    except IntegrityError:
        raise ValidationError(
            _("This child already has an open involvement. Close it before opening another.")
        ) from None
    audit.record_create(actor=started_by, obj=involvement)
    return involvement


@transaction.atomic
def involvement_end(
    *,
    involvement: Involvement,
    expected_version: int,
    ended_on: date,
    end_reason: str,
    end_detail: str = "",
    ended_by: User,
    as_of: date,
) -> Involvement:
    """Close an involvement, the allocation open within it on the same day, and what other areas
    hold within it (their handlers in `casework.closing`, such as a care and support plan)."""
    if involvement.ended_on is not None:
        raise ValidationError(_("This involvement has already been closed."))
    if ended_on > as_of:
        raise ValidationError({"ended_on": _("End date must be today or in the past")})
    if ended_on < involvement.started_on:
        raise ValidationError({"ended_on": _("End date must be on or after the start date")})
    current = Allocation.objects.filter(involvement=involvement, ended_on__isnull=True).first()
    if current is not None and ended_on < current.started_on:
        raise ValidationError(
            {"ended_on": _("End date must be on or after the date the worker was allocated")}
        )
    if current is not None:
        changes = save_versioned(
            current, expected_version=current.version, changes={"ended_on": ended_on}
        )
        audit.record_update(actor=ended_by, obj=current, changes=changes)
    changes = save_versioned(
        involvement,
        expected_version=expected_version,
        changes={
            "ended_on": ended_on,
            "end_reason": end_reason,
            "end_detail": end_detail,
            "ended_by": ended_by,
        },
    )
    audit.record_update(actor=ended_by, obj=involvement, changes=changes)
    closing.involvement_ended(involvement=involvement, ended_by=ended_by, now=timezone.now())
    return involvement


# ---------------------------------------------------------------------------------------------
# Allocation


def _check_worker(*, worker: User, child: Person, on: date) -> None:
    if not Membership.objects.current(on).filter(user=worker, authority=child.authority).exists():
        raise ValidationError({"worker": _("Select a worker who works for this council")})


def _grant_access_if_restricted(*, child: Person, worker: User, by: User) -> None:
    """A restricted child's new worker needs access to the record to do the work."""
    if child.restricted:
        person_access_grant(
            person=child,
            user=worker,
            granted_by=by,
            reason=_("Allocated as the child's worker"),
            as_of=timezone.now(),
        )


@transaction.atomic
def allocation_change(
    *,
    child: Person,
    worker: User,
    team: Team,
    started_on: date,
    reason: AllocationChangeReason | None,
    reason_detail: str = "",
    changed_by: User,
    as_of: date,
) -> Allocation:
    """Allocate a worker to a child, ending the previous allocation in the same transaction.

    The first allocation of an involvement needs no reason; every change of worker does.
    The new worker is told, and given access if the child's record is restricted.
    """
    _check_team(child=child, team=team)
    if started_on > as_of:
        raise ValidationError({"started_on": _("Date allocated must be today or in the past")})
    involvement = (
        Involvement.objects.select_for_update().filter(child=child, ended_on__isnull=True).first()
    )
    if involvement is None:
        raise ValidationError(_("Open an involvement with this child before allocating a worker."))
    if started_on < involvement.started_on:
        raise ValidationError(
            {"started_on": _("Date allocated must be on or after the start of the involvement")}
        )
    _check_worker(worker=worker, child=child, on=started_on)
    previous = (
        Allocation.objects.select_for_update()
        .filter(child=child, ended_on__isnull=True)
        .select_related("worker")
        .first()
    )
    is_change = previous is not None or involvement.allocations.exists()
    if is_change and reason is None:
        raise ValidationError({"reason": _("Select the reason for the change of worker")})
    if previous is not None:
        if previous.worker_id == worker.pk and previous.team_id == team.pk:
            raise ValidationError({"worker": _("Select a different worker")})
        if started_on < previous.started_on:
            raise ValidationError(
                {
                    "started_on": _(
                        "Date allocated must be on or after the date the current worker was "
                        "allocated"
                    )
                }
            )
        changes = save_versioned(
            previous, expected_version=previous.version, changes={"ended_on": started_on}
        )
        audit.record_update(actor=changed_by, obj=previous, changes=changes)
    allocation = Allocation.objects.create(
        authority_id=child.authority_id,
        child=child,
        involvement=involvement,
        worker=worker,
        team=team,
        started_on=started_on,
        reason=reason if is_change else None,
        reason_detail=reason_detail,
        allocated_by=changed_by,
    )
    audit.record_create(
        actor=changed_by,
        obj=allocation,
        detail={"previous": str(previous.pk) if previous else "", "reason": allocation.reason_id},
    )
    _grant_access_if_restricted(child=child, worker=worker, by=changed_by)
    notification_send(
        recipient=worker,
        authority=child.authority,
        kind="allocation",
        subject=_("You have been allocated %(child)s") % {"child": child.full_name},
        body=_("%(manager)s allocated %(child)s to you from %(date)s.")
        % {
            "manager": str(changed_by),
            "child": child.full_name,
            "date": started_on.strftime("%d/%m/%Y"),
        },
        link=reverse("casework:involvement", args=[child.pk]),
        dedupe_key=f"allocation:{allocation.pk}",
        at=timezone.now(),
    )
    return allocation


@transaction.atomic
def allocation_end(
    *, allocation: Allocation, expected_version: int, ended_on: date, ended_by: User, as_of: date
) -> Allocation:
    """Leave a child unallocated (for example when their worker leaves): the team will see it."""
    if allocation.ended_on is not None:
        raise ValidationError(_("This allocation has already ended."))
    if ended_on > as_of:
        raise ValidationError({"ended_on": _("End date must be today or in the past")})
    if ended_on < allocation.started_on:
        raise ValidationError({"ended_on": _("End date must be on or after the start date")})
    changes = save_versioned(
        allocation, expected_version=expected_version, changes={"ended_on": ended_on}
    )
    audit.record_update(actor=ended_by, obj=allocation, changes=changes)
    return allocation


# ---------------------------------------------------------------------------------------------
# One-time form tokens: the same form submitted twice records one thing


def _already_submitted(
    model: type[_Tokened], *, form_token: uuid.UUID | None, child: Person
) -> _Tokened | None:
    if form_token is None:
        return None
    return model._default_manager.filter(form_token=form_token, child=child).first()


def _token_used(model: type[models.Model], form_token: uuid.UUID | None) -> bool:
    return form_token is not None and model._default_manager.filter(form_token=form_token).exists()


# ---------------------------------------------------------------------------------------------
# Case notes


def _check_note(
    *, occurred_at: datetime, child_seen: bool, seen_alone: bool, narrative: str, now: datetime
) -> None:
    errors: dict[str, str] = {}
    if occurred_at > now:
        if timezone.localdate(occurred_at) > timezone.localdate(now):
            errors["occurred_at"] = _("Date it happened must be today or in the past")
        else:
            errors["occurred_at"] = _("Time it happened must be now or in the past")
    if seen_alone and not child_seen:
        errors["seen_alone"] = _("Select ‘No’ for seen alone if the child was not seen")
    if not narrative.strip():
        errors["narrative"] = _("Enter what happened")
    if errors:
        raise ValidationError(errors)


def _add_revision(*, note: CaseNote, number: int, saved_by: User, saved_at: datetime) -> None:
    CaseNoteRevision.objects.create(
        authority_id=note.authority_id,
        note=note,
        number=number,
        kind=note.kind,
        occurred_at=note.occurred_at,
        child_seen=note.child_seen,
        seen_alone=note.seen_alone,
        narrative=note.narrative,
        saved_by=saved_by,
        saved_at=saved_at,
    )


@transaction.atomic
def case_note_create(
    *,
    child: Person,
    kind: str,
    occurred_at: datetime,
    child_seen: bool,
    seen_alone: bool,
    narrative: str,
    author: User,
    form_token: uuid.UUID | None,
    now: datetime,
) -> CaseNote:
    """Record a case note. Submitting the same form twice (same token) records it once."""
    existing_note = _already_submitted(CaseNote, form_token=form_token, child=child)
    if existing_note is not None:
        return existing_note
    if _token_used(CaseNote, form_token):
        form_token = None  # a token from another child's form: not a double submission
    _check_note(
        occurred_at=occurred_at,
        child_seen=child_seen,
        seen_alone=seen_alone,
        narrative=narrative,
        now=now,
    )
    try:
        with transaction.atomic():
            note = CaseNote.objects.create(
                authority_id=child.authority_id,
                child=child,
                kind=kind,
                occurred_at=occurred_at,
                child_seen=child_seen,
                seen_alone=seen_alone and child_seen,
                narrative=narrative,
                author=author,
                form_token=form_token,
            )
    except IntegrityError:
        # The same form arrived twice at once: the other request recorded it.
        return CaseNote.objects.get(form_token=form_token, child=child)
    _add_revision(note=note, number=1, saved_by=author, saved_at=note.created_at)
    audit.record_create(actor=author, obj=note, detail={"kind": kind})
    return note


@transaction.atomic
def case_note_update(
    *,
    note: CaseNote,
    expected_version: int,
    kind: str,
    occurred_at: datetime,
    child_seen: bool,
    seen_alone: bool,
    narrative: str,
    edited_by: User,
    now: datetime,
) -> CaseNote:
    """Correct a case note. The earlier text stays as a revision; a conflicting edit is refused.

    Raises `EditConflict` if someone else saved the note since `expected_version`.
    """
    _check_note(
        occurred_at=occurred_at,
        child_seen=child_seen,
        seen_alone=seen_alone,
        narrative=narrative,
        now=now,
    )
    changes: dict[str, Any] = save_versioned(
        note,
        expected_version=expected_version,
        changes={
            "kind": kind,
            "occurred_at": occurred_at,
            "child_seen": child_seen,
            "seen_alone": seen_alone and child_seen,
            "narrative": narrative,
            "updated_at": now,
        },
    )
    number = expected_version + 1
    _add_revision(note=note, number=number, saved_by=edited_by, saved_at=now)
    changes.pop("updated_at", None)
    if "narrative" in changes:
        # The audit log says that the words changed; the words themselves stay in the revisions.
        changes["narrative"] = [f"revision {number - 1}", f"revision {number}"]
    audit.record_update(actor=edited_by, obj=note, changes=changes)
    return note


# ---------------------------------------------------------------------------------------------
# Documents

ALLOWED_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_names(upload: UploadedFile) -> set[str]:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                names.add("mimetype:" + archive.read("mimetype")[:80].decode("ascii", "replace"))
            return names
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()
    finally:
        upload.seek(0)


def _content_matches(extension: str, upload: UploadedFile) -> bool:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == ".doc":
        return head.startswith(_OLE)
    if extension == ".docx":
        return head.startswith(b"PK\x03\x04") and "word/document.xml" in _zip_names(upload)
    if extension == ".odt":
        return head.startswith(b"PK\x03\x04") and (
            "mimetype:application/vnd.oasis.opendocument.text" in _zip_names(upload)
        )
    if extension == ".txt":
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character may be cut at the end of the sample.
            return error.start >= len(head) - 4
        return True
    return False


def size_label(size: int) -> str:
    """A size as GOV.UK writes it in messages: 20MB, 500KB."""
    megabyte = 1024 * 1024
    if size >= megabyte:
        value = size / megabyte
        return f"{value:.0f}MB" if value == int(value) else f"{value:.1f}MB"
    if size >= 1024:
        return f"{size // 1024}KB"
    return _("%(count)s bytes") % {"count": size}


def document_check_file(upload: UploadedFile) -> str:
    """Refuse a file that is empty, too big, or not one of the allowed types. Returns its type.

    The type is checked twice: by the file name's extension and by the file's own first bytes,
    so a program renamed to `.pdf` is refused.
    """
    limit = settings.GOFAL_UPLOAD_MAX_BYTES
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The selected file is empty")})
    if size > limit:
        raise ValidationError(
            {
                "file": _("The selected file must be smaller than %(limit)s")
                % {"limit": size_label(limit)}
            }
        )
    extension = PurePosixPath(upload.name or "").suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            {
                "file": _(
                    "The selected file must be a PDF, Word document, OpenDocument text, JPEG, "
                    "PNG or plain text file"
                )
            }
        )
    if not _content_matches(extension, upload):
        raise ValidationError(
            {
                "file": _(
                    "The selected file’s contents are not a %(extension)s file. Save it in one "
                    "of the allowed formats and try again"
                )
                % {"extension": extension.lstrip(".").upper()}
            }
        )
    return ALLOWED_EXTENSIONS[extension]


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def document_upload(
    *,
    child: Person,
    title: str,
    kind: str,
    language: str,
    upload: UploadedFile,
    uploaded_by: User,
    form_token: uuid.UUID | None,
) -> Document:
    """Store a file on the child's record (through the storage API). Idempotent per form."""
    existing_document = _already_submitted(Document, form_token=form_token, child=child)
    if existing_document is not None:
        return existing_document
    if _token_used(Document, form_token):
        form_token = None
    if not title.strip():
        raise ValidationError({"title": _("Enter a title")})
    content_type = document_check_file(upload)
    document = Document(
        authority_id=child.authority_id,
        child=child,
        title=title.strip(),
        kind=kind,
        language=language,
        original_name=PurePosixPath(upload.name or "").name[:255],
        content_type=content_type,
        size=upload.size or 0,
        sha256=_sha256(upload),
        uploaded_by=uploaded_by,
        form_token=form_token,
    )
    document.file.save(document_path(document, upload.name or ""), upload, save=False)
    stored = document.file.name
    try:
        with transaction.atomic():
            document.save()
            audit.record_create(
                actor=uploaded_by, obj=document, detail={"kind": kind, "size": document.size}
            )
    except IntegrityError:
        document.file.storage.delete(stored)
        return Document.objects.get(form_token=form_token, child=child)
    except Exception:
        document.file.storage.delete(stored)
        raise
    return document


# ---------------------------------------------------------------------------------------------
# Significant events


@transaction.atomic
def significant_event_record(
    *,
    child: Person,
    occurred_on: date,
    kind: str,
    summary: str,
    recorded_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> SignificantEvent:
    """Add something important in the child's life to their chronology."""
    existing_event = _already_submitted(SignificantEvent, form_token=form_token, child=child)
    if existing_event is not None:
        return existing_event
    if _token_used(SignificantEvent, form_token):
        form_token = None
    errors: dict[str, str] = {}
    if occurred_on > as_of:
        errors["occurred_on"] = _("Date it happened must be today or in the past")
    if not summary.strip():
        errors["summary"] = _("Enter what happened")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            event = SignificantEvent.objects.create(
                authority_id=child.authority_id,
                child=child,
                occurred_on=occurred_on,
                kind=kind,
                summary=summary,
                recorded_by=recorded_by,
                form_token=form_token,
            )
    except IntegrityError:
        return SignificantEvent.objects.get(form_token=form_token, child=child)
    audit.record_create(actor=recorded_by, obj=event, detail={"kind": kind})
    return event
