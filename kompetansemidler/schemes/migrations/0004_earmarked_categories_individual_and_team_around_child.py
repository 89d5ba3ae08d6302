"""Rule sets of years not yet decided take the scheme's own reading:

- Rekom's earmarked categories (barnehagefaglig grunnkompetanse, fagbrev som
  barne- og ungdomsarbeider, facilitation funds) are individual qualifications
  by nature, so criterion C2 does not apply to them; a craft certificate has no
  UH partner, so criterion C3's partnership does not apply to it.
- Kompetanseløftet's measures should include the team around the child.

A year is decided once one of its rounds has reached the phase of decisions;
its rule set stays as it was decided.
"""

from django.db import migrations

DECIDED_PHASES = ("deciding", "implementing", "reporting", "closed")
INDIVIDUAL = ("basic_competence", "craft_certificate", "facilitation")
NO_PARTNER = ("craft_certificate",)


def _with(codes, extra, allowed):
    result = list(codes or [])
    result.extend(code for code in extra if code in allowed and code not in result)
    return result


def update(apps, schema_editor):
    RuleSet = apps.get_model("schemes", "RuleSet")
    Round = apps.get_model("schemes", "Round")
    decided = set(
        Round.objects.filter(phase__in=DECIDED_PHASES).values_list("rule_set_id", flat=True)
    )
    for rule_set in RuleSet.objects.select_related("scheme").exclude(pk__in=decided):
        params = dict(rule_set.parameters)
        code = rule_set.scheme.code
        if code == "rekom":
            earmarked = {c.get("code") for c in params.get("earmarked_categories") or []}
            params["individual_further_education_categories"] = _with(
                params.get("individual_further_education_categories"), INDIVIDUAL, earmarked
            )
            params["partner_exempt_categories"] = _with(
                params.get("partner_exempt_categories"), NO_PARTNER, earmarked
            )
        elif code == "kompetanseloftet":
            params["team_around_child"] = True
        else:
            continue
        if params != rule_set.parameters:
            rule_set.parameters = params
            rule_set.save(update_fields=["parameters"])


class Migration(migrations.Migration):
    dependencies = [("schemes", "0003_allocations_and_set_asides")]

    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
