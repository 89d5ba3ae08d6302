"""System checks: a stored rule set whose parameters do not parse stops start-up
with its name and every problem (schemes.E001), not the first request that uses it."""

from django.core import checks
from django.db import DatabaseError

from kompetansemidler.rules import RuleSetParameters

from .models import RuleSet


@checks.register()
def check_rule_sets(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    try:
        stored = list(RuleSet.objects.select_related("scheme").order_by("scheme_id", "year"))
    except DatabaseError:
        # No database yet, or not migrated (e.g. `manage.py migrate` on a fresh
        # install runs the checks first): there is nothing stored to check.
        return []
    for rule_set in stored:
        _parameters, findings = RuleSetParameters.from_dict(rule_set.parameters)
        if findings:
            problems = "; ".join(
                f"{f.target}: {f.text()}" if f.target else f.text() for f in findings
            )
            errors.append(
                checks.Error(
                    f"The rule set {rule_set} (id {rule_set.pk}) has invalid parameters: "
                    f"{problems}",
                    hint="Correct the rule set on its edit page or in the database.",
                    obj=rule_set,
                    id="schemes.E001",
                )
            )
    return errors
