import io
import uuid
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gofal.audit.models import Action, AuditEvent
from gofal.casework import services
from gofal.casework.models import Document

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def upload(child, worker, name, content, **overrides):
    values = {
        "child": child,
        "title": "Child and family assessment",
        "kind": "assessment",
        "language": "bilingual",
        "upload": SimpleUploadedFile(name, content),
        "uploaded_by": worker,
        "form_token": uuid.uuid4(),
    }
    values.update(overrides)
    return services.document_upload(**values)


@pytest.mark.django_db
class TestDocumentUpload:
    @pytest.mark.parametrize(
        ("name", "content", "content_type"),
        [
            ("assessment.pdf", PDF, "application/pdf"),
            ("photo.PNG", PNG, "image/png"),
            ("photo.jpeg", JPEG, "image/jpeg"),
            ("letter.docx", DOCX, None),
            ("letter.odt", ODT, "application/vnd.oasis.opendocument.text"),
            ("notes.txt", "Llythyr at Siân: diolch yn fawr.".encode(), "text/plain"),
        ],
    )
    def test_accepts_allowed_types(self, child, worker, name, content, content_type):
        document = upload(child, worker, name, content)
        assert document.size == len(content)
        if content_type:
            assert document.content_type == content_type
        assert default_storage.exists(document.file.name)
        assert name not in document.file.name  # stored under a name that says nothing
        assert AuditEvent.objects.filter(
            action=Action.CREATE, object_id=str(document.pk), person_id=child.pk
        ).exists()

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("program.exe", EXE),
            ("page.html", b"<html></html>"),
            ("sheet.xlsx", XLSX),
            ("no-extension", PDF),
        ],
    )
    def test_refuses_types_not_allowed(self, child, worker, name, content):
        with pytest.raises(ValidationError) as error:
            upload(child, worker, name, content)
        assert error.value.message_dict["file"] == [
            "The selected file must be a PDF, Word document, OpenDocument text, JPEG, PNG or "
            "plain text file"
        ]
        assert not Document.objects.exists()

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("report.pdf", EXE),  # a program renamed
            ("photo.png", JPEG),  # the wrong image type
            ("letter.docx", XLSX),  # a spreadsheet renamed
            ("letter.odt", DOCX),
            ("notes.txt", b"\x00\x01binary"),
            ("letter.doc", PDF),
        ],
    )
    def test_refuses_a_disguised_type(self, child, worker, name, content):
        with pytest.raises(ValidationError) as error:
            upload(child, worker, name, content)
        assert "contents are not a" in error.value.message_dict["file"][0]
        assert not Document.objects.exists()

    def test_refuses_an_oversized_file(self, child, worker, settings):
        settings.GOFAL_UPLOAD_MAX_BYTES = 1024
        with pytest.raises(ValidationError) as error:
            upload(child, worker, "big.pdf", PDF + b"x" * 2000)
        assert error.value.message_dict["file"] == ["The selected file must be smaller than 1KB"]

    def test_refuses_an_empty_file(self, child, worker):
        with pytest.raises(ValidationError) as error:
            upload(child, worker, "empty.pdf", b"")
        assert error.value.message_dict["file"] == ["The selected file is empty"]

    def test_same_form_twice_stores_one_document(self, child, worker):
        token = uuid.uuid4()
        first = upload(child, worker, "a.pdf", PDF, form_token=token)
        second = upload(child, worker, "a.pdf", PDF, form_token=token)
        assert first == second
        assert Document.objects.count() == 1


@pytest.mark.django_db
class TestDocumentDownload:
    def test_download_checks_access_and_audits_the_read(self, client, child, worker):
        document = upload(child, worker, "assessment.pdf", PDF)
        client.force_login(worker)
        url = reverse("casework:document_download", args=[child.pk, document.pk])
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response["Content-Disposition"]
        assert AuditEvent.objects.filter(
            action=Action.VIEW, object_type="casework.document", object_id=str(document.pk)
        ).exists()

    def test_another_councils_document_is_not_found(self, client, child, worker):
        from gofal.authorities.tests.factories import staff

        document = upload(child, worker, "assessment.pdf", PDF)
        outsider = staff()
        client.force_login(outsider)
        url = reverse("casework:document_download", args=[child.pk, document.pk])
        assert client.get(url).status_code == 404

    def test_a_document_under_another_child_is_not_found(self, client, child, worker, team):
        from gofal.casework.tests.factories import ChildFactory

        document = upload(child, worker, "assessment.pdf", PDF)
        sibling = ChildFactory(authority=team.authority)
        client.force_login(worker)
        url = reverse("casework:document_download", args=[sibling.pk, document.pk])
        assert client.get(url).status_code == 404

    def test_media_files_are_not_served_publicly(self, client, child, worker):
        document = upload(child, worker, "assessment.pdf", PDF)
        client.force_login(worker)
        assert client.get("/media/" + document.file.name).status_code == 404
