"""The council's threshold framework: edited by its administrator or head of service, in both
languages, audited, and never changing what past decisions relied on."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gofal.audit.models import AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.front_door import selectors, services
from gofal.front_door.models import Outcome, ThresholdDecision, ThresholdLevel
from gofal.front_door.tests.factories import make_contact
from gofal.front_door.tests.test_services import _decide


@pytest.fixture
def head(front_door_team):
    return staff(Role.HEAD_OF_SERVICE, team=front_door_team)


def _level(authority, code):
    return next(
        lv for lv in selectors.threshold_levels(authority_id=authority.pk) if lv.code == code
    )


def _values(level, **overrides):
    values = {name: getattr(level, name) for name in services.LEVEL_FIELDS}
    values.update(overrides)
    return services.LevelValues(**values)


@pytest.mark.django_db
class TestEditing:
    def test_first_change_gives_the_council_its_own_copy(self, authority, head):
        default = _level(authority, "early_help")
        assert default.authority_id is None
        services.threshold_level_save(
            authority=authority,
            level=default,
            values=_values(default, name_en="Early help and Families First"),
            by=head,
        )
        own = _level(authority, "early_help")
        assert own.authority_id == authority.pk
        assert own.name_en == "Early help and Families First"
        assert own.descriptors.count() == default.descriptors.count()
        default.refresh_from_db()
        assert default.name_en == "Early help"  # other councils still use it unchanged
        other = TeamFactory().authority
        assert _level(other, "early_help").name_en == "Early help"

    def test_a_decision_keeps_the_words_it_relied_on(self, authority, child, worker, head):
        contact = make_contact(children=[child], by=worker)
        decision = _decide(
            contact, worker, outcome=Outcome.NO_FURTHER_ACTION, level="universal",
            family_told="Advised about the parenting line.",
        )  # fmt: skip
        relied = _level(authority, "universal").descriptors.first()
        decision.descriptors.set([relied])
        level = _level(authority, "universal")
        services.threshold_level_save(
            authority=authority, level=level,
            values=_values(level, name_en="Universal and community services"), by=head,
        )  # fmt: skip
        own = _level(authority, "universal")
        own_descriptor = own.descriptors.get(text_en=relied.text_en)
        changed = services.threshold_descriptor_save(
            authority=authority, level=own, descriptor=own_descriptor,
            text_en="The family needs information, advice or a community service only.",
            text_cy="Dim ond gwybodaeth, cyngor neu wasanaeth cymunedol sydd ei angen.",
            order=own_descriptor.order, by=head,
        )  # fmt: skip
        decision = ThresholdDecision.objects.get(pk=decision.pk)
        assert decision.level.name_en == "Universal services"
        assert list(decision.descriptors.values_list("text_en", flat=True)) == [relied.text_en]
        assert "community service only" in changed.text_en
        assert _level(authority, "universal").name_en == "Universal and community services"
        assert AuditEvent.objects.filter(object_id=str(own.pk), action="create").exists()

    def test_an_unused_descriptor_is_edited_in_place_and_can_be_retired(self, authority, head):
        level = services.threshold_level_save(
            authority=authority, level=None,
            values=services.LevelValues(name_en="Edge of care", name_cy="Ymylon gofal", order=35),
            by=head,
        )  # fmt: skip
        assert level.code == "edge_of_care"
        descriptor = services.threshold_descriptor_save(
            authority=authority, level=level, descriptor=None, text_en="At risk of care",
            text_cy="Mewn perygl o dderbyn gofal", order=1, by=head,
        )  # fmt: skip
        same = services.threshold_descriptor_save(
            authority=authority, level=level, descriptor=descriptor,
            text_en="At risk of becoming looked after",
            text_cy="Mewn perygl o dderbyn gofal", order=1, by=head,
        )  # fmt: skip
        assert same.pk == descriptor.pk
        services.threshold_descriptor_retire(authority=authority, descriptor=same, by=head)
        assert not _level(authority, "edge_of_care").descriptors.exists()

    def test_welsh_is_required_and_retired_levels_cannot_be_chosen(
        self, authority, head, child, worker
    ):
        level = _level(authority, "early_help")
        with pytest.raises(ValidationError) as error:
            services.threshold_level_save(
                authority=authority, level=level, values=_values(level, name_cy=" "), by=head
            )
        assert "name_cy" in error.value.error_dict
        services.threshold_level_retire(authority=authority, level=level, by=head)
        assert "early_help" not in {
            lv.code for lv in selectors.threshold_levels(authority_id=authority.pk)
        }
        retired = ThresholdLevel.objects.get(authority=authority, code="early_help")
        contact = make_contact(children=[child], by=worker)
        with pytest.raises(ValidationError) as error:
            services.threshold_decision_record(
                contact=contact,
                details=services.DecisionDetails(
                    level=retired, reasons="r", corroboration="c", child_perspective="p",
                    outcome=Outcome.EARLY_HELP,
                ),
                decided_by=worker, may_authorise=False, form_token=None, now=contact.received_at,
            )  # fmt: skip
        assert "level" in error.value.error_dict


@pytest.mark.django_db
class TestPages:
    def test_head_of_service_edits_in_both_languages(self, client, authority, head, worker):
        client.force_login(head)
        body = client.get(reverse("front_door:framework")).content.decode()
        assert "Universal services" in body
        assert "Gwasanaethau cyffredinol" in body
        level = _level(authority, "protection")
        url = reverse("front_door:framework_level", args=[level.pk])
        response = client.post(url, {"name_en": "Child protection", "name_cy": "", "order": "x"})
        body = response.content.decode()
        assert "Enter the name in Welsh" in body
        assert "Position must be a whole number" in body
        assert 'value="Child protection"' in body
        response = client.post(
            url,
            {"name_en": "Child protection", "name_cy": "Amddiffyn plant", "order": "40",
             "requires_authorisation": "on"},
        )  # fmt: skip
        assert response.status_code == 302
        assert _level(authority, "protection").name_cy == "Amddiffyn plant"
        client.force_login(worker)
        assert client.get(reverse("front_door:framework")).status_code == 403

    def test_another_councils_level_is_not_found(self, client, head):
        other = TeamFactory().authority
        services.threshold_level_save(
            authority=other, level=None,
            values=services.LevelValues(name_en="Theirs", name_cy="Eu lefel nhw"),
            by=staff(Role.HEAD_OF_SERVICE, team=TeamFactory(authority=other)),
        )  # fmt: skip
        theirs = ThresholdLevel.objects.get(authority=other, code="theirs")
        client.force_login(head)
        url = reverse("front_door:framework_level", args=[theirs.pk])
        assert client.get(url).status_code == 404

    def test_two_people_editing_one_level_lose_nothing(self, client, authority, head):
        """The second save shows both versions (409) and keeps what was typed; saving again
        from there is a deliberate choice and goes through."""
        client.force_login(head)
        level = _level(authority, "protection")
        url = reverse("front_door:framework_level", args=[level.pk])
        opened = client.get(url).content.decode()
        assert 'name="version" value="1"' in opened
        services.threshold_level_save(
            authority=authority, level=level, by=head, expected_version=1,
            values=_values(level, name_en="Protection (someone else's words)"),
        )  # fmt: skip
        own = _level(authority, "protection")
        url = reverse("front_door:framework_level", args=[own.pk])
        posted = {"name_en": "Child protection", "name_cy": "Amddiffyn plant", "order": "40",
                  "version": "1"}  # fmt: skip
        response = client.post(url, posted)
        body = response.content.decode()
        assert response.status_code == 409
        assert "Someone else changed this record" in body
        assert "Protection (someone else&#x27;s words)" in body
        assert 'value="Child protection"' in body
        assert _level(authority, "protection").name_en == "Protection (someone else's words)"
        again = {**posted, "version": str(_level(authority, "protection").version)}
        assert f'name="version" value="{again["version"]}"' in body
        assert client.post(url, again).status_code == 302
        assert _level(authority, "protection").name_en == "Child protection"

    def test_a_descriptor_changed_meanwhile_is_not_overwritten_or_retired(
        self, client, authority, head
    ):
        client.force_login(head)
        services.threshold_level_save(
            authority=authority, level=_level(authority, "early_help"), by=head,
            values=_values(_level(authority, "early_help")),
        )  # fmt: skip
        level = _level(authority, "early_help")
        descriptor = level.descriptors.filter(active=True).first()
        url = reverse("front_door:framework_descriptor", args=[level.pk, descriptor.pk])
        stale = {"text_en": "Mine", "text_cy": "Fy un i", "order": "5",
                 "version": str(descriptor.version)}  # fmt: skip
        services.threshold_descriptor_save(
            authority=authority, level=level, descriptor=descriptor, text_en="Theirs",
            text_cy="Eu un nhw", order=descriptor.order, by=head,
            expected_version=descriptor.version,
        )  # fmt: skip
        assert client.post(url, stale).status_code == 409
        response = client.post(url, {**stale, "retire": "1"}, follow=True)
        assert "Someone else changed this record" in response.content.decode()
        descriptor.refresh_from_db()
        assert (descriptor.text_en, descriptor.active) == ("Theirs", True)

    def test_a_level_replaced_while_open_shows_both_versions(
        self, client, authority, head, child, worker
    ):
        """Decisions relied on the level, so the first save replaced it with a new row; the
        second person's form, opened on the old row, conflicts with the replacement."""
        contact = make_contact(children=[child], by=worker)
        _decide(
            contact, worker, outcome=Outcome.NO_FURTHER_ACTION, level="universal",
            family_told="Advised about the parenting line.",
        )  # fmt: skip
        services.threshold_level_save(
            authority=authority, level=_level(authority, "universal"), by=head,
            values=_values(_level(authority, "universal")),
        )  # fmt: skip
        level = _level(authority, "universal")
        client.force_login(head)
        url = reverse("front_door:framework_level", args=[level.pk])
        stale = {"name_en": "Mine", "name_cy": "Fy un i", "order": "10",
                 "version": str(level.version)}  # fmt: skip
        ThresholdDecision.objects.filter(contact=contact).update(level=level)
        services.threshold_level_save(
            authority=authority, level=level, by=head, expected_version=level.version,
            values=_values(level, name_en="Theirs"),
        )  # fmt: skip
        assert _level(authority, "universal").pk != level.pk  # replaced, not changed
        response = client.post(url, stale)
        assert response.status_code == 409
        assert "Theirs" in response.content.decode()
        assert _level(authority, "universal").name_en == "Theirs"
