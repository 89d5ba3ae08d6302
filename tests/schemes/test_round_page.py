from decimal import Decimal

from django.urls import reverse

from kompetansemidler.schemes import extensions
from kompetansemidler.schemes.extensions import Figure
from kompetansemidler.schemes.services import commitment_add


def figures(response):
    return {
        name: response.text.split(f'data-figure="{name}">')[1].split("<")[0].replace("\xa0", " ")
        for name in ("frame", "committed", "available")
    }


def test_the_round_shows_frame_committed_and_available(cast, make_round, client_for):
    round_ = make_round("dekom", frame=Decimal(53_400_000))
    commitment_add(
        actor=cast.caseworker,
        round=round_,
        amount=Decimal(6_400_000),
        source="Vedtak 2025/14 Bergen kommune – år 2 av 3",
    )
    commitment_add(
        actor=cast.caseworker,
        round=round_,
        amount=Decimal(3_150_000),
        source="Vedtak 2025/22 Nordhordland – år 2 av 3",
    )
    response = client_for(cast.caseworker).get(reverse("schemes:round_detail", args=[round_.pk]))
    assert figures(response) == {
        "frame": "53 400 000 kr",
        "committed": "9 550 000 kr",
        "available": "43 850 000 kr",
    }
    assert "Vedtak 2025/22 Nordhordland – år 2 av 3" in response.text


def test_a_caseworker_registers_a_commitment_and_a_bad_amount_is_explained(
    cast, make_round, client_for
):
    round_ = make_round()
    client = client_for(cast.caseworker)
    url = reverse("schemes:commitment_create", args=[round_.pk])
    response = client.post(url, {"amount": "12,5 mill", "source": "Vedtak 2025/31"})
    assert response.status_code == 400
    assert "Skriv beløpet i hele kroner" in response.text and "Vedtak 2025/31" in response.text
    assert client.post(url, {"amount": "2 850 000", "source": "Vedtak 2025/31"}).status_code == 302
    assert round_.commitments.get().amount == Decimal(2_850_000)


def test_other_apps_add_figures_beside_the_money(cast, make_round, client_for, monkeypatch):
    round_ = make_round()

    def needs_sum(round_, user):
        return Figure("Sum of reported needs", Decimal(41_000_000), "12 reports")

    monkeypatch.setattr(extensions, "_providers", lambda: ((needs_sum,), ()))
    response = client_for(cast.caseworker).get(reverse("schemes:round_detail", args=[round_.pk]))
    text = response.text.replace("\xa0", " ")
    assert "Sum of reported needs" in text and "41 000 000 kr" in text and "12 reports" in text


def test_the_round_list_filters_and_exports(cast, make_round, client_for):
    make_round("rekom", 2026)
    make_round("dekom", 2026, frame=Decimal(53_400_000))
    client = client_for(cast.caseworker)
    listing = client.get(reverse("schemes:round_list"), {"scheme": "dekom"})
    assert "Dekom 2026" in listing.text and "Rekom 2026" not in listing.text
    bad = client.get(reverse("schemes:round_list"), {"year": "tjuetjuefem"})
    assert bad.status_code == 400
    export = client.get(reverse("schemes:round_export", args=["csv"]), {"scheme": "dekom"})
    lines = export.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("Dekom;2026;Statsforvalteren i Vestland")
    assert "53400000" in lines[1]
    xlsx = client.get(reverse("schemes:round_export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
