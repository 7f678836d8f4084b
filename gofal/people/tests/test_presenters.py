import datetime as dt
import uuid

from gofal.people import presenters
from gofal.people.models import Person
from gofal.people.presenters import Badge, provider_badges

TODAY = dt.date(2025, 2, 3)


def _person() -> Person:
    return Person(pk=uuid.uuid4(), given_name="Cerys", family_name="Hughes")


class TestProviderBadges:
    def test_every_provider_asked_once_for_all_the_people(self, monkeypatch):
        cerys, aled, dafydd = _person(), _person(), _person()
        asked = []

        def flags(people, as_of):
            asked.append(("flags", [p.pk for p in people], as_of))
            return {cerys.pk: [Badge("Missing", "red")], dafydd.pk: []}

        def register(people, as_of):
            asked.append(("register", [p.pk for p in people], as_of))
            return {cerys.pk: [Badge("On the register", "purple")], aled.pk: [Badge("CIN")]}

        monkeypatch.setattr(presenters, "_PROVIDERS", [flags, register])
        badges = provider_badges([cerys, aled, dafydd], as_of=TODAY)
        ids = [cerys.pk, aled.pk, dafydd.pk]
        assert asked == [("flags", ids, TODAY), ("register", ids, TODAY)]
        assert badges == {
            cerys.pk: [Badge("Missing", "red"), Badge("On the register", "purple")],
            aled.pk: [Badge("CIN")],
            dafydd.pk: [],
        }

    def test_no_people_asks_no_provider(self, monkeypatch):
        def provider(people, as_of):
            raise AssertionError("asked about no one")

        monkeypatch.setattr(presenters, "_PROVIDERS", [provider])
        assert provider_badges([], as_of=TODAY) == {}
