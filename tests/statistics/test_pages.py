"""The statistics pages and API as users meet them: Udir sees all offices, a
caseworker only their own (also through filters and the API), others are
refused, and the public page shows published decisions only."""

from kompetansemidler.decisions.models import Decision
from kompetansemidler.statistics.selectors import PUBLISHED
from kompetansemidler.statistics.views import PUBLIC_TOP_RECIPIENTS

from .objects import DRAFT_AMOUNT, build


def _kr(amount) -> str:
    # The pages print thousands with a space-like separator; compare digits only.
    return str(int(amount))


def test_udir_sees_every_office_and_can_group_by_office(cast, client_for):
    build(cast)
    response = client_for(cast.udir).get("/statistikk/", {"group": "office"})
    assert response.status_code == 200
    html = response.content.decode()
    assert cast.vestland.name in html and cast.rogaland.name in html
    assert 'role="img"' in html and "<title" in html


def test_a_caseworker_sees_only_their_own_office(cast, client_for):
    build(cast)
    client = client_for(cast.caseworker)
    html = client.get("/statistikk/", {"group": "office"}).content.decode()
    assert cast.vestland.name in html
    assert cast.rogaland.name not in html
    refused = client.get("/statistikk/", {"office": cast.rogaland.slug})
    assert refused.status_code == 403
    export = client.get("/statistikk/eksport/office.csv", {"office": cast.rogaland.slug})
    assert export.status_code == 403
    csv = client.get("/statistikk/eksport/office.csv").content.decode("utf-8-sig")
    assert cast.vestland.name in csv and cast.rogaland.name not in csv


def test_the_other_office_sees_its_own_decided_total_only(cast, client_for):
    build(cast)
    rogaland_total = sum(
        d.amount_year1 + d.amount_year2 + d.amount_year3
        for d in Decision.objects.filter(state__in=PUBLISHED, round__office=cast.rogaland)
    )
    rows = (
        client_for(cast.other_caseworker)
        .get("/api/statistics/national", {"group": "office"})
        .json()
    )
    assert [row["label"] for row in rows] == [cast.rogaland.name]
    assert int(rows[0]["decided"]) == rogaland_total
    assert (
        client_for(cast.other_caseworker)
        .get("/api/statistics/national", {"office": cast.vestland.slug})
        .status_code
        == 403
    )


def test_others_are_refused_the_national_statistics(cast, client_for):
    for user in (cast.owner_rep, cast.outsider, cast.forum_member):
        assert client_for(user).get("/statistikk/").status_code == 403


def test_bad_filters_are_reported_not_a_server_error(cast, client_for):
    response = client_for(cast.udir).get(
        "/statistikk/", {"year_from": "2030", "year_to": "2020", "scheme": "nope"}
    )
    assert response.status_code == 200
    assert "ds-error-summary" in response.content.decode()


def _decided(decision):
    return decision.amount_year1 + decision.amount_year2 + decision.amount_year3


def test_the_public_page_shows_published_decisions_only(cast, client):
    decisions = build(cast, per_round=4)
    issued = [d for d in decisions if d.state in PUBLISHED]
    drafts = [d for d in decisions if d.state not in PUBLISHED]
    assert drafts
    response = client.get("/statistikk/offentlig/")
    assert response.status_code == 200
    html = response.content.decode()
    for draft in drafts:
        assert f">{draft.recipient_organisation.name}<" not in html
    csv = client.get("/statistikk/offentlig/eksport/recipient.csv").content.decode("utf-8-sig")
    assert _kr(DRAFT_AMOUNT) not in csv.replace(" ", "").replace("\xa0", "")
    for decision in issued:
        assert decision.recipient_organisation.name in csv
    rows = client.get("/api/statistics/public", {"group": "recipient"}).json()
    assert sum(int(row["decided"]) for row in rows) == sum(_decided(d) for d in issued)


def test_the_public_page_lists_the_largest_recipients_and_the_exports_every_one(cast, client):
    issued = sorted(
        (d for d in build(cast, per_round=4) if d.state in PUBLISHED), key=_decided, reverse=True
    )
    assert len(issued) > PUBLIC_TOP_RECIPIENTS
    html = client.get("/statistikk/offentlig/").content.decode()
    shown = [d for d in issued if f">{d.recipient_organisation.name}<" in html]
    assert shown == issued[:PUBLIC_TOP_RECIPIENTS]
    assert f"av {len(issued)}" in html
    csv = client.get("/statistikk/offentlig/eksport/recipient.csv").content.decode("utf-8-sig")
    assert all(d.recipient_organisation.name in csv for d in issued)


def test_the_public_page_lists_every_recipient_when_they_are_few(cast, client):
    issued = [d for d in build(cast, per_round=1) if d.state in PUBLISHED]
    html = client.get("/statistikk/offentlig/").content.decode()
    assert all(f">{d.recipient_organisation.name}<" in html for d in issued)
    assert "Tildelt beløp per mottaker" in html
