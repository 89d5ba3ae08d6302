"""The pages that register and change organisations outside the registers:
scoped to the office, one-time keys on the registration form, clear errors
for bad input and never a server error, and the import's organisations shown
as not changeable here."""

import pytest
from django.urls import reverse

from kompetansemidler.history.models import Event
from kompetansemidler.registry.models import Organisation, OrganisationKind, RegisterSource
from kompetansemidler.registry.numbers import organisation_number_from
from tests.factories import OrganisationFactory, municipality
from tests.support.keys import with_key

NEW_NUMBER = organisation_number_from(97230000)
CREATE = reverse("registry:organisation_create")


def form_data(**changes):
    data = {
        "organisation_number": NEW_NUMBER,
        "name": "VID vitenskapelige høgskole",
        "kind": "uh",
        "privately_owned": "on",
        "municipality": municipality("4601").pk,
        "campus_counties": [],
        "language_form": "nb",
        "email": "post@vid.example.no",
    }
    return {**data, **changes}


def test_a_caseworker_registers_a_college_through_the_page(cast, client_for):
    client = client_for(cast.caseworker)
    page = client.get(CREATE).content.decode()
    assert 'name="idempotency_key"' in page
    response = client.post(CREATE, with_key(form_data()))
    college = Organisation.objects.get(organisation_number=NEW_NUMBER)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "registry:organisation_detail", args=[college.organisation_number]
    )
    assert college.privately_owned and college.kind == OrganisationKind.UH
    detail = client.get(response["Location"]).content.decode()
    assert "Privat høgskole" in detail
    assert "registrerte organisasjonen" in detail


def test_the_same_form_sent_twice_registers_one_organisation(cast, client_for):
    client = client_for(cast.caseworker)
    data = with_key(form_data())
    first = client.post(CREATE, data)
    second = client.post(CREATE, data)
    assert first.status_code == second.status_code == 302
    assert Organisation.objects.filter(organisation_number=NEW_NUMBER).count() == 1
    assert Event.objects.filter(kind="organisation.registered").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"organisation_number": NEW_NUMBER[:8] + "x"}, "organisation_number", "ni siffer"),
        ({"organisation_number": "974760672"}, "organisation_number", "kontrollsifferet"),
        ({"organisation_number": "917641404"}, "organisation_number", "allerede registrert"),
        ({"name": "   "}, "name", "Oppgi navnet"),
        ({"municipality": ""}, "municipality", "Velg kommunen"),
        ({"municipality": "not-a-number"}, "municipality", "gyldig"),
        ({"kind": "municipality"}, "kind", "gyldig"),
    ],
)
def test_bad_input_is_shown_with_its_reason_and_nothing_is_saved(
    cast, client_for, changes, field, words
):
    response = client_for(cast.caseworker).post(CREATE, with_key(form_data(**changes)))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert words in page
    assert f'id="id_{field}_error"' in page
    assert Organisation.objects.count() == 4  # the cast's own


def test_a_caseworker_is_offered_only_her_offices_municipalities(cast, client_for):
    page = client_for(cast.caseworker).get(CREATE).content.decode()
    assert "Bergen" in page and "Stavanger" not in page
    response = client_for(cast.caseworker).post(
        CREATE, with_key(form_data(municipality=municipality("1103").pk))
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(organisation_number=NEW_NUMBER).exists()


@pytest.mark.parametrize("persona", ["owner_rep", "uh_rep", "forum_member", "outsider"])
def test_others_get_403_and_nothing_is_saved(cast, client_for, persona):
    response = client_for(getattr(cast, persona)).post(CREATE, with_key(form_data()))
    assert response.status_code == 403
    assert not Organisation.objects.filter(organisation_number=NEW_NUMBER).exists()


def edit_url(organisation):
    return reverse("registry:organisation_edit", args=[organisation.organisation_number])


def edit_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "municipality": organisation.municipality.pk,
        "language_form": organisation.language_form,
        "email": organisation.email,
        "is_active": "on",
        "loaded_at": organisation.updated_at.isoformat(),
    }
    return {**data, **changes}


def test_a_caseworker_changes_her_offices_college(cast, client_for):
    response = client_for(cast.caseworker).post(
        edit_url(cast.uh), edit_data(cast.uh, name="Høgskulen på Vestlandet (HVL)")
    )
    assert response.status_code == 302
    cast.uh.refresh_from_db()
    assert cast.uh.name == "Høgskulen på Vestlandet (HVL)"
    assert Event.objects.for_object(cast.uh).get().kind == "organisation.changed"


def test_a_caseworker_of_another_office_gets_403_on_the_edit_page(cast, client_for):
    client = client_for(cast.other_caseworker)
    assert client.get(edit_url(cast.uh)).status_code == 403
    response = client.post(edit_url(cast.uh), edit_data(cast.uh, name="Overteke"))
    assert response.status_code == 403
    cast.uh.refresh_from_db()
    assert cast.uh.name == "Høgskulen på Vestlandet"


def test_an_owner_gets_403_on_the_edit_page(cast, client_for):
    assert client_for(cast.owner_rep).get(edit_url(cast.uh)).status_code == 403


def test_an_unknown_number_is_404(cast, client_for):
    unknown = organisation_number_from(97240000)
    assert (
        client_for(cast.udir).get(reverse("registry:organisation_edit", args=[unknown])).status_code
        == 404
    )


def test_an_imported_organisation_says_why_it_cannot_be_changed_here(cast, client_for):
    imported = OrganisationFactory(
        name="Statleg skule", kind=OrganisationKind.OTHER, source=RegisterSource.NSR
    )
    client = client_for(cast.udir)
    detail = client.get(
        reverse("registry:organisation_detail", args=[imported.organisation_number])
    ).content.decode()
    assert "holdes oppdatert av registerimporten" in detail
    assert edit_url(imported) not in detail
    response = client.get(edit_url(imported))
    assert response.status_code == 403
    assert "registerimporten" in response.content.decode()


def test_an_edit_on_an_old_version_is_refused_with_the_reason(cast, client_for):
    client = client_for(cast.caseworker)
    stale = edit_data(cast.uh, name="Første")
    client.post(edit_url(cast.uh), edit_data(cast.uh, name="Andre"))
    response = client.post(edit_url(cast.uh), stale)
    assert response.status_code == 200
    assert "Noen andre lagret" in response.content.decode()
    cast.uh.refresh_from_db()
    assert cast.uh.name == "Andre"


def test_the_list_shows_only_the_offices_organisations(cast, client_for):
    OrganisationFactory(
        name="Universitetet i Stavanger",
        kind=OrganisationKind.UH,
        municipality=municipality("1103"),
    )
    page = (
        client_for(cast.caseworker).get(reverse("registry:organisation_keep_list")).content.decode()
    )
    assert "Høgskulen på Vestlandet" in page
    assert "Universitetet i Stavanger" not in page
    assert "Bergen kommune" not in page  # an owner: the registers keep it


def test_the_menu_offers_the_page_to_caseworkers_and_udir_only(cast, client_for):
    url = reverse("registry:organisation_keep_list")
    assert f'href="{url}"' in client_for(cast.caseworker).get("/").content.decode()
    assert f'href="{url}"' in client_for(cast.udir).get("/").content.decode()
    assert f'href="{url}"' not in client_for(cast.owner_rep).get("/").content.decode()
