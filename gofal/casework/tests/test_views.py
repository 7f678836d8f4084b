import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gofal.audit.models import Action, AuditEvent
from gofal.audit.services import record_view
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import staff
from gofal.casework import chronology
from gofal.casework.models import Allocation, AllocationChangeReason, CaseNote, Document
from gofal.casework.tests.factories import (
    AllocationFactory,
    CaseNoteFactory,
    ChildFactory,
    InvolvementFactory,
    SignificantEventFactory,
)
from gofal.people.models import PersonAccess
from gofal.people.presenters import badge_providers


def url(name, child, *extra):
    return reverse(f"casework:{name}", args=[child.pk, *extra])


def note_form(**overrides):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "home_visit",
        "occurred_on_day": str(yesterday.day),
        "occurred_on_month": str(yesterday.month),
        "occurred_on_year": str(yesterday.year),
        "occurred_time": "2:30pm",
        "child_seen": "yes",
        "seen_alone": "yes",
        "narrative": "Cerys showed me her drawings and said she likes her new school.",
    }
    data.update(overrides)
    return data


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_every_page_renders_for_its_users(client, allocation, worker, manager):
    CaseNoteFactory(child=allocation.child, author=worker)
    SignificantEventFactory(child=allocation.child)
    client.force_login(worker)
    for name in [
        "chronology",
        "notes",
        "note_new",
        "documents",
        "document_upload",
        "involvement",
        "significant_event_new",
    ]:
        response = client.get(url(name, allocation.child))
        assert response.status_code == 200, name
        assert b"moj-identity-bar" in response.content
        assert b"moj-sub-navigation" in response.content
    assert client.get(reverse("casework:my_caseload")).status_code == 200
    client.force_login(manager)
    for name in ["allocation_change", "involvement_end", "record_access"]:
        assert client.get(url(name, allocation.child)).status_code == 200, name
    assert client.get(reverse("casework:team_caseload")).status_code == 200


@pytest.mark.django_db
class TestMyCaseloadPage:
    def test_each_child_with_age_reason_and_when_seen(self, client, allocation, worker, team):
        seen = timezone.make_aware(dt.datetime(2025, 6, 10, 10, 0))
        alone = timezone.make_aware(dt.datetime(2025, 5, 2, 15, 0))
        CaseNoteFactory(child=allocation.child, occurred_at=alone, seen_alone=True)
        CaseNoteFactory(child=allocation.child, occurred_at=seen, seen_alone=False)
        never = AllocationFactory(
            worker=worker,
            involvement__team=team,
            involvement__child__given_name="Aled",
            involvement__child__family_name="Evans",
            involvement__child__date_of_birth=None,
            involvement__reason="disability",
            started_on=dt.date(2025, 3, 14),
            membership=False,
        )
        AllocationFactory(involvement__team=team)  # someone else's
        client.force_login(worker)
        page = client.get(reverse("casework:my_caseload")).content.decode()
        assert "2 children are allocated to you." in page
        child = allocation.child
        assert f'href="{url("chronology", child)}">Cerys Hughes</a>' in page
        assert f'href="{url("chronology", never.child)}">Aled Evans</a>' in page
        # by family name: Evans before Hughes
        assert page.index("Aled Evans") < page.index("Cerys Hughes")
        assert f'<td class="govuk-table__cell">{child.age_on(timezone.localdate())}</td>' in page
        assert '<td class="govuk-table__cell">Not known</td>' in page
        assert "Abuse or neglect" in page
        assert "Child&#x27;s disability or illness" in page
        assert 'data-sort-value="20250106">6 January 2025</td>' in page
        assert 'data-sort-value="20250314">14 March 2025</td>' in page
        assert 'data-sort-value="202506101000">10 June 2025</td>' in page
        assert 'data-sort-value="202505021500">2 May 2025</td>' in page
        assert (
            'data-sort-value="0"><strong class="govuk-tag govuk-tag--red">Not seen</strong>' in page
        )
        assert 'data-sort-value="0">Not seen alone</td>' in page
        assert "Restricted" not in page

    def test_every_child_listed_is_audited(self, client, allocation, worker, team):
        other = AllocationFactory(worker=worker, involvement__team=team, membership=False)
        client.force_login(worker)
        client.get(reverse("casework:my_caseload"))
        events = AuditEvent.objects.filter(action=Action.LIST, actor_id=worker.pk)
        assert {e.person_id for e in events} == {allocation.child_id, other.child_id}
        assert {e.authority_id for e in events} == {team.authority_id}
        assert all(e.detail == {"context": "my_caseload"} for e in events)

    def test_a_restricted_child_is_listed_with_its_badge_only_with_access(
        self, client, allocation, worker
    ):
        child = allocation.child
        child.restricted = True
        child.save()
        client.force_login(worker)
        page = client.get(reverse("casework:my_caseload")).content.decode()
        assert "Cerys Hughes" not in page
        assert "No children are allocated to you." in page
        assert not AuditEvent.objects.filter(action=Action.LIST, person_id=child.pk).exists()
        PersonAccess.objects.create(
            authority=child.authority,
            person=child,
            user=worker,
            granted_by=worker,
            reason="Allocated",
            starts_at=timezone.now() - dt.timedelta(days=1),
        )
        page = client.get(reverse("casework:my_caseload")).content.decode()
        assert (
            'Cerys Hughes</a> <strong class="moj-badge moj-badge--red">Restricted</strong>' in page
        )

    def test_in_welsh(self, client, allocation, worker, settings):
        CaseNoteFactory(
            child=allocation.child,
            occurred_at=timezone.make_aware(dt.datetime(2025, 6, 10, 10, 0)),
            seen_alone=False,
        )
        client.force_login(worker)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
        page = client.get(reverse("casework:my_caseload")).content.decode()
        assert "10 Mehefin 2025" in page
        assert "6 Ionawr 2025" in page
        assert "Cam-drin neu esgeulustod" in page


