from decimal import Decimal

from django.urls import reverse

from kompetansemidler.history.models import Event
from kompetansemidler.schemes.models import Round


def post_data(cast, schemes, **changes):
    data = {
        "office": cast.vestland.pk,
        "scheme": schemes["dekom"].pk,
        "year": "2026",
        "frame": "53 400 000",
        "needs_deadline": "2025-11-01",
        "recommendation_deadline": "2025-12-15",
        "decision_deadline": "2026-02-01",
        "annual_report_deadline": "2027-03-01",
    }
    data.update(changes)
    return data


def test_a_caseworker_opens_a_round_for_its_office(cast, schemes, client_for):
    response = client_for(cast.caseworker).post(
        reverse("schemes:round_create"), post_data(cast, schemes)
    )
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("schemes:round_detail", args=[round_.pk])
    assert (round_.office, round_.scheme.code, round_.year) == (cast.vestland, "dekom", 2026)
    assert round_.frame == Decimal(53_400_000) and round_.phase == "planned"
    assert round_.rule_set == schemes["dekom"].rule_sets.get(year=2026)
    event = Event.objects.for_object(round_).get()
    assert event.kind == "round.created" and event.office == cast.vestland
    assert event.actor == cast.caseworker


def test_deadlines_out_of_order_are_refused_and_what_was_typed_is_kept(cast, schemes, client_for):
    response = client_for(cast.caseworker).post(
        reverse("schemes:round_create"),
        post_data(
            cast, schemes, recommendation_deadline="2025-10-01", annual_report_deadline="2026-01-01"
        ),
    )
    assert response.status_code == 400
    text = response.text
    assert "Denne fristen må komme etter fristen for behovsmeldinger." in text
    assert "Denne fristen må komme etter fristen for vedtak." in text
    assert 'value="53 400 000"' in text and 'value="2025-10-01"' in text
    assert not Round.objects.exists()


def test_a_second_round_for_the_same_scheme_year_and_office_is_refused(
    cast, schemes, client_for, make_round
):
    make_round("dekom", 2026)
    response = client_for(cast.caseworker).post(
        reverse("schemes:round_create"), post_data(cast, schemes)
    )
    assert response.status_code == 400
    assert (
        "Statsforvalteren i Vestland har allerede en Dekom-runde for 2026. "
        "Åpne den runden i stedet."
    ) in response.text
    assert Round.objects.count() == 1


def test_a_year_without_a_rule_set_and_a_bad_frame_are_explained(cast, schemes, client_for):
    client = client_for(cast.caseworker)
    response = client.post(
        reverse("schemes:round_create"),
        post_data(
            cast,
            schemes,
            year="2031",
            needs_deadline="2030-11-01",
            recommendation_deadline="2030-12-15",
            decision_deadline="2031-02-01",
            annual_report_deadline="2032-03-01",
        ),
    )
    assert response.status_code == 400
    assert "Det finnes ikke noe regelverk for Dekom i 2031 ennå." in response.text
    response = client.post(
        reverse("schemes:round_create"), post_data(cast, schemes, frame="femti millioner")
    )
    assert response.status_code == 400
    assert "Skriv beløpet i hele kroner" in response.text
    assert 'value="femti millioner"' in response.text
    assert not Round.objects.exists()


def test_a_caseworker_cannot_open_a_round_for_another_office(cast, schemes, client_for):
    response = client_for(cast.other_caseworker).post(
        reverse("schemes:round_create"), post_data(cast, schemes)
    )
    assert response.status_code == 400
    assert not Round.objects.exists()


def test_only_caseworkers_may_open_rounds(cast, schemes, client_for):
    for user in (cast.udir, cast.owner_rep, cast.forum_member, cast.outsider):
        client = client_for(user)
        assert client.get(reverse("schemes:round_create")).status_code == 403
        assert (
            client.post(reverse("schemes:round_create"), post_data(cast, schemes)).status_code
            == 403
        )
    assert not Round.objects.exists()
