import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gofal.assessments import services
from gofal.assessments.models import AssessmentSharing, AssessmentStatus
from gofal.assessments.sections import section_after, sections_for, submission_gaps
from gofal.assessments.tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db
CARER_FIELDS = {"carer_name", "cared_for", "carer_needs", "carer_willing", "carer_able"}


class TestCarersAssessment:
    def test_carers_and_young_carers_have_their_own_section(self):
        for kind in ("carer", "young_carer"):
            keys = [s.key for s in sections_for(kind)]
            assert "carer" in keys
            assert section_after("family", kind).key == "carer"
        assert "carer" not in [s.key for s in sections_for("full")]
        assert section_after("family", "full").key == "history"

    def test_a_carers_assessment_cannot_be_submitted_without_the_carers_needs(self, involvement):
        assessment = AssessmentFactory(involvement=involvement, complete=True, kind="carer")
        gaps = {gap.field for gap in submission_gaps(assessment)}
        assert CARER_FIELDS | {"carer_outcomes"} <= gaps
        assert "young_carer_appropriate" not in gaps
        for name in CARER_FIELDS | {"carer_outcomes"}:
            setattr(assessment, name, "Recorded")
        assert submission_gaps(assessment) == []

    def test_a_young_carer_is_asked_whether_caring_is_appropriate(self, involvement):
        assessment = AssessmentFactory(involvement=involvement, complete=True, kind="young_carer")
        for name in CARER_FIELDS | {"carer_outcomes"}:
            setattr(assessment, name, "Recorded")
        assert [gap.field for gap in submission_gaps(assessment)] == ["young_carer_appropriate"]

    def test_a_childs_assessment_needs_none_of_it(self, involvement):
        assessment = AssessmentFactory(involvement=involvement, complete=True, kind="full")
        assert submission_gaps(assessment) == []

    def test_an_adult_carers_assessment_does_not_run_the_childs_assessment_clock(
        self, involvement, worker
    ):
        start = {
            "child": involvement.child,
            "started_on": dt.date(2025, 2, 3),
            "started_by": worker,
            "form_token": None,
            "as_of": dt.date(2025, 2, 3),
        }
        carers = services.assessment_start(kind="carer", **start)
        young = services.assessment_start(kind="young_carer", **start)
        assert carers.deadline is None
        assert young.deadline is not None

    def test_kind_cannot_switch_between_an_adult_carer_and_the_child(self, involvement, worker):
        assessment = AssessmentFactory(involvement=involvement, kind="full")
        with pytest.raises(ValidationError) as error:
            services.assessment_save(
                assessment=assessment,
                expected_version=assessment.version,
                values={"kind": "carer"},
                saved_by=worker,
                now=timezone.now(),
            )
        assert "kind" in error.value.message_dict
        services.assessment_save(
            assessment=assessment,
            expected_version=assessment.version,
            values={"kind": "young_carer"},
            saved_by=worker,
            now=timezone.now(),
        )
        assessment.refresh_from_db()
        assert assessment.kind == "young_carer"

    def test_the_carer_section_page(self, client, involvement, worker):
        assessment = AssessmentFactory(involvement=involvement, kind="carer", worker=worker)
        client.force_login(worker)
        url = reverse("assessments:section", args=[assessment.child_id, assessment.pk, "carer"])
        body = client.get(url).content.decode()
        assert "How willing is the carer to provide care" in body
        r = client.post(
            url,
            {
                "version": assessment.version,
                "carer_name": "Gareth Jones",
                "cared_for": "Cerys, his daughter, who has cerebral palsy",
                "carer_needs": "A break one weekend a month",
                "then": "continue",
            },
        )
        assert r.status_code == 302
        assessment.refresh_from_db()
        assert assessment.carer_needs == "A break one weekend a month"
        full = AssessmentFactory(involvement=involvement, kind="full", worker=worker)
        url = reverse("assessments:section", args=[full.child_id, full.pk, "carer"])
        assert client.get(url).status_code == 404


class TestSharing:
    def _share(self, assessment, worker, **kw):
        values = {
            "assessment": assessment,
            "shared_on": dt.date(2025, 3, 3),
            "shared_with": "family",
            "name": "Mam and Dad",
            "method": "in_person",
            "language": "cy",
            "recorded_by": worker,
            "form_token": None,
            "as_of": dt.date(2025, 3, 4),
            **kw,
        }
        return services.assessment_share_record(**values)

    def _authorised(self, involvement):
        return AssessmentFactory(
            involvement=involvement,
            complete=True,
            status=AssessmentStatus.AUTHORISED,
            authorised_at=dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC),
        )

    def test_recorded_once_per_form(self, involvement, worker):
        assessment = self._authorised(involvement)
        token = uuid.uuid4()
        assert self._share(assessment, worker, form_token=token) == self._share(
            assessment, worker, form_token=token
        )
        assert AssessmentSharing.objects.count() == 1

    def test_bad_input_is_refused(self, involvement, worker):
        assessment = self._authorised(involvement)
        with pytest.raises(ValidationError) as error:
            self._share(
                assessment,
                worker,
                shared_on=dt.date(2025, 3, 9),
                shared_with="x",
                name=" ",
                method="x",
                language="x",
            )
        assert set(error.value.message_dict) == {
            "shared_on",
            "shared_with",
            "name",
            "method",
            "language",
        }
        with pytest.raises(ValidationError):
            self._share(assessment, worker, shared_on=dt.date(2025, 2, 1))

    def test_a_draft_is_not_shared(self, involvement, worker):
        with pytest.raises(ValidationError):
            self._share(AssessmentFactory(involvement=involvement), worker)

    def test_the_page_keeps_what_was_typed_and_lists_the_sharing(self, client, involvement, worker):
        assessment = AssessmentFactory(
            involvement=involvement,
            complete=True,
            status=AssessmentStatus.AUTHORISED,
            authorised_at=timezone.now(),
        )
        client.force_login(worker)
        url = reverse("assessments:share", args=[assessment.child_id, assessment.pk])
        token = client.get(url).context["form"].initial["form_token"]
        r = client.post(url, {"form_token": token, "name": "Ysgol Gynradd"})
        body = r.content.decode()
        assert "Select who the assessment was shared with" in body
        assert "Ysgol Gynradd" in body
        today = timezone.localdate()
        data = {
            "form_token": token,
            "shared_on_day": today.day,
            "shared_on_month": today.month,
            "shared_on_year": today.year,
            "shared_with": "agency",
            "name": "Ysgol Gynradd",
            "method": "email",
            "language": "en",
        }
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302
        assert AssessmentSharing.objects.count() == 1
        detail = reverse("assessments:detail", args=[assessment.child_id, assessment.pk])
        assert "Ysgol Gynradd" in client.get(detail).content.decode()


def test_the_sharing_page_query_count_is_fixed(
    client, involvement, worker, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assessment = AssessmentFactory(
        involvement=involvement,
        complete=True,
        status=AssessmentStatus.AUTHORISED,
        authorised_at=timezone.now(),
    )
    url = reverse("assessments:share", args=[assessment.child_id, assessment.pk])
    client.force_login(worker)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for name in ("Mam", "Ysgol", "GP"):
        AssessmentSharing.objects.create(
            authority=assessment.authority,
            assessment=assessment,
            child=assessment.child,
            shared_on=timezone.localdate(),
            shared_with="agency",
            name=name,
            method="post",
            language="en",
            recorded_by=worker,
        )
    with django_assert_num_queries(len(first)):
        assert client.get(url).status_code == 200
