"""A long recommendation is edited and read a page of lines at a time (two lines a
page here): the totals and findings still cover every line, a finding on another
page links to that page, a save changes only the page's lines and returns to it,
and every input keeps its label. A full editor page of the real size posts fewer
fields than Django accepts in one request."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from kompetansemidler.recommendations import rows
from kompetansemidler.recommendations.models import RecommendationLine
from kompetansemidler.recommendations.selectors import lines_for
from tests.recommendations.objects import recommendation_with_lines

pytestmark = pytest.mark.django_db

# Five lines at 10 000 … 10 004 kroner.
TOTAL = "50\xa0010"


@pytest.fixture
def long_draft(cast, monkeypatch):
    monkeypatch.setattr(rows.EDITOR_PAGES, "size", 2)
    monkeypatch.setattr(rows.READING_PAGES, "size", 2)
    recommendation = recommendation_with_lines(cast, 5)
    return recommendation, list(lines_for(recommendation))


def editor(client, recommendation, query=""):
    response = client.get(reverse("recommendations:edit", args=[recommendation.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def shown_lines(page) -> list[int]:
    return [int(pk) for pk in re.findall(r'<fieldset[^>]* id="line-(\d+)"', page)]


def test_the_editor_shows_one_page_of_lines_and_totals_over_all(cast, client_for, long_draft):
    recommendation, lines = long_draft
    client = client_for(cast.forum_member)
    first = editor(client, recommendation)
    assert shown_lines(first) == [lines[0].pk, lines[1].pk]
    assert f'name="l{lines[2].pk}-rank"' not in first
    assert f'<td class="km-number" data-total>{TOTAL}</td>' in first
    assert "data-lines-shown" in first and "1–2 av 5" in first
    assert 'href="?page=3"' in first
    last = editor(client, recommendation, "?page=3")
    assert shown_lines(last) == [lines[4].pk]
    assert f'<td class="km-number" data-total>{TOTAL}</td>' in last


def test_a_short_recommendation_has_no_pages(cast, client_for):
    recommendation = recommendation_with_lines(cast, 2)
    page = editor(client_for(cast.forum_member), recommendation)
    assert len(shown_lines(page)) == 2
    assert "data-lines-shown" not in page and "ds-pagination" not in page


def test_a_finding_on_another_page_links_to_that_page(cast, client_for, long_draft):
    recommendation, lines = long_draft
    last = lines[4]
    RecommendationLine.objects.filter(pk=last.pk).update(is_coordinator=True)
    client = client_for(cast.forum_member)
    assert f'href="?page=3#id_l{last.pk}-' in editor(client, recommendation)
    assert f'href="#id_l{last.pk}-' in editor(client, recommendation, "?page=3")
    detail = client.get(reverse("recommendations:detail", args=[recommendation.pk])).content
    assert f'href="?page=3#line-{last.pk}"' in detail.decode()
    adopt = client.get(reverse("recommendations:adopt", args=[recommendation.pk])).content
    edit_url = reverse("recommendations:edit", args=[recommendation.pk])
    assert f'href="{edit_url}?page=3#line-{last.pk}"' in adopt.decode()


def page_data(recommendation, lines, **typed):
    data = {"lock_version": recommendation.lock_version}
    for line in lines:
        data.update({f"l{line.pk}-rank": line.rank, f"l{line.pk}-amount_year1": line.amount_year1})
    data.update(typed)
    return data


def test_saving_a_page_changes_its_lines_only_and_returns_to_it(cast, client_for, long_draft):
    recommendation, lines = long_draft
    third = lines[2]
    url = reverse("recommendations:edit", args=[recommendation.pk]) + "?page=2"
    response = client_for(cast.forum_member).post(
        url, page_data(recommendation, lines[2:4], **{f"l{third.pk}-amount_year1": "99999"})
    )
    assert response.status_code == 302 and response.url == url
    saved = {line.pk: line.amount_year1 for line in lines_for(recommendation)}
    assert saved == {
        line.pk: Decimal(99_999) if line == third else line.amount_year1 for line in lines
    }


def test_the_live_check_takes_the_other_pages_as_saved(cast, client_for, long_draft):
    recommendation, lines = long_draft
    first = lines[0]
    response = client_for(cast.forum_member).post(
        reverse("recommendations:check", args=[recommendation.pk]),
        page_data(recommendation, lines[:2], **{f"l{first.pk}-amount_year1": "0"}),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert '<td class="km-number" data-total>40\xa0010</td>' in page
    assert re.findall(r'id="line-findings-(\d+)" hx-swap-oob', page) == [
        str(lines[0].pk),
        str(lines[1].pk),
    ]


def test_a_joint_measure_is_shown_on_the_last_page(cast, client_for, long_draft):
    recommendation, lines = long_draft
    response = client_for(cast.forum_member).post(
        reverse("recommendations:joint_measure_add", args=[recommendation.pk]),
        {
            "title": "Fellestiltak",
            "amount": "50000",
            "basis_report": lines[0].basis_report_id,
            "partner": cast.uh.pk,
        },
    )
    added = RecommendationLine.objects.get(recommendation=recommendation, title="Fellestiltak")
    assert (
        response.url
        == reverse("recommendations:edit", args=[recommendation.pk]) + f"?page=3#line-{added.pk}"
    )


def test_the_page_shows_a_page_of_lines_with_totals_over_all(cast, client_for, long_draft):
    recommendation, lines = long_draft
    page = (
        client_for(cast.forum_member)
        .get(reverse("recommendations:detail", args=[recommendation.pk]) + "?page=2")
        .content.decode()
    )
    assert re.findall(r'<tr id="line-(\d+)"', page) == [str(lines[2].pk), str(lines[3].pk)]
    assert f'<td class="km-number" data-total>{TOTAL}</td>' in page
    assert "3–4 av 5" in page


class Controls(HTMLParser):
    """The ids of the form controls a user fills in, and the ids labels point to."""

    def __init__(self):
        super().__init__()
        self.controls, self.labelled = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls.append(attrs.get("id"))
        if tag == "label":
            self.labelled.add(attrs.get("for"))


@pytest.mark.parametrize("scheme", ["rekom", "dekom"])
def test_every_input_of_the_editor_has_a_label(cast, client_for, scheme):
    recommendation = recommendation_with_lines(cast, 3, scheme)
    parser = Controls()
    parser.feed(editor(client_for(cast.forum_member), recommendation))
    line_controls = [c for c in parser.controls if c and c.startswith("id_l")]
    # Eight inputs a line, nine where the rule set asks for own financing.
    assert len(line_controls) in (3 * 8, 3 * 9)
    assert [c for c in parser.controls if c not in parser.labelled] == []


def test_a_refused_input_is_marked_and_points_to_its_message(cast, client_for, long_draft):
    recommendation, lines = long_draft
    first = lines[0]
    response = client_for(cast.forum_member).post(
        reverse("recommendations:edit", args=[recommendation.pk]),
        page_data(recommendation, lines[:2], **{f"l{first.pk}-amount_year1": "tolv"}),
    )
    page = response.content.decode()
    control = re.search(rf'<input [^>]*id="id_l{first.pk}-amount_year1"[^>]*>', page)[0]
    assert 'value="tolv"' in control and 'aria-invalid="true"' in control
    assert f'aria-describedby="id_l{first.pk}-amount_year1_error"' in control
    assert (
        f'<div class="ds-validation-message" data-color="danger" '
        f'id="id_l{first.pk}-amount_year1_error">' in page
    )
    assert RecommendationLine.objects.get(pk=first.pk).amount_year1 == first.amount_year1


class Posted(HTMLParser):
    """The fields a browser posts for the editor's form, as it is shown."""

    def __init__(self):
        super().__init__()
        self.fields, self.select, self.textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and (attrs.get("type") != "checkbox" or "checked" in attrs):
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs["value"]))
        elif tag == "textarea":
            self.textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data):
        if self.textarea:
            self.fields[-1] = (self.textarea, data.removeprefix("\n"))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def test_a_full_editor_page_is_posted_within_djangos_field_limit(cast, client_for):
    assert len(rows.INPUTS) * rows.EDITOR_PAGES.size + 2 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    recommendation = recommendation_with_lines(cast, rows.EDITOR_PAGES.size + 20)
    client = client_for(cast.forum_member)
    parser = Posted()
    parser.feed(editor(client, recommendation))
    data = dict(parser.fields)
    first = lines_for(recommendation)[0]
    data[f"l{first.pk}-amount_year1"] = "7000"
    check = client.post(
        reverse("recommendations:check", args=[recommendation.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert check.status_code == 200
    saved = client.post(reverse("recommendations:edit", args=[recommendation.pk]), data)
    assert saved.status_code == 302
    assert RecommendationLine.objects.get(pk=first.pk).amount_year1 == Decimal(7_000)
