from decimal import Decimal

from kompetansemidler.schemes.models import RuleSet
from kompetansemidler.schemes.seed import ensure_seed


def test_three_schemes_have_a_rule_set_for_each_year_2024_to_2027(schemes):
    assert sorted(schemes) == ["dekom", "kompetanseloftet", "rekom"]
    years = {(r.scheme.code, r.year) for r in RuleSet.objects.select_related("scheme")}
    assert years >= {(code, year) for code in schemes for year in (2024, 2025, 2026, 2027)}
    assert len(years) == 12


def test_seeded_values_follow_udirs_text(schemes):
    rekom = schemes["rekom"].rule_sets.get(year=2026).params
    dekom = schemes["dekom"].rule_sets.get(year=2026).params
    special = schemes["kompetanseloftet"].rule_sets.get(year=2026).params
    assert rekom.earmark_cap_share == Decimal("0.30")
    assert rekom.earmarked_codes == ("basic_competence", "craft_certificate", "facilitation")
    # The earmarked categories are individual qualifications by nature (C2 does
    # not apply); a craft certificate has no UH partner (C3 does not apply).
    assert rekom.individual_further_education_categories == rekom.earmarked_codes
    assert rekom.partner_exempt_categories == ("craft_certificate",)
    assert rekom.requires_kindergarten_authority
    assert dekom.co_financing_share == Decimal("0.30")
    assert dekom.earmark_cap_share is None and not dekom.individual_further_education_fundable
    assert {"ppt", "other_services", "owners"} <= set(special.target_groups)
    assert "ppt" not in dekom.target_groups
    assert special.team_around_child and not dekom.team_around_child
    assert all(
        p.max_duration_years == 3 and p.eligible_partner_kinds == ("uh",)
        for p in (rekom, dekom, special)
    )


def test_seeding_again_keeps_an_edited_rule_set(schemes):
    rule_set = schemes["rekom"].rule_sets.get(year=2027)
    rule_set.notes = "Endra av Udir"
    rule_set.save()
    ensure_seed()
    rule_set.refresh_from_db()
    assert rule_set.notes == "Endra av Udir"
    assert RuleSet.objects.count() == 12
