"""Editing a needs report: checks as you type, nothing lost, stale saves refused."""

from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from kompetansemidler.needs.services import needs_report_submit

from .conftest import BEFORE_DEADLINE


def form_data(report, **overrides):
    data = {
        "lock_version": str(report.lock_version),
        "staff_involvement": "Alle tilsette svarte på ei undersøking.",
        "leader_involvement": "Leiarane samla svara.",
        "uh_partners": [],
        "uh_dialogue": "",
        "needs": "Leseopplæring",
        "sami_perspectives": "",
        "measure-TOTAL_FORMS": "1",
        "measure-INITIAL_FORMS": "0",
        "measure-MIN_NUM_FORMS": "0",
        "measure-MAX_NUM_FORMS": "1000",
        "measure-0-title": "Lesing i alle fag",
        "measure-0-category": "general",
        "measure-0-amount_year1": "100000",
        "measure-0-amount_year2": "",
        "measure-0-amount_year3": "",
    }
    data.update(overrides)
    return data


def test_the_check_endpoint_reports_a_missing_uh_partner_and_its_fix(cast, client_for, open_round):
    report = NeedsReport.objects.create(round=open_round, owner=cast.owner)
    client = client_for(cast.owner_rep)
    url = f"/behov/meldingar/{report.pk}/sjekk/"
    response = client.post(url, form_data(report), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"NEEDS_NO_UH_PARTNER" in response.content
    assert b"NEEDS_SAMI_NOT_ASSESSED" in response.content
    response = client.post(
        url, form_data(report, uh_partners=[str(cast.uh.pk)], sami_perspectives="Drøfta.")
    )
    assert b"NEEDS_NO_UH_PARTNER" not in response.content
    assert b"NEEDS_SAMI_NOT_ASSESSED" not in response.content
    # Checking saves nothing.
    assert NeedsReport.objects.get(pk=report.pk).staff_involvement == ""


def test_a_year_beyond_the_rule_sets_duration_is_reported_while_typing(
    cast, client_for, open_round
):
    report = NeedsReport.objects.create(round=open_round, owner=cast.owner)
    response = client_for(cast.owner_rep).post(
        f"/behov/meldingar/{report.pk}/sjekk/",
        form_data(report, **{"measure-0-individual_further_education": "on"}),
    )
    assert b"NEEDS_INDIVIDUAL_FURTHER_EDUCATION" in response.content
    assert b"id_measure-0-individual_further_education" in response.content


def test_saving_stores_fields_and_measures(cast, client_for, open_round):
    report = NeedsReport.objects.create(round=open_round, owner=cast.owner)
    response = client_for(cast.owner_rep).post(
        f"/behov/meldingar/{report.pk}/endre/", form_data(report)
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.staff_involvement.startswith("Alle tilsette")
    assert report.lock_version == 2
    assert [m.title for m in report.measures.all()] == ["Lesing i alle fag"]


def test_an_invalid_save_keeps_everything_typed(cast, client_for, open_round):
    report = NeedsReport.objects.create(round=open_round, owner=cast.owner)
    data = form_data(report, **{"measure-0-amount_year2": "mange pengar"})
    response = client_for(cast.owner_rep).post(f"/behov/meldingar/{report.pk}/endre/", data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Alle tilsette svarte på ei undersøking." in content
    assert 'value="mange pengar"' in content
    assert "ds-error-summary" in content
    assert NeedsReport.objects.get(pk=report.pk).staff_involvement == ""


def test_a_stale_save_is_refused_and_shows_what_changed(cast, client_for, open_round):
    report = NeedsReport.objects.create(round=open_round, owner=cast.owner)
    opened = form_data(report, needs="Mitt utkast om lesing")
    # Someone else saves first.
    NeedsReport.objects.filter(pk=report.pk).update(needs="Kollegaen sitt utkast", lock_version=2)
    response = client_for(cast.owner_rep).post(f"/behov/meldingar/{report.pk}/endre/", opened)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kollegaen sitt utkast" in content
    assert "Mitt utkast om lesing" in content
    assert 'name="lock_version" value="2"' in content
    assert NeedsReport.objects.get(pk=report.pk).needs == "Kollegaen sitt utkast"
    assert not ProposedMeasure.objects.filter(report=report).exists()


def test_a_submitted_report_cannot_be_edited(cast, client_for, owner_report):
    needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    client = client_for(cast.owner_rep)
    assert client.get(f"/behov/meldingar/{owner_report.pk}/endre/").status_code == 403
    assert NeedsReport.objects.get(pk=owner_report.pk).state == ReportState.SUBMITTED


def test_continuing_carries_later_years_over_for_confirmation(cast, client_for):
    from .conftest import fill_report, make_round

    last_year = make_round(cast.vestland, year=2025)
    previous = fill_report(
        NeedsReport.objects.create(round=last_year, owner=cast.owner, state=ReportState.ACCEPTED),
        cast.uh,
    )
    make_round(cast.vestland, year=2026)
    client = client_for(cast.owner_rep)
    response = client.post(f"/behov/meldingar/{previous.pk}/vidare/")
    assert response.status_code == 302
    report = NeedsReport.objects.get(previous=previous)
    measure = report.measures.get()
    assert (measure.amount_year1, measure.amount_year2) == (250000, 200000)
    assert measure.amount_year3 is None and not measure.confirmed
    assert report.staff_involvement == previous.staff_involvement


def test_garbage_input_gets_a_clear_answer_never_a_server_error(cast, client_for, open_round):
    report = NeedsReport.objects.create(round=open_round, owner=cast.owner)
    client = client_for(cast.owner_rep)
    garbage = {
        "lock_version": "x",
        "uh_partners": ["abc"],
        "partnership": "nan",
        "measure-TOTAL_FORMS": "many",
        "measure-0-amount_year1": "NaN",
        "target_groups": ["dragons"],
    }
    check = client.post(f"/behov/meldingar/{report.pk}/sjekk/", garbage)
    assert check.status_code == 200
    assert b"NEEDS_UNKNOWN_TARGET_GROUP" in check.content
    save = client.post(f"/behov/meldingar/{report.pk}/endre/", garbage)
    assert save.status_code == 200
    assert "ds-error-summary" in save.content.decode()
    assert NeedsReport.objects.get(pk=report.pk).lock_version == 1
