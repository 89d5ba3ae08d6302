"""The editor's page for sharing one line between regional networks pro rata: it
works without JavaScript, the parts add up to the krone, and only the forum's
editors reach it, only for networks of the round's office."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.recommendations.models import RecommendationLine
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.registry.models import Network, NetworkKind
from tests.recommendations.objects import adopted_recommendation, draft_recommendation

pytestmark = pytest.mark.django_db


def networks(cast, *names, office=None):
    return [
        Network.objects.create(name=name, kind=NetworkKind.REGIONAL, office=office or cast.vestland)
        for name in names
    ]


def split_url(line):
    return reverse("recommendations:line_split", args=[line.recommendation_id, line.pk])


def test_the_editor_links_each_line_to_its_split_page(cast, client_for):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    response = client_for(cast.forum_member).get(
        reverse("recommendations:edit", args=[recommendation.pk])
    )
    assert f'href="{split_url(line)}"' in response.text


def test_a_forum_member_shares_a_line_between_two_networks_by_staff(cast, client_for):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    assert line.amount_year1 == Decimal(1_000_000)
    north, south = networks(cast, "Nord", "Sør")
    client = client_for(cast.forum_member)
    page = client.get(split_url(line))
    assert page.status_code == 200
    assert f'name="weight-{north.pk}"' in page.text and "Nord" in page.text

    # 120 staff in the north, 80 in the south: 600 000 and 400 000 of the 1 000 000.
    response = client.post(
        split_url(line), {"key": "staff", f"weight-{north.pk}": "120", f"weight-{south.pk}": "80"}
    )
    assert response.status_code == 302
    assert not RecommendationLine.objects.filter(pk=line.pk).exists()
    parts = {
        part.recipient_network.name: part.amount_year1
        for part in RecommendationLine.objects.filter(
            recommendation=recommendation, title=line.title
        )
    }
    assert parts == {"Nord": Decimal(600_000), "Sør": Decimal(400_000)}


def test_a_three_way_split_adds_up_to_the_krone(cast, client_for):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    found = networks(cast, "A", "B", "C")
    client_for(cast.forum_member).post(
        split_url(line), {"key": "children", **{f"weight-{n.pk}": "1" for n in found}}
    )
    amounts = sorted(
        RecommendationLine.objects.filter(
            recommendation=recommendation, title=line.title
        ).values_list("amount_year1", flat=True)
    )
    # 1 000 000 / 3: two parts of 333 333, the krone left over to one of them.
    assert amounts == [Decimal(333_333), Decimal(333_333), Decimal(333_334)]


def test_fewer_than_two_weights_are_refused_and_nothing_changes(cast, client_for):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    north, south = networks(cast, "Nord", "Sør")
    response = client_for(cast.forum_member).post(
        split_url(line), {"key": "staff", f"weight-{north.pk}": "10", f"weight-{south.pk}": ""}
    )
    assert response.status_code == 400
    assert "Gi minst to nettverk en vekt over null." in response.text
    assert RecommendationLine.objects.get(pk=line.pk).amount_year1 == Decimal(1_000_000)


def test_an_unknown_key_and_a_negative_weight_are_refused(cast, client_for):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    north, south = networks(cast, "Nord", "Sør")
    client = client_for(cast.forum_member)
    bad_key = client.post(
        split_url(line), {"key": "budget", f"weight-{north.pk}": "1", f"weight-{south.pk}": "1"}
    )
    negative = client.post(
        split_url(line), {"key": "staff", f"weight-{north.pk}": "-1", f"weight-{south.pk}": "1"}
    )
    assert (bad_key.status_code, negative.status_code) == (400, 400)
    assert RecommendationLine.objects.filter(pk=line.pk).exists()


def test_another_offices_network_is_not_offered_and_cannot_be_posted(cast, client_for):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    [north] = networks(cast, "Nord")
    [foreign] = networks(cast, "Jæren", office=cast.rogaland)
    client = client_for(cast.forum_member)
    assert "Jæren" not in client.get(split_url(line)).text
    response = client.post(
        split_url(line), {"key": "staff", f"weight-{north.pk}": "1", f"weight-{foreign.pk}": "1"}
    )
    assert response.status_code == 400
    assert RecommendationLine.objects.filter(pk=line.pk).exists()


def test_an_adopted_recommendation_cannot_be_split(cast, client_for):
    recommendation = adopted_recommendation(cast)
    line = lines_for(recommendation)[0]
    north, south = networks(cast, "Nord", "Sør")
    response = client_for(cast.forum_member).post(
        split_url(line), {"key": "staff", f"weight-{north.pk}": "1", f"weight-{south.pk}": "1"}
    )
    assert response.status_code == 403
    assert RecommendationLine.objects.filter(pk=line.pk).exists()


def test_an_outsider_and_an_owner_cannot_reach_the_split_page(cast, client_for):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    for user in (cast.outsider, cast.owner_rep, cast.other_caseworker):
        assert client_for(user).get(split_url(line)).status_code == 403


def test_a_line_of_another_recommendation_is_404(cast, client_for):
    recommendation = draft_recommendation(cast)
    other = draft_recommendation(cast, name="Utkast 2")
    line = lines_for(other)[0]
    url = reverse("recommendations:line_split", args=[recommendation.pk, line.pk + 10_000])
    assert client_for(cast.forum_member).get(url).status_code == 404
