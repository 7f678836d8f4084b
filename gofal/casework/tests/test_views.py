import pytest
from django.urls import reverse

from gofal.casework.tests.factories import CaseNoteFactory, SignificantEventFactory


@pytest.mark.django_db
def test_every_page_renders(client, allocation, worker, manager):
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
        r = client.get(reverse(f"casework:{name}", args=[allocation.child.pk]))
        assert r.status_code == 200, name
    r = client.get(reverse("casework:my_caseload"))
    assert r.status_code == 200
    client.force_login(manager)
    for name in ["allocation_change", "involvement_end", "record_access"]:
        r = client.get(reverse(f"casework:{name}", args=[allocation.child.pk]))
        assert r.status_code == 200, name
    r = client.get(reverse("casework:team_caseload"))
    assert r.status_code == 200
