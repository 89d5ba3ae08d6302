"""Move each decision's fixed year amounts and its single co-financing figure
into one ``DecisionAmount`` row per budget year and category, without changing
any figure a user sees.

- A year's decided amount is split over the categories of the recommendation
  lines the decision was made from: each earmarked category keeps what the
  lines recommended (never more than the year's amount), ``general`` takes the
  rest; a decision whose lines are all of one category keeps it whole there.
- A decision that draws on a set-aside (no recommendation) has year-1 money only:
  one row per year it has money, in the set-aside's category.
- Year 1 keeps its stored co-financing; later years get the rule set's
  required share of their grant, for Dekom owners only, as before.
- The commitments the decisions made in later rounds are dropped: a later
  year's money is now read from the rows (same amounts, same rounds).
"""

from decimal import ROUND_CEILING, Decimal

from django.db import migrations

GENERAL = "general"
ZERO = Decimal(0)


def _line_key(line):
    if line.recipient_kind == "network" and line.recipient_network_id is not None:
        network = line.recipient_network
        return (line.recipient_kind, network.coordinator_id, line.recipient_network_id)
    if line.recipient_kind == "joint_measure":
        return (line.recipient_kind, line.partner_id, None)
    return (line.recipient_kind, line.recipient_organisation_id, None)


def _split(amount, recommended_by_category):
    """The year's ``amount`` over categories: earmarked ones first at most what was
    recommended, the rest to ``general`` (or to the only category there is)."""
    categories = [c for c, value in recommended_by_category.items() if value > 0]
    if not categories:
        categories = list(recommended_by_category) or [GENERAL]
    if len(categories) == 1:
        return {categories[0]: amount}
    result = {}
    left = amount
    for category in sorted(c for c in categories if c != GENERAL):
        part = min(left, recommended_by_category[category])
        result[category] = part
        left -= part
    if GENERAL in categories:
        result[GENERAL] = left
    else:
        result[sorted(result)[0]] += left
    return result


def forwards(apps, schema_editor):
    Decision = apps.get_model("decisions", "Decision")
    DecisionAmount = apps.get_model("decisions", "DecisionAmount")
    Line = apps.get_model("recommendations", "RecommendationLine")
    Commitment = apps.get_model("schemes", "Commitment")
    lines_by_recommendation = {}
    for line in Line.objects.select_related("recipient_network").order_by("pk"):
        lines_by_recommendation.setdefault(line.recommendation_id, []).append(line)
    linked = set()
    rows = []
    for decision in Decision.objects.select_related("round__rule_set", "set_aside").order_by("pk"):
        key = (
            decision.recipient_kind,
            decision.recipient_organisation_id,
            decision.recipient_network_id,
        )
        recommended = [{}, {}, {}]
        for line in lines_by_recommendation.get(decision.recommendation_id, []):
            if _line_key(line) != key:
                continue
            for index in range(3):
                value = getattr(line, f"amount_year{index + 1}")
                by_category = recommended[index]
                by_category[line.category] = by_category.get(line.category, ZERO) + value
        all_categories = {c for year in recommended for c in year}
        share = decision.round.rule_set.parameters.get("co_financing_share")
        owes = share is not None and decision.recipient_kind == "owner"
        for index in range(3):
            amount = getattr(decision, f"amount_year{index + 1}")
            if amount <= 0:
                continue
            if decision.set_aside_id is not None:
                parts = {decision.set_aside.category: amount}
            else:
                year_categories = recommended[index] or {c: ZERO for c in all_categories}
                parts = _split(amount, year_categories)
            first_category = True
            for category, part in sorted(parts.items(), key=lambda i: (i[0] != GENERAL, i[0])):
                if part <= 0:
                    continue
                if index == 0:
                    co_financing = decision.co_financing if first_category else ZERO
                elif owes:
                    co_financing = (part * Decimal(share)).to_integral_value(
                        rounding=ROUND_CEILING
                    )
                else:
                    co_financing = ZERO
                first_category = False
                rows.append(
                    DecisionAmount(
                        decision_id=decision.pk,
                        budget_year=decision.round.year + index,
                        category=category,
                        amount=part,
                        co_financing=co_financing,
                    )
                )
        linked.update(
            pk for pk in (decision.commitment_year2_id, decision.commitment_year3_id) if pk
        )
    DecisionAmount.objects.bulk_create(rows, batch_size=500)
    Decision.objects.update(commitment_year2=None, commitment_year3=None)
    Commitment.objects.filter(pk__in=linked).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0010_decision_amount_rows"),
        ("recommendations", "0001_initial"),
        ("schemes", "0003_allocations_and_set_asides"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
