"""An owner plans, partners with a UH, reports needs for three years with live
checks, submits; the caseworker returns it with a reason; the owner resubmits;
the caseworker accepts. axe finds nothing on any page on the way."""

import datetime
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.schemes.models import Round, RuleSet, Scheme
from kompetansemidler.schemes.seed import ensure_seed
from kompetansemidler.schemes.workflow import RoundPhase


def open_round(cast) -> Round:
    ensure_seed()
    today = timezone.localdate()
    scheme = Scheme.objects.get(code="rekom")
    return Round.objects.create(
        scheme=scheme,
        year=2026,
        office=cast.vestland,
        rule_set=RuleSet.objects.get(scheme=scheme, year=2026),
        frame=Decimal("20000000"),
        needs_deadline=today + datetime.timedelta(days=30),
        recommendation_deadline=today + datetime.timedelta(days=60),
        decision_deadline=today + datetime.timedelta(days=90),
        annual_report_deadline=today + datetime.timedelta(days=400),
        phase=RoundPhase.OPEN_FOR_NEEDS,
    )


def switch_user(page, login, user):
    page.context.clear_cookies()
    return login(user)


def finding(page, code):
    return page.locator(f"#findings [data-code='{code}']")


def test_owner_reports_needs_and_the_caseworker_returns_then_accepts(
    page, live_server, cast, login, assert_accessible
):
    round_ = open_round(cast)
    base = live_server.url
    login(cast.owner_rep)
    page.goto(f"{base}/behov/")
    assert_accessible(page)

    # A local plan with the nine elements.
    page.goto(f"{base}/behov/planar/ny/")
    assert_accessible(page)
    page.locator("#id_title").fill("Kompetanseplan for Bergen-barnehagane")
    page.locator("#id_period_start").fill("2026")
    page.locator("#id_period_end").fill("2029")
    for name in (
        "priorities",
        "target_groups",
        "measures",
        "participants",
        "working_methods",
        "use_of_funds",
        "planned_evaluation",
        "goal_assessment",
    ):
        page.locator(f"#id_{name}").fill(f"Tekst om {name}")
    page.locator("#id_duration").fill("Fire år")
    page.locator("form.km-stack button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kompetanseplan for Bergen-barnehagane"
    )
    assert_accessible(page)

    # A partnership with Høgskulen på Vestlandet.
    page.goto(f"{base}/behov/partnarskap/ny/")
    page.locator("#id_name").fill("Bergen kommune og HVL")
    page.get_by_label("Høgskulen på Vestlandet").check()
    page.locator("#id_period_start").fill("2026")
    page.locator("#id_period_end").fill("2029")
    assert_accessible(page)
    page.locator("form.km-stack button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bergen kommune og HVL")
    assert_accessible(page)

    # The needs report.
    page.goto(f"{base}/behov/meldingar/ny/")
    assert_accessible(page)
    page.locator("#id_round").select_option(str(round_.pk))
    page.locator("#id_author").select_option(f"owner:{cast.owner.pk}")
    page.locator("form.km-stack button[type=submit]").click()
    expect(page.locator("#id_staff_involvement")).to_be_visible()
    expect(finding(page, "NEEDS_NO_STAFF_INVOLVEMENT")).to_be_visible()
    assert_accessible(page)

    page.locator("#id_local_plan").select_option(
        label="Kompetanseplan for Bergen-barnehagane (2026–2029)"
    )
    page.get_by_label("Solsikken barnehage").check()
    # Typing (not pasting): the check runs on keyup, half a second after the last key.
    page.locator("#id_staff_involvement").press_sequentially("Alle tilsette drøfta behova.")
    expect(finding(page, "NEEDS_NO_STAFF_INVOLVEMENT")).to_have_count(0)
    page.locator("#id_leader_involvement").fill("Styrarane leia drøftingane.")
    page.locator("#id_partnership").select_option(label="Bergen kommune og HVL")
    expect(finding(page, "NEEDS_NO_UH_PARTNER")).to_have_count(0)
    page.locator("#id_uh_dialogue").fill("Tre møte med HVL.")
    page.locator("#id_needs").fill("Språkmiljø for dei yngste barna.")
    page.locator("#id_sami_perspectives").fill("Samisk kultur i kvardagen.")
    page.locator("#id_measure-0-title").fill("Språkløft")
    # The measure follows a priority of the report's local plan.
    page.locator("#id_measure-0-local_plan_priority").fill("Språkmiljø for dei yngste")
    page.locator("#id_measure-0-amount_year1").fill("400000")
    page.locator("#id_measure-0-amount_year2").fill("350000")
    page.locator("#id_measure-0-amount_year3").fill("300000")
    # Individual further education is not fundable in the general category.
    page.locator("#id_measure-0-individual_further_education").check()
    expect(finding(page, "NEEDS_INDIVIDUAL_FURTHER_EDUCATION")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_measure-0-individual_further_education").uncheck()
    expect(finding(page, "NEEDS_INDIVIDUAL_FURTHER_EDUCATION")).to_have_count(0)
    expect(page.locator("#findings [data-code]")).to_have_count(0)
    page.locator("form[hx-post] button[type=submit]").click()

    expect(page.locator("#report-state")).to_have_text("Utkast")
    report = NeedsReport.objects.get(round=round_, owner=cast.owner)
    assert report.total == Decimal("1050000")
    assert_accessible(page)
    page.locator("form[action$='/send/'] button").click()
    expect(page.locator("#report-state")).to_have_text("Sendt inn")
    assert_accessible(page)

    # The caseworker sees the sum on the round page, and returns the report with a reason.
    switch_user(page, login, cast.caseworker)
    page.goto(f"{base}/ordninger/runder/{round_.pk}/")
    expect(page.get_by_text("Meldte behov (første år)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Hvem som har meldt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meldte behov")
    assert_accessible(page)
    page.get_by_role("link", name="Bergen kommune").click()
    page.locator("#id_reason").fill("Skildre korleis PPT er med i tiltaket.")
    page.locator("form[action$='/returner/'] button").click()
    expect(page.locator("#report-state")).to_have_text("Returnert")
    assert_accessible(page)

    # The owner sees the reason and submits again.
    switch_user(page, login, cast.owner_rep)
    page.goto(f"{base}/behov/meldingar/{report.pk}/")
    reason = page.locator(".ds-alert", has_text="Skildre korleis PPT er med i tiltaket.")
    expect(reason).to_be_visible()
    page.locator("form[action$='/send/'] button").click()
    expect(page.locator("#report-state")).to_have_text("Sendt inn")

    # The caseworker accepts.
    switch_user(page, login, cast.caseworker)
    page.goto(f"{base}/behov/meldingar/{report.pk}/")
    page.locator("form[action$='/godkjenn/'] button").click()
    expect(page.locator("#report-state")).to_have_text("Godkjent")
    assert_accessible(page)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
