"""A save of the editor keeps every input as posted: a line posted as it is saved
is left alone (and needs no validating), any other is validated and saved, the
coordinator box both ways, a priority of the long-term plan; after a late save, a
line the other session changed is listed even where this user typed nothing."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.forums.models import LongTermPlan, Priority
from kompetansemidler.recommendations.models import RecommendationLine
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.recommendations.services import recommendation_update
from tests.recommendations.objects import draft_recommendation

pytestmark = pytest.mark.django_db


def as_shown(recommendation) -> dict:
    """Everything the editor posts for the lines as saved."""
    data = {"lock_version": recommendation.lock_version}
    for line in lines_for(recommendation):
        p = f"l{line.pk}"
        data.update(
            {
                f"{p}-rank": str(line.rank),
                f"{p}-amount_year1": str(line.amount_year1),
                f"{p}-amount_year2": str(line.amount_year2),
                f"{p}-amount_year3": str(line.amount_year3),
                f"{p}-co_financing": str(line.co_financing),
                f"{p}-coordinator_decision": line.coordinator_decision,
                f"{p}-priority": "",
                f"{p}-justification": line.justification,
            }
        )
        if line.is_coordinator:
            data[f"{p}-is_coordinator"] = "on"
    return data


def save(client, recommendation, data):
    return client.post(reverse("recommendations:edit", args=[recommendation.pk]), data)


def test_the_coordinator_box_is_saved_ticked_and_unticked(cast, client_for):
    recommendation = draft_recommendation(cast)
    first, second = lines_for(recommendation)
    RecommendationLine.objects.filter(pk=first.pk).update(
        is_coordinator=True, coordinator_decision="Sak 12/2026"
    )
    recommendation.refresh_from_db()
    data = as_shown(recommendation)
    del data[f"l{first.pk}-is_coordinator"]
    data[f"l{second.pk}-is_coordinator"] = "on"
    assert save(client_for(cast.forum_member), recommendation, data).status_code == 302
    assert RecommendationLine.objects.get(pk=first.pk).is_coordinator is False
    assert RecommendationLine.objects.get(pk=second.pk).is_coordinator is True


def test_lines_posted_as_saved_stay_as_saved(cast, client_for):
    recommendation = draft_recommendation(cast)
    first, second = lines_for(recommendation)
    data = as_shown(recommendation)
    data[f"l{second.pk}-amount_year1"] = "250000"
    assert save(client_for(cast.forum_member), recommendation, data).status_code == 302
    assert RecommendationLine.objects.get(pk=first.pk).amount_year1 == first.amount_year1
    assert RecommendationLine.objects.get(pk=second.pk).amount_year1 == Decimal(250_000)


def test_a_late_save_lists_a_line_the_other_session_changed(cast, client_for):
    recommendation = draft_recommendation(cast)
    first, second = lines_for(recommendation)
    data = as_shown(recommendation)
    recommendation_update(
        actor=cast.caseworker,
        recommendation=recommendation,
        lock_version=recommendation.lock_version,
        lines={second.pk: {"amount_year1": Decimal(123_000)}},
    )
    data[f"l{first.pk}-amount_year1"] = "900000"
    page = save(client_for(cast.forum_member), recommendation, data).content.decode()
    assert 'id="conflict"' in page
    assert f"{second.rank}. {second.title}" in page and "123000" in page
    assert RecommendationLine.objects.get(pk=second.pk).amount_year1 == Decimal(123_000)


def test_the_editor_shows_each_lines_priority_and_saves_a_new_one(cast, client_for):
    recommendation = draft_recommendation(cast)
    first, second = lines_for(recommendation)
    plan = LongTermPlan.objects.create(forum=cast.forum, version=1, from_year=2026, to_year=2029)
    language = Priority.objects.create(plan=plan, code="P1", text="Språk", position=1)
    reading = Priority.objects.create(plan=plan, code="P2", text="Lesing", position=2)
    RecommendationLine.objects.filter(pk=first.pk).update(priority=language)
    client = client_for(cast.forum_member)
    page = client.get(reverse("recommendations:edit", args=[recommendation.pk])).content.decode()
    select = re.search(rf'<select name="l{first.pk}-priority".*?</select>', page)[0]
    assert f'<option value="{language.pk}" selected>P1 Språk</option>' in select
    assert f'<option value="{reading.pk}">P2 Lesing</option>' in select
    other = re.search(rf'<select name="l{second.pk}-priority".*?</select>', page)[0]
    assert '<option value="" selected>' in other
    recommendation.refresh_from_db()
    data = as_shown(recommendation)
    data[f"l{first.pk}-priority"] = str(language.pk)
    data[f"l{second.pk}-priority"] = str(reading.pk)
    assert save(client, recommendation, data).status_code == 302
    assert RecommendationLine.objects.get(pk=second.pk).priority == reading
    assert RecommendationLine.objects.get(pk=first.pk).priority == language
