from datetime import date

import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from gofal.authorities.records import EditConflict, save_versioned
from gofal.authorities.tests.factories import AuthorityFactory
from gofal.people.models import Person
from gofal.ui.components import display_value, edit_conflict, summary_rows
from gofal.ui.forms import GovDateField, GovForm
from gofal.ui.pagination import page_links, paginate
from gofal.ui.sorting import Sorting

rf = RequestFactory()


class TestPagination:
    def test_bad_page_numbers_fall_back_to_a_real_page(self):
        assert paginate(rf.get("/?page=abc"), list(range(100)), per_page=10).number == 1
        assert paginate(rf.get("/?page=999"), list(range(100)), per_page=10).number == 10

    def test_links_keep_other_filters_and_elide_gaps(self):
        request = rf.get("/?q=smith&page=5")
        page = paginate(request, list(range(100)), per_page=10)

        links = page_links(request, page)

        assert [link.number for link in links] == [1, None, 4, 5, 6, None, 10]
        assert links[3].current
        assert links[0].href == "?q=smith&page=1"

    def test_renders_govuk_pagination_with_current_page(self):
        request = rf.get("/?page=2")
        page = paginate(request, list(range(30)), per_page=10)
        html = Template("{% pagination page %}").render(Context({"page": page, "request": request}))
        assert 'class="govuk-pagination"' in html
        assert 'aria-current="page">2<' in html
        assert 'rel="prev"' in html
        assert 'rel="next"' in html

    def test_single_page_renders_nothing(self):
        request = rf.get("/")
        page = paginate(request, [1, 2], per_page=10)
        html = Template("{% pagination page %}").render(Context({"page": page, "request": request}))
        assert "govuk-pagination" not in html


class TestSorting:
    columns = {"name": ("family_name", "given_name"), "born": ("date_of_birth",)}

    def test_defaults_when_column_unknown(self):
        sorting = Sorting(
            rf.get("/?sort=password&order=descending"), columns=self.columns, default="name"
        )
        assert sorting.order_by == ["family_name", "given_name"]

    def test_descending_on_request(self):
        sorting = Sorting(
            rf.get("/?sort=born&order=descending"), columns=self.columns, default="name"
        )
        assert sorting.order_by == ["-date_of_birth"]
        assert sorting.aria_sort("born") == "descending"
        assert sorting.aria_sort("name") == "none"

    def test_header_link_flips_direction_and_resets_page(self):
        sorting = Sorting(rf.get("/?q=x&page=3&sort=name"), columns=self.columns, default="name")
        assert sorting.href("name") == "?q=x&sort=name&order=descending"
        assert sorting.href("born") == "?q=x&sort=born&order=ascending"

    def test_renders_header_with_aria_sort(self):
        sorting = Sorting(rf.get("/"), columns=self.columns, default="name")
        html = Template('{% sortable_th "Name" "name" sorting %}').render(
            Context({"sorting": sorting})
        )
        assert 'aria-sort="ascending"' in html
        assert 'href="?sort=name&amp;order=descending"' in html


@pytest.mark.django_db
class TestSummaryRows:
    def test_labels_and_values_read_as_on_a_page(self):
        person = Person(
            authority=AuthorityFactory(),
            given_name="Nia",
            family_name="Rees",
            date_of_birth=date(2015, 6, 4),
            preferred_language="cy",
            interpreter_needed=False,
        )

        rows = summary_rows(
            person,
            ["given_name", "date_of_birth", "preferred_language", "interpreter_needed", "upn"],
            change_href={"given_name": "/change/"},
        )

        assert [(r.key, r.value) for r in rows] == [
            ("First name", "Nia"),
            ("Date of birth", "4 June 2015"),
            ("Preferred language", "Welsh"),
            ("Needs an interpreter", "No"),
            ("Unique Pupil Number", "Not recorded"),
        ]
        assert rows[0].action_href == "/change/"

    def test_renders_govuk_summary_list(self):
        html = Template("{% summary_list rows %}").render(
            Context({"rows": [{"key": "Name", "value": "Nia", "action_href": "/c/"}]})
        )
        assert 'class="govuk-summary-list__key">Name<' in html
        assert '<span class="govuk-visually-hidden"> name</span>' in html


class PersonForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    given_name = forms.CharField(label="First name")
    date_of_birth = GovDateField(label="Date of birth")


@pytest.mark.django_db
class TestEditConflict:
    def make_conflict(self):
        person = Person.objects.create(
            authority=AuthorityFactory(), given_name="Nia", family_name="Rees"
        )
        # Someone else saves first, from the same version.
        save_versioned(
            Person.objects.get(pk=person.pk),
            expected_version=1,
            changes={"given_name": "Nia Mair", "date_of_birth": date(2015, 6, 4)},
        )
        form = PersonForm(
            {
                "version": "1",
                "given_name": "Nye",
                "date_of_birth_day": "5",
                "date_of_birth_month": "6",
                "date_of_birth_year": "2015",
            }
        )
        assert form.is_valid()
        with pytest.raises(EditConflict) as caught:
            save_versioned(
                person,
                expected_version=form.cleaned_data["version"],
                changes={
                    "given_name": form.cleaned_data["given_name"],
                    "date_of_birth": form.cleaned_data["date_of_birth"],
                },
            )
        return form, caught.value

    def test_shows_both_versions_field_by_field(self):
        form, conflict = self.make_conflict()

        rows = edit_conflict(form, conflict)

        assert [(r.label, r.yours, r.saved, r.differs) for r in rows] == [
            ("First name", "Nye", "Nia Mair", True),
            ("Date of birth", "5 June 2015", "4 June 2015", True),
        ]

    def test_keeps_what_was_typed_and_moves_on_to_the_saved_version(self):
        form, conflict = self.make_conflict()

        edit_conflict(form, conflict)

        assert form["given_name"].value() == "Nye"
        assert form["version"].value() == "2"
        assert form.non_field_errors()[0].startswith("Someone else changed this record")

    def test_component_renders_a_table_of_both_versions(self):
        form, conflict = self.make_conflict()
        rows = edit_conflict(form, conflict)

        html = Template('{% include "components/edit_conflict.html" %}').render(
            Context({"conflict_rows": rows})
        )

        table, same = html.split("govuk-details__summary", 1)
        assert "Your version" in table
        assert "Saved version" in table
        assert "Nia Mair" in table
        assert "Nye" in table
        assert "Fields that are the same in both versions" in same


def test_display_value_handles_empty_and_booleans():
    with translation.override("en"):
        assert display_value(None) == "Not recorded"
        assert display_value(True) == "Yes"
    with translation.override("cy"):
        assert display_value(True) == "Ie"
