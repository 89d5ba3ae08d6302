from django.urls import reverse

from kompetansemidler.schemes.selectors import rounds_visible_to


def test_who_sees_which_rounds(cast, make_round):
    vestland = make_round("rekom", 2026)
    rogaland = make_round("dekom", 2026, office=cast.rogaland)
    expected = {
        "udir": {vestland, rogaland},
        "caseworker": {vestland},
        "other_caseworker": {rogaland},
        "forum_member": {vestland},
        "owner_rep": {vestland},
        "other_owner_rep": {vestland},
        "network_coordinator": {vestland},
        "uh_rep": {vestland},
        "unit_leader": {vestland},
        "outsider": set(),
    }
    seen = {name: set(rounds_visible_to(user)) for name, user in cast.users().items()}
    assert seen == expected


def test_a_caseworker_of_another_office_cannot_see_vestlands_round(cast, make_round, client_for):
    round_ = make_round()
    client = client_for(cast.other_caseworker)
    response = client.get(reverse("schemes:round_detail", args=[round_.pk]))
    assert response.status_code == 403
    assert "rollene dine ikke gir tilgang til" in response.text
    listing = client.get(reverse("schemes:round_list"))
    assert reverse("schemes:round_detail", args=[round_.pk]) not in listing.text
    export = client.get(reverse("schemes:round_export", args=["csv"]))
    assert "Vestland" not in export.content.decode("utf-8-sig")


def test_an_owner_reads_the_round_but_cannot_change_it(cast, make_round, client_for):
    round_ = make_round()
    client = client_for(cast.owner_rep)
    page = client.get(reverse("schemes:round_detail", args=[round_.pk]))
    assert page.status_code == 200
    assert "26 800 000" in page.text.replace("\xa0", " ")
    assert reverse("schemes:round_transition", args=[round_.pk, "open_for_needs"]) not in page.text
    assert reverse("schemes:commitment_create", args=[round_.pk]) not in page.text
    assert (
        client.post(
            reverse("schemes:commitment_create", args=[round_.pk]),
            {"amount": "1000", "source": "x"},
        ).status_code
        == 403
    )
    assert not round_.commitments.exists()


def test_an_outsider_gets_403_everywhere(cast, make_round, client_for):
    round_ = make_round()
    client = client_for(cast.outsider)
    for url in (
        reverse("schemes:round_list"),
        reverse("schemes:index"),
        reverse("schemes:round_detail", args=[round_.pk]),
        reverse("schemes:rule_set_detail", args=[round_.rule_set_id]),
    ):
        assert client.get(url).status_code == 403, url
