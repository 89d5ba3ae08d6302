"""A decision's money per budget year as the decision page and the grant letter
show it: the amount recommended and decided, the part in each category (an
earmarked category named, in kroner) and the owner's own financing required."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .models import GENERAL


@dataclass(frozen=True)
class CategoryAmount:
    category: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class YearMoney:
    year: int
    recommended: Decimal
    decided: Decimal
    categories: tuple[CategoryAmount, ...]
    co_financing: Decimal


def category_labels(decision) -> dict[str, str]:
    """Each category's name as the rule set gives it; ``general`` is ordinary money."""
    labels = {GENERAL: str(_("Ordinary"))}
    for category in decision.round.rule_set.params.earmarked_categories:
        labels[category.code] = category.label
    return labels


def money_by_year(decision) -> list[YearMoney]:
    """One row per budget year of the decision, first year first."""
    labels = category_labels(decision)
    categories = decision.categories
    return [
        YearMoney(
            year=year,
            recommended=recommended,
            decided=decision.amount_for_budget_year(year),
            categories=tuple(
                CategoryAmount(
                    category=category,
                    label=labels.get(category, category),
                    amount=decision.amount_for_budget_year(year, category),
                )
                for category in categories
            ),
            co_financing=decision.co_financing_for_budget_year(year),
        )
        for year, recommended in zip(decision.budget_years, decision.recommended, strict=True)
    ]
