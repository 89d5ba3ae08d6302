from django.urls import reverse

from kompetansemidler.history.models import Event
from kompetansemidler.schemes.models import RuleSet


def form_data(rule_set, **changes):
    """The edit form as the browser posts it, from the rule set's stored values."""
    p = rule_set.params
    data = {
        "valid_from": rule_set.valid_from.isoformat(),
        "earmark_cap_percent": ""
        if p.earmark_cap_share is None
        else str(p.earmark_cap_share * 100),
        "co_financing_percent": ""
        if p.co_financing_share is None
        else str(p.co_financing_share * 100),
        "earmarked_categories": "\n".join(f"{c.code}: {c.label}" for c in p.earmarked_categories),
        "individual_further_education_categories": ",".join(
            p.individual_further_education_categories
        ),
        "partner_exempt_categories": ",".join(p.partner_exempt_categories),
        "eligible_recipient_kinds": list(p.eligible_recipient_kinds),
        "eligible_partner_kinds": list(p.eligible_partner_kinds),
        "target_groups": list(p.target_groups),
        "max_duration_years": str(p.max_duration_years),
        "budget_chapter": p.budget_chapter,
        "budget_post": p.budget_post,
        "appeal_right_kinds": list(p.appeal_right_kinds),
        "notes": rule_set.notes,
    }
    if p.requires_kindergarten_authority:
        data["requires_kindergarten_authority"] = "on"
    if p.coordinator_allowed:
        data["coordinator_allowed"] = "on"
    if p.team_around_child:
        data["team_around_child"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_everyone_with_a_role_reads_the_rules(cast, schemes, client_for):
    rule_set = schemes["rekom"].rule_sets.get(year=2026)
    response = client_for(cast.owner_rep).get(
        reverse("schemes:rule_set_detail", args=[rule_set.pk])
    )
    assert response.status_code == 200
    assert "30 %" in response.text
    assert "Tilretteleggingsmidler for lokal prioritering" in response.text
    assert reverse("schemes:rule_set_edit", args=[rule_set.pk]) not in response.text


def test_only_the_national_administrator_edits_rule_sets(cast, schemes, client_for):
    rule_set = schemes["rekom"].rule_sets.get(year=2026)
    url = reverse("schemes:rule_set_edit", args=[rule_set.pk])
    for user in (cast.caseworker, cast.owner_rep, cast.outsider):
        client = client_for(user)
        assert client.get(url).status_code == 403
        assert client.post(url, form_data(rule_set, earmark_cap_percent="40")).status_code == 403
    rule_set.refresh_from_db()
    assert str(rule_set.params.earmark_cap_share) == "0.30"


def test_a_bad_value_is_explained_at_its_field_and_kept(cast, schemes, client_for):
    rule_set = schemes["rekom"].rule_sets.get(year=2026)
    before = rule_set.parameters
    response = client_for(cast.udir).post(
        reverse("schemes:rule_set_edit", args=[rule_set.pk]),
        form_data(rule_set, earmark_cap_percent="130", max_duration_years="0", notes="Mitt utkast"),
    )
    assert response.status_code == 400
    text = response.text
    assert "En andel må være mellom 0 og 100 prosent; 130 prosent ble oppgitt." in text
    assert "Lengste varighet må være mellom 1 og 10 år; 0 ble oppgitt." in text
    assert 'value="130"' in text and "Mitt utkast" in text
    rule_set.refresh_from_db()
    assert rule_set.parameters == before
    assert not Event.objects.for_object(rule_set).exists()


def test_a_change_is_saved_with_its_before_and_after_in_the_history(cast, schemes, client_for):
    rule_set = schemes["rekom"].rule_sets.get(year=2026)
    response = client_for(cast.udir).post(
        reverse("schemes:rule_set_edit", args=[rule_set.pk]),
        form_data(rule_set, earmark_cap_percent="25"),
    )
    assert response.status_code == 302
    rule_set.refresh_from_db()
    assert str(rule_set.params.earmark_cap_share) == "0.25"
    event = Event.objects.for_object(rule_set).get()
    assert event.kind == "rule_set.changed" and event.actor == cast.udir
    assert event.before["parameters"]["earmark_cap_share"] == "0.30"
    assert event.after["parameters"]["earmark_cap_share"] == "0.25"
    assert "earmark_cap_share" in event.summary


def test_a_new_years_rule_set_is_copied_from_the_latest_without_code_or_migration(
    cast, schemes, client_for
):
    client = client_for(cast.udir)
    page = client.get(reverse("schemes:rule_set_create") + "?scheme=dekom")
    assert page.status_code == 200
    assert page.context["form"].initial["year"] == 2028
    latest = schemes["dekom"].rule_sets.get(year=2027)
    data = form_data(latest, scheme="dekom", year="2028", valid_from="2028-01-01")
    response = client.post(reverse("schemes:rule_set_create"), data)
    assert response.status_code == 302
    new = RuleSet.objects.get(scheme=schemes["dekom"], year=2028)
    assert new.params == latest.params
    assert Event.objects.for_object(new).get().kind == "rule_set.created"
    again = client.post(reverse("schemes:rule_set_create"), data)
    assert again.status_code == 400
    assert "Dekom har allerede et regelverk for 2028." in again.text


def test_udir_enters_the_budget_chapter_and_who_may_appeal(cast, schemes, client_for):
    """The letter's legal basis and appeal section read these; they are data per
    scheme and year, entered by Udir, never code."""
    client = client_for(cast.udir)
    rule_set = schemes["dekom"].rule_sets.get(year=2027)
    data = form_data(
        rule_set, budget_chapter="226", budget_post="21", appeal_right_kinds=["private_owner"]
    )
    response = client.post(reverse("schemes:rule_set_edit", args=[rule_set.pk]), data)
    assert response.status_code == 302
    rule_set.refresh_from_db()
    assert (rule_set.params.budget_chapter, rule_set.params.budget_post) == ("226", "21")
    assert rule_set.params.appeal_right_kinds == ("private_owner",)
    page = client.get(reverse("schemes:rule_set_detail", args=[rule_set.pk])).text
    assert "226.21" in page


def test_a_budget_chapter_that_is_not_a_number_is_refused(cast, schemes, client_for):
    rule_set = schemes["dekom"].rule_sets.get(year=2027)
    data = form_data(rule_set, budget_chapter="kap 226")
    response = client_for(cast.udir).post(
        reverse("schemes:rule_set_edit", args=[rule_set.pk]), data
    )
    assert response.status_code == 400
    assert "budget_chapter" in response.context["form"].errors


def test_udir_sets_which_categories_need_no_uh_partner_and_the_team_around_the_child(
    cast, schemes, client_for
):
    """Which criteria apply to which category is rule-set data, edited on the page."""
    client = client_for(cast.udir)
    rule_set = schemes["rekom"].rule_sets.get(year=2027)
    url = reverse("schemes:rule_set_edit", args=[rule_set.pk])
    page = client.get(url).text
    assert 'name="partner_exempt_categories"' in page and 'value="craft_certificate"' in page
    data = form_data(rule_set, partner_exempt_categories="craft_certificate, basic_competence")
    data["team_around_child"] = "on"
    assert client.post(url, data).status_code == 302
    rule_set.refresh_from_db()
    assert rule_set.params.partner_exempt_categories == ("craft_certificate", "basic_competence")
    assert rule_set.params.team_around_child
    # Only earmarked categories can be exempt: "general" is refused at its field.
    refused = client.post(url, form_data(rule_set, partner_exempt_categories="general"))
    assert refused.status_code == 400
    rule_set.refresh_from_db()
    assert rule_set.params.partner_exempt_categories == ("craft_certificate", "basic_competence")