@pytest.mark.django_db
class TestPersonPagesAreAudited:
    def test_a_page_records_a_view_of_the_child(self, client, allocation, worker):
        client.force_login(worker)
        client.get(url("chronology", allocation.child))
        event = AuditEvent.objects.get(action=Action.VIEW, person_id=allocation.child.pk)
        assert event.detail == {"page": "chronology"}
        assert event.actor_id == worker.pk


@pytest.mark.django_db
class TestOtherCouncils:
    @pytest.mark.parametrize("name", ["chronology", "notes", "documents", "involvement"])
    def test_another_councils_child_is_not_found(self, client, worker, name):
        elsewhere = InvolvementFactory().child
        client.force_login(worker)
        assert client.get(url(name, elsewhere)).status_code == 404

    def test_another_councils_note_is_not_found(self, client, worker, child):
        note = CaseNoteFactory()
        client.force_login(worker)
        assert client.get(url("note_detail", child, note.pk)).status_code == 404
        assert client.get(url("note_detail", note.child, note.pk)).status_code == 404

    def test_restricted_child_without_access_is_not_found(self, client, worker, team):
        child = ChildFactory(authority=team.authority, restricted=True)
        client.force_login(worker)
        assert client.get(url("chronology", child)).status_code == 404

    def test_partner_agency_sees_nothing(self, client, child, team):
        client.force_login(staff(Role.PARTNER_AGENCY, team=team))
        assert client.get(url("notes", child)).status_code == 403


