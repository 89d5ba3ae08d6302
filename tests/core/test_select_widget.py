"""The project's select renders the same control as Django's, only faster:
the chosen option selected, names escaped, optgroups kept, ``ds-input`` on
the select and not on its options."""

import re

import pytest
from django import forms
from django.test.html import parse_html
from django.urls import reverse
from django.utils.safestring import mark_safe

from kompetansemidler.core.widgets import Select
from tests.factories import OrganisationFactory

CHOICES = [
    ("", "Alle"),
    ("a&b", 'Barnehage "Tusenfryd" & <Co>'),
    ("Vestland <46>", [("4601", "4601 Bergen"), ("4602", "4602 Kinn")]),
    (7, 2024),
    ("safe", mark_safe("<em>merka trygg</em>")),
]


def render(widget_class, value, attrs=None):
    return widget_class(choices=CHOICES).render("place", value, attrs=attrs)


@pytest.mark.parametrize("value", ["", "a&b", "4602", 7, "none of them", None])
def test_it_renders_what_djangos_select_renders(value):
    attrs = {"id": "id_place", "required": True, "aria-describedby": 'help "x"'}
    assert parse_html(render(Select, value, attrs)) == parse_html(
        render(forms.Select, value, attrs)
    )


def test_the_chosen_option_is_selected_and_only_that_one():
    html = render(Select, "4602")
    assert '<option value="4602" selected>4602 Kinn</option>' in html
    assert html.count(" selected") == 1


def test_names_are_escaped_and_safe_labels_are_not():
    html = render(Select, "")
    assert (
        '<option value="a&amp;b">Barnehage &quot;Tusenfryd&quot; &amp; &lt;Co&gt;</option>'
    ) in html
    assert '<optgroup label="Vestland &lt;46&gt;">' in html
    assert "<em>merka trygg</em>" in html
    assert "<Co>" not in html


def test_the_select_gets_ds_input_and_its_options_do_not():
    html = render(Select, "")
    assert html.startswith('<select name="place" class="ds-input">')
    assert "<option" in html and not re.search(r"<option[^>]*class=", html)
    assert render(Select, "", {"class": "km-own"}).startswith(
        '<select name="place" class="km-own">'
    )


def test_the_unit_list_keeps_the_chosen_municipality_selected(cast, client_for):
    url = reverse("registry:unit_list") + "?municipality=4601"
    page = client_for(cast.caseworker).get(url).content.decode()
    select = re.search(r'<select name="municipality".*?</select>', page, re.S)[0]
    assert '<select name="municipality" class="ds-input" id="id_municipality">' in select
    assert re.findall(r"<option [^>]*selected[^>]*>([^<]*)<", select) == ["4601 Bergen"]
    assert '<optgroup label="Vestland">' in select


def test_the_grant_form_escapes_organisation_names(cast, client_for):
    OrganisationFactory(name='<script>alert("x")</script> AS')
    page = (
        client_for(cast.caseworker)
        .get(f"/konto/brukere/{cast.owner_rep.pk}/roller/ny/")
        .content.decode()
    )
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; AS</option>" in page
    assert '<script>alert("x")' not in page
