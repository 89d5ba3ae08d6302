"""Local plans (versioned by period, stale saves refused) and partnerships with UH."""

from django.core.files.uploadedfile import SimpleUploadedFile

from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import LocalPlan, Partnership

PLAN = {
    "title": "Kompetanseplan",
    "period_start": "2026",
    "period_end": "2029",
    "priorities": "Språk",
    "target_groups": "Alle tilsette",
    "measures": "Nettverk",
    "participants": "Alle",
    "working_methods": "Lærande møte",
    "use_of_funds": "Vikar",
    "planned_evaluation": "Årleg",
    "goal_assessment": "Saman med personalet",
    "duration": "Fire år",
    "lock_version": "",
}


def test_an_owner_writes_a_plan_and_a_new_period_keeps_the_old_version(cast, client_for):
    client = client_for(cast.owner_rep)
    response = client.post("/behov/planar/ny/", PLAN)
    first = LocalPlan.objects.get(owner=cast.owner)
    assert response["Location"] == f"/behov/planar/{first.pk}/"
    assert Event.objects.for_object(first).get().kind == "local_plan.created"
    client.post(
        f"/behov/planar/{first.pk}/ny-versjon/", {"period_start": "2030", "period_end": "2033"}
    )
    second = LocalPlan.objects.get(owner=cast.owner, version=2)
    assert (second.period_start, second.priorities, second.previous) == (2030, "Språk", first)
    old = client.get(f"/behov/planar/{first.pk}/")
    assert old.status_code == 200 and "2026–2029" in old.content.decode()
    assert f"/behov/planar/{second.pk}/" in old.content.decode()


def test_a_plan_period_that_ends_before_it_starts_is_refused_and_nothing_is_lost(cast, client_for):
    response = client_for(cast.owner_rep).post("/behov/planar/ny/", {**PLAN, "period_end": "2020"})
    assert response.status_code == 200
    assert "Siste år kan ikke være før første år." in response.content.decode()
    assert "Lærande møte" in response.content.decode()
    assert not LocalPlan.objects.exists()


def test_a_stale_plan_save_is_refused_and_shows_the_other_text(cast, client_for, plan):
    client = client_for(cast.owner_rep)
    opened = {**PLAN, "priorities": "Mine prioriteringar", "lock_version": "1"}
    LocalPlan.objects.filter(pk=plan.pk).update(priorities="Kollegaen sine", lock_version=2)
    response = client.post(f"/behov/planar/{plan.pk}/endre/", opened)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kollegaen sine" in content and "Mine prioriteringar" in content
    assert LocalPlan.objects.get(pk=plan.pk).priorities == "Kollegaen sine"
    # Saving again on purpose, with the version now shown, replaces it.
    client.post(f"/behov/planar/{plan.pk}/endre/", {**opened, "lock_version": "2"})
    assert LocalPlan.objects.get(pk=plan.pk).priorities == "Mine prioriteringar"


def test_another_owner_cannot_edit_the_plan(cast, client_for, plan):
    client = client_for(cast.other_owner_rep)
    assert client.post(f"/behov/planar/{plan.pk}/endre/", PLAN).status_code == 403
    assert LocalPlan.objects.get(pk=plan.pk).title == "Kompetanseplan Bergen"


PARTNERSHIP = {
    "name": "Bergen og HVL",
    "period_start": "2026",
    "period_end": "2029",
    "contacts": "Kari Nordmann",
    "agreement_text": "Vi samarbeider.",
}


def test_an_owner_forms_a_partnership_with_a_uh(cast, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client_for(cast.owner_rep).post(
        "/behov/partnarskap/ny/",
        {
            **PARTNERSHIP,
            "owners": [cast.owner.pk],
            "institutions": [cast.uh.pk],
            "agreement_file": SimpleUploadedFile("avtale.pdf", b"%PDF-1.4"),
        },
    )
    partnership = Partnership.objects.get()
    assert response["Location"] == f"/behov/partnarskap/{partnership.pk}/"
    assert list(partnership.institutions.all()) == [cast.uh]
    assert partnership.agreement_file.name.endswith(".pdf")


def test_a_partnership_needs_one_of_your_own_owners_and_a_safe_file(cast, client_for):
    response = client_for(cast.owner_rep).post(
        "/behov/partnarskap/ny/",
        {
            **PARTNERSHIP,
            "owners": [cast.other_owner.pk],
            "institutions": [cast.uh.pk],
            "agreement_file": SimpleUploadedFile("avtale.exe", b"MZ"),
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ta med minst én av eierne du representerer." in content
    assert set(response.context["form"].errors) == {"owners", "agreement_file"}
    assert "Kari Nordmann" in content
    assert not Partnership.objects.exists()


def test_an_agreement_file_over_the_size_limit_is_refused(cast, client_for, monkeypatch):
    monkeypatch.setattr("kompetansemidler.needs.models.AGREEMENT_MAX_BYTES", 3)
    response = client_for(cast.owner_rep).post(
        "/behov/partnarskap/ny/",
        {
            **PARTNERSHIP,
            "owners": [cast.owner.pk],
            "institutions": [cast.uh.pk],
            "agreement_file": SimpleUploadedFile("avtale.pdf", b"%PDF-1.4"),
        },
    )
    assert response.context["form"].errors["agreement_file"]
    assert not Partnership.objects.exists()