@pytest.mark.django_db
class TestCaseNoteViews:
    def test_records_a_note_and_redirects(self, client, child, worker):
        client.force_login(worker)
        response = client.post(url("note_new", child), note_form())
        assert response.status_code == 302
        note = CaseNote.objects.get()
        assert note.child_seen
        assert note.seen_alone
        assert timezone.localtime(note.occurred_at).hour == 14

    def test_double_submission_records_one_note(self, client, child, worker):
        client.force_login(worker)
        data = note_form()
        assert client.post(url("note_new", child), data).status_code == 302
        assert client.post(url("note_new", child), data).status_code == 302
        assert CaseNote.objects.count() == 1

    def test_a_note_in_the_future_is_refused_and_nothing_typed_is_lost(self, client, child, worker):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        client.force_login(worker)
        response = client.post(
            url("note_new", child),
            note_form(
                occurred_on_day=str(tomorrow.day),
                occurred_on_month=str(tomorrow.month),
                occurred_on_year=str(tomorrow.year),
                narrative="Typed with care: do not lose me.",
            ),
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "govuk-error-summary" in content
        assert "Date it happened must be today or in the past" in content
        assert "Typed with care: do not lose me." in content
        assert f'value="{tomorrow.year}"' in content
        assert not CaseNote.objects.exists()

    def test_missing_answers_get_govuk_messages(self, client, child, worker):
        client.force_login(worker)
        response = client.post(
            url("note_new", child),
            note_form(kind="", child_seen="yes", seen_alone="", occurred_time="25:99"),
        )
        content = response.content.decode()
        assert "Select the kind of contact" in content
        assert "Select whether the child was seen alone" in content
        assert "Enter a real time, for example 14:30 or 2:30pm" in content
        assert "Cerys showed me her drawings" in content

    def test_business_support_may_not_write_notes(self, client, child, team):
        client.force_login(staff(Role.BUSINESS_SUPPORT, team=team))
        assert client.post(url("note_new", child), note_form()).status_code == 403
        assert not CaseNote.objects.exists()

    def test_edit_keeps_the_earlier_version(self, client, child, worker):
        note = CaseNoteFactory(child=child, author=worker)
        client.force_login(worker)
        response = client.post(
            url("note_edit", child, note.pk),
            note_form(version=str(note.version), narrative="Corrected account."),
        )
        assert response.status_code == 302
        page = client.get(url("note_detail", child, note.pk)).content.decode()
        assert "Corrected account." in page
        assert "Visited at home. Mum and child present." in page  # version 1, kept

    def test_a_conflicting_edit_shows_both_versions(self, client, child, worker, manager):
        note = CaseNoteFactory(child=child, author=worker)
        opened = note.version
        client.force_login(manager)
        client.post(
            url("note_edit", child, note.pk),
            note_form(version=str(opened), narrative="Manager's version."),
        )
        client.force_login(worker)
        response = client.post(
            url("note_edit", child, note.pk),
            note_form(version=str(opened), narrative="Worker's version."),
        )
        assert response.status_code == 409
        content = response.content.decode()
        assert "Manager&#x27;s version." in content
        assert "Worker&#x27;s version." in content
        assert CaseNote.objects.get(pk=note.pk).narrative == "Manager's version."
        # Saving again from this page (it now carries the new version) succeeds.
        response = client.post(
            url("note_edit", child, note.pk),
            note_form(version=str(opened + 1), narrative="Worker's version, merged."),
        )
        assert response.status_code == 302

    def test_only_the_author_or_a_manager_may_edit(self, client, child, worker, team):
        note = CaseNoteFactory(child=child, author=worker)
        client.force_login(staff(Role.SOCIAL_WORKER, team=team))
        assert client.get(url("note_edit", child, note.pk)).status_code == 403


@pytest.mark.django_db
class TestDocumentViews:
    def test_wrong_type_is_refused_with_a_message_and_the_title_is_kept(
        self, client, child, worker
    ):
        client.force_login(worker)
        response = client.post(
            url("document_upload", child),
            {
                "form_token": str(uuid.uuid4()),
                "title": "Pathway plan draft",
                "kind": "plan",
                "language": "cy",
                "file": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf"),
            },
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "The selected file’s contents are not a PDF file" in content
        assert 'value="Pathway plan draft"' in content
        assert not Document.objects.exists()

    def test_business_support_may_upload(self, client, child, team):
        client.force_login(staff(Role.BUSINESS_SUPPORT, team=team))
        response = client.post(
            url("document_upload", child),
            {
                "form_token": str(uuid.uuid4()),
                "title": "Letter from school",
                "kind": "partner",
                "language": "en",
                "file": SimpleUploadedFile("letter.txt", b"Dear social worker"),
            },
        )
        assert response.status_code == 302
        assert Document.objects.get().title == "Letter from school"


@pytest.mark.django_db
class TestChronologyView:
    def test_filter_by_kind(self, client, allocation, worker):
        CaseNoteFactory(child=allocation.child, author=worker, narrative="A visit note")
        SignificantEventFactory(child=allocation.child, summary="Moved house")
        client.force_login(worker)
        content = client.get(
            url("chronology", allocation.child) + "?kind=significant_event"
        ).content.decode()
        assert "Moved house" in content
        assert "A visit note" not in content
        assert "moj-timeline" in content

    def test_adding_a_significant_event(self, client, child, worker):
        client.force_login(worker)
        response = client.post(
            url("significant_event_new", child),
            {
                "form_token": str(uuid.uuid4()),
                "occurred_on_day": "3",
                "occurred_on_month": "2",
                "occurred_on_year": "2025",
                "kind": "school_change",
                "summary": "Started at Ysgol Gymraeg.",
            },
        )
        assert response.status_code == 302
        assert "Started at Ysgol Gymraeg." in client.get(url("chronology", child)).content.decode()

    def test_paginated(self, client, child, worker):
        for day in range(1, 31):
            SignificantEventFactory(child=child, occurred_on=dt.date(2025, 1, day))
        client.force_login(worker)
        first = client.get(url("chronology", child)).content.decode()
        second = client.get(url("chronology", child) + "?page=2").content.decode()
        assert first.count("moj-timeline__item") == 25
        assert second.count("moj-timeline__item") == 5


@pytest.mark.django_db
class TestTeamCaseloadPage:
    def test_a_chosen_workers_children_are_listed_and_only_they_are_audited(
        self, client, allocation, manager, team, worker
    ):
        other = AllocationFactory(involvement__team=team)
        client.force_login(manager)
        page = client.get(reverse("casework:team_caseload")).content.decode()
        assert "Choose a worker in the table above" in page
        assert url("chronology", allocation.child) not in page
        assert f"worker={worker.pk}" in page
        before = AuditEvent.objects.filter(action=Action.LIST).count()
        page = client.get(reverse("casework:team_caseload"), {"worker": str(worker.pk)})
        content = page.content.decode()
        assert url("chronology", allocation.child) in content
        assert url("chronology", other.child) not in content
        listed = AuditEvent.objects.filter(action=Action.LIST).order_by("seq")[before:]
        assert [e.person_id for e in listed] == [allocation.child.pk]

    def test_children_not_allocated_come_a_page_at_a_time(self, client, manager, team):
        waiting = [InvolvementFactory(team=team) for _ in range(27)]
        client.force_login(manager)
        first = client.get(reverse("casework:team_caseload")).content.decode()
        second = client.get(
            reverse("casework:team_caseload"), {"unallocated_page": "2"}
        ).content.decode()
        assert ">27</span>" in first  # the count covers every page
        on_first = [i for i in waiting if i.child.full_name in first]
        on_second = [i for i in waiting if i.child.full_name in second]
        assert len(on_first) == 25
        assert len(on_second) == 2
        assert "unallocated_page=2#unallocated" in first

    def test_a_worker_who_is_not_in_the_team_shows_nothing(self, client, allocation, manager):
        client.force_login(manager)
        response = client.get(reverse("casework:team_caseload"), {"worker": str(uuid.uuid4())})
        assert response.status_code == 200
        assert url("chronology", allocation.child) not in response.content.decode()
        response = client.get(reverse("casework:team_caseload"), {"worker": "not-a-uuid"})
        assert response.status_code == 200


@pytest.mark.django_db
class TestAllocationViews:
    def test_manager_changes_worker_from_the_team_caseload(self, client, allocation, manager, team):
        new_worker = staff(Role.SOCIAL_WORKER, team=team)
        client.force_login(manager)
        response = client.post(
            url("allocation_change", allocation.child),
            {
                "worker": str(new_worker.pk),
                "team": str(team.pk),
                "started_on_day": str(timezone.localdate().day),
                "started_on_month": str(timezone.localdate().month),
                "started_on_year": str(timezone.localdate().year),
                "reason": "worker_left_role",
                "next": "team",
            },
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("casework:team_caseload"))
        current = Allocation.objects.get(child=allocation.child, ended_on__isnull=True)
        assert current.worker == new_worker

    def test_a_change_without_a_reason_is_refused(self, client, allocation, manager, team):
        client.force_login(manager)
        response = client.post(
            url("allocation_change", allocation.child),
            {
                "worker": str(staff(Role.SOCIAL_WORKER, team=team).pk),
                "team": str(team.pk),
                "started_on_day": str(timezone.localdate().day),
                "started_on_month": str(timezone.localdate().month),
                "started_on_year": str(timezone.localdate().year),
            },
        )
        assert "Select the reason for the change of worker" in response.content.decode()

    def test_workers_are_offered_with_their_team(self, client, allocation, manager, team):
        client.force_login(manager)
        content = client.get(url("allocation_change", allocation.child)).content.decode()
        assert f"Siân Morgan ({team.name_en})" in content

    def test_social_worker_may_not_reallocate(self, client, allocation, worker):
        client.force_login(worker)
        assert client.get(url("allocation_change", allocation.child)).status_code == 403

    def test_opening_and_closing_an_involvement(self, client, child, manager, team):
        client.force_login(manager)
        today = timezone.localdate()
        response = client.post(
            url("involvement_start", child),
            {
                "team": str(team.pk),
                "started_on_day": str(today.day),
                "started_on_month": str(today.month),
                "started_on_year": str(today.year),
                "reason": "acute_stress",
            },
        )
        assert response.status_code == 302
        involvement = child.involvements.get()
        response = client.post(
            url("involvement_end", child),
            {
                "version": str(involvement.version),
                "ended_on_day": str(today.day),
                "ended_on_month": str(today.month),
                "ended_on_year": str(today.year),
                "end_reason": "needs_met",
            },
        )
        assert response.status_code == 302
        involvement.refresh_from_db()
        assert involvement.ended_on == today


@pytest.mark.django_db
class TestRecordAccess:
    def test_lists_who_did_what_with_their_role(self, client, child, worker, manager):
        record_view(actor=worker, obj=child)
        client.force_login(manager)
        content = client.get(url("record_access", child)).content.decode()
        assert "Siân Morgan" in content
        assert "Social worker" in content
        assert "Viewed" in content

    def test_filter_by_what_they_did(self, client, child, worker, manager):
        record_view(actor=worker, obj=child)
        client.force_login(manager)
        content = client.get(url("record_access", child) + "?action=update").content.decode()
        assert "Siân Morgan" not in content

    def test_social_worker_may_not_see_it(self, client, child, worker):
        client.force_login(worker)
        assert client.get(url("record_access", child)).status_code == 403


@pytest.mark.django_db
class TestQueryCounts:
    """Pages cost the same number of queries whatever the size of the caseload or record."""

    def test_my_caseload(self, client, worker, team):
        def add_children(n):
            for _ in range(n):
                allocation = AllocationFactory(
                    worker=worker, involvement__team=team, membership=False
                )
                CaseNoteFactory(child=allocation.child, author=worker)

        client.force_login(worker)
        client.get(reverse("ui:home"))  # the first request renews the new session
        add_children(1)
        small = count_queries(client, reverse("casework:my_caseload"))
        add_children(6)
        assert count_queries(client, reverse("casework:my_caseload")) == small == PINNED["my"]

    def test_my_caseload_with_restricted_children(self, client, worker, team):
        """Restricted children on the list cost one query more, however many there are."""

        def add_restricted(n):
            for _ in range(n):
                allocation = AllocationFactory(
                    worker=worker,
                    involvement__team=team,
                    involvement__child__restricted=True,
                    membership=False,
                )
                PersonAccess.objects.create(
                    authority=team.authority,
                    person=allocation.child,
                    user=worker,
                    granted_by=worker,
                    reason="Allocated",
                    starts_at=timezone.now() - dt.timedelta(days=1),
                )

        client.force_login(worker)
        client.get(reverse("ui:home"))  # the first request renews the new session
        AllocationFactory(worker=worker, involvement__team=team, membership=False)
        add_restricted(1)
        small = count_queries(client, reverse("casework:my_caseload"))
        add_restricted(4)
        AllocationFactory(  # restricted, without access: not listed
            worker=worker, involvement__team=team, involvement__child__restricted=True
        )
        response = client.get(reverse("casework:my_caseload"))
        assert "6 children are allocated to you." in response.content.decode()
        assert count_queries(client, reverse("casework:my_caseload")) == small == PINNED["my"] + 1

    def test_team_caseload(self, client, manager, team):
        def add_children(n):
            for _ in range(n):
                first = AllocationFactory(involvement__team=team)
                first.ended_on = timezone.localdate()
                first.save()
                AllocationFactory(
                    involvement=first.involvement,
                    started_on=timezone.localdate(),
                    reason=AllocationChangeReason.objects.get(code="restructure"),
                )
                InvolvementFactory(team=team)

        client.force_login(manager)
        client.get(reverse("ui:home"))  # the first request renews the new session
        add_children(1)
        small = count_queries(client, reverse("casework:team_caseload"))
        add_children(5)
        assert count_queries(client, reverse("casework:team_caseload")) == small == PINNED["team"]

    def test_team_caseload_with_a_worker_chosen(self, client, manager, team, worker):
        def add_children(n):
            for _ in range(n):
                allocation = AllocationFactory(worker=worker, involvement__team=team)
                CaseNoteFactory(child=allocation.child, author=worker)
                first = AllocationFactory(involvement__team=team)  # another worker's child,
                first.ended_on = timezone.localdate()  # who changed worker today
                first.save()
                AllocationFactory(
                    involvement=first.involvement,
                    started_on=timezone.localdate(),
                    reason=AllocationChangeReason.objects.get(code="restructure"),
                )
                InvolvementFactory(team=team)  # not allocated

        client.force_login(manager)
        client.get(reverse("ui:home"))  # the first request renews the new session
        path = reverse("casework:team_caseload") + f"?worker={worker.pk}"
        add_children(1)
        small = count_queries(client, path)
        add_children(30)  # more than a page of children not allocated and of changes
        assert count_queries(client, path) == small == PINNED["team"] + 1

    def test_chronology(self, client, allocation, worker):
        child = allocation.child

        def add_records(n):
            for _ in range(n):
                CaseNoteFactory(child=child, author=staff(team=allocation.team))
                SignificantEventFactory(child=child)

        client.force_login(worker)
        client.get(reverse("ui:home"))  # the first request renews the new session
        add_records(1)
        small = count_queries(client, url("chronology", child))
        add_records(15)
        assert count_queries(client, url("chronology", child)) == small == PINNED["chronology"]


# Session, user and memberships (acting), the page's own queries (caseload: 1; team: 6, two
# lists paged, each with its count, and 1 more for a chosen worker's children; chronology: the
# person and one per chronology source), the audit record (2, plus the chain lock and
# savepoints on PostgreSQL), the identity bar's warnings, the notification badge and
# the session save; no query for Django's database permissions (gofal.authorities.backends).
# Every app that registers a chronology source adds its one query to the chronology page
# (casework's own five are counted in the figures), and every identity-bar badge provider one.
_EXTRA_SOURCES = len(chronology._SOURCES) - 5 + len(badge_providers())
_PINNED = {
    "sqlite": {"my": 7, "team": 13, "chronology": 13 + _EXTRA_SOURCES},
    "postgresql": {"my": 15, "team": 21, "chronology": 21 + _EXTRA_SOURCES},
}
PINNED = _PINNED.get(connection.vendor, _PINNED["sqlite"])


@pytest.mark.django_db
def test_pages_speak_welsh(client, allocation, worker, settings):
    client.force_login(worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert "Fy llwyth achosion" in client.get(reverse("casework:my_caseload")).content.decode()
    content = client.get(url("involvement", allocation.child)).content.decode()
    assert "Hanes dyrannu" in content
    assert "Cam-drin neu esgeulustod" in content
