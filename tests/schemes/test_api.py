from decimal import Decimal

from django.urls import reverse

from kompetansemidler.schemes.services import commitment_add


def test_rounds_in_the_api_are_scoped_and_carry_the_money(cast, make_round, client_for):
    vestland = make_round("dekom", 2026, frame=Decimal(53_400_000))
    rogaland = make_round("dekom", 2026, office=cast.rogaland)
    commitment_add(
        actor=cast.caseworker, round=vestland, amount=Decimal(6_400_000), source="Vedtak 2025/14"
    )
    client = client_for(cast.caseworker)
    page = client.get(reverse("api:schemes_rounds"), {"scheme": "dekom"}).json()
    assert page["count"] == 1
    [item] = page["items"]
    assert (item["office"], item["frame"], item["committed"], item["available"]) == (
        "vestland",
        53_400_000,
        6_400_000,
        47_000_000,
    )
    detail = client.get(reverse("api:schemes_round", args=[vestland.pk])).json()
    assert detail["commitments"] == [
        {
            "amount": 6_400_000,
            "source": "Vedtak 2025/14",
            "source_round": None,
            "category": "general",
            "budget_year": 2026,
            "typed": True,
        }
    ]
    refused = client.get(reverse("api:schemes_round", args=[rogaland.pk]))
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert client.get(reverse("api:schemes_round", args=[999999])).status_code == 404
    bad = client.get(reverse("api:schemes_rounds"), {"phase": "dreaming"})
    assert bad.status_code == 422


def test_schemes_and_rule_sets_in_the_api(cast, schemes, client_for):
    client = client_for(cast.owner_rep)
    listed = client.get(reverse("api:schemes_list")).json()
    assert [s["code"] for s in listed] == ["rekom", "dekom", "kompetanseloftet"]
    assert listed[0]["rule_set_years"] == [2024, 2025, 2026, 2027]
    page = client.get(reverse("api:schemes_rule_sets"), {"scheme": "rekom", "year": 2026}).json()
    [rule_set] = page["items"]
    assert rule_set["parameters"]["earmark_cap_share"] == "0.30"
    one = client.get(reverse("api:schemes_rule_set", args=[rule_set["id"]])).json()
    assert one["year"] == 2026


def test_the_api_refuses_outsiders_and_anonymous_visitors(cast, schemes, client, client_for):
    assert client.get(reverse("api:schemes_rounds")).status_code == 401
    assert client_for(cast.outsider).get(reverse("api:schemes_rounds")).status_code == 403
    assert client_for(cast.outsider).get(reverse("api:schemes_list")).status_code == 403
