"""Granting and revoking roles: who may, within which scope, and what is recorded."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kompetansemidler.accounts.models import Representation, Role, RoleGrant, User
from kompetansemidler.accounts.selectors import users_visible_to
from kompetansemidler.accounts.services import role_grant, role_revoke, user_invite
from kompetansemidler.core.workflow import STATE_REFUSED, ServiceRefused
from kompetansemidler.history.models import Event
from tests.factories import OrganisationFactory, UnitFactory, UserFactory, municipality
from tests.support.keys import with_key

pytestmark = pytest.mark.django_db


def test_caseworker_grants_a_role_in_own_office_and_the_event_has_before_and_after(cast):
    person = UserFactory()
    grant = role_grant(
        actor=cast.caseworker, user=person, role=Role.OWNER_REPRESENTATIVE, scope=cast.owner
    )
    event = Event.objects.for_object(person).get(kind="role.granted")
    assert event.actor == cast.caseworker
    assert event.office == cast.vestland and event.organisation == cast.owner
    assert event.before["active"] is False and event.after["active"] is True
    assert event.after["scope"] == "Bergen kommune"
    assert grant.granted_by == cast.caseworker


def test_caseworker_cannot_grant_in_another_office_and_is_told_why(cast):
    person = UserFactory()
    with pytest.raises(PermissionDenied) as refused:
        role_grant(
            actor=cast.other_caseworker,
            user=person,
            role=Role.OWNER_REPRESENTATIVE,
            scope=cast.owner,
        )
    assert "Bergen kommune" in str(refused.value)
    assert "Statsforvalteren i Vestland" in str(refused.value)
    assert not RoleGrant.objects.filter(user=person).exists()
    assert not Event.objects.for_object(person).exists()


def test_caseworker_grants_for_forum_network_unit_and_the_office_itself(cast):
    person = UserFactory()
    role_grant(
        actor=cast.caseworker,
        user=person,
        role=Role.FORUM_MEMBER,
        scope=cast.forum,
        representation=Representation.UH,
    )
    role_grant(
        actor=cast.caseworker, user=person, role=Role.NETWORK_COORDINATOR, scope=cast.network
    )
    role_grant(actor=cast.caseworker, user=person, role=Role.UNIT_LEADER, scope=cast.unit)
    colleague = UserFactory()
    role_grant(actor=cast.caseworker, user=colleague, role=Role.CASEWORKER, scope=cast.vestland)
    assert person.role_grants.active().count() == 3
    assert colleague.role_grants.active().count() == 1


def test_caseworker_cannot_grant_a_unit_in_another_office(cast):
    stavanger_unit = UnitFactory(owner=cast.rogaland_owner, municipality=municipality("1103"))
    with pytest.raises(PermissionDenied):
        role_grant(
            actor=cast.caseworker, user=UserFactory(), role=Role.UNIT_LEADER, scope=stavanger_unit
        )


def test_only_udir_grants_the_national_administrator_role(cast):
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        role_grant(actor=cast.caseworker, user=person, role=Role.NATIONAL_ADMIN)
    role_grant(actor=cast.udir, user=person, role=Role.NATIONAL_ADMIN)
    assert person.role_grants.active().get().role == Role.NATIONAL_ADMIN


@pytest.mark.parametrize("persona", ["owner_rep", "forum_member", "unit_leader", "outsider"])
def test_other_roles_cannot_grant_at_all(cast, persona):
    with pytest.raises(PermissionDenied):
        role_grant(
            actor=getattr(cast, persona), user=UserFactory(), role=Role.UNIT_LEADER, scope=cast.unit
        )


def test_wrong_scope_kind_missing_representation_and_duplicates_are_refused(cast):
    person = UserFactory()
    with pytest.raises(ValidationError) as error:
        role_grant(actor=cast.caseworker, user=person, role=Role.UNIT_LEADER, scope=cast.owner)
    assert error.value.error_dict["scope"][0].code == "scope_mismatch"
    with pytest.raises(ValidationError) as error:
        role_grant(actor=cast.caseworker, user=person, role=Role.FORUM_MEMBER, scope=cast.forum)
    assert "representation" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        role_grant(
            actor=cast.caseworker, user=person, role=Role.UH_REPRESENTATIVE, scope=cast.owner
        )
    assert error.value.error_dict["scope"][0].code == "not_uh"
    role_grant(actor=cast.caseworker, user=person, role=Role.UNIT_LEADER, scope=cast.unit)
    with pytest.raises(ValidationError) as error:
        role_grant(actor=cast.caseworker, user=person, role=Role.UNIT_LEADER, scope=cast.unit)
    assert error.value.code == "already_granted"


def test_revoke_keeps_the_grant_and_records_who_and_when(cast):
    grant = cast.owner_rep.role_grants.active().get()
    role_revoke(actor=cast.caseworker, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_by == cast.caseworker and grant.revoked_at is not None
    event = Event.objects.for_object(cast.owner_rep).get(kind="role.revoked")
    assert event.before["active"] is True and event.after["active"] is False
    with pytest.raises(ServiceRefused) as refused:
        role_revoke(actor=cast.caseworker, grant=grant)
    assert refused.value.code == STATE_REFUSED
    assert Event.objects.for_object(cast.owner_rep).filter(kind="role.revoked").count() == 1


def test_revoking_a_revoked_role_again_says_so_and_changes_nothing(cast, client_for):
    grant = cast.owner_rep.role_grants.active().get()
    role_revoke(actor=cast.caseworker, grant=grant)
    grant.refresh_from_db()
    revoked_at = grant.revoked_at
    response = client_for(cast.caseworker).post(
        reverse("accounts:grant_revoke", args=[grant.pk]), follow=True
    )
    assert "Denne rollen er allerede trukket tilbake." in response.content.decode()
    grant.refresh_from_db()
    assert grant.revoked_at == revoked_at


def test_other_office_cannot_revoke(cast):
    grant = cast.owner_rep.role_grants.active().get()
    with pytest.raises(PermissionDenied):
        role_revoke(actor=cast.other_caseworker, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_users_visible_to_is_scoped_to_the_office(cast):
    vestland = set(users_visible_to(cast.caseworker))
    rogaland = set(users_visible_to(cast.other_caseworker))
    assert {cast.owner_rep, cast.forum_member, cast.unit_leader, cast.uh_rep} <= vestland
    assert cast.owner_rep not in rogaland and cast.other_caseworker in rogaland
    assert set(users_visible_to(cast.owner_rep)) == {cast.owner_rep}
    assert users_visible_to(cast.udir).count() == User.objects.count()


def test_invited_user_has_no_password_no_role_and_is_visible_to_the_office(cast):
    person = user_invite(
        actor=cast.caseworker,
        first_name="Kari",
        last_name="Nordmann",
        email="kari@bergen.kommune.no",
    )
    assert not person.has_usable_password()
    assert not person.role_grants.exists()
    assert person.invited_by_office == cast.vestland
    assert person in users_visible_to(cast.caseworker)
    assert person not in users_visible_to(cast.other_caseworker)
    assert Event.objects.for_object(person).get().kind == "user.invited"
    with pytest.raises(ValidationError):
        user_invite(
            actor=cast.other_caseworker,
            first_name="K",
            last_name="N",
            email="KARI@bergen.kommune.no",
        )


# --- the pages ---


def test_invite_page_creates_the_user_and_mails_a_link_to_set_a_password(cast, client_for):
    client = client_for(cast.caseworker)
    response = client.post(
        "/konto/brukere/ny/",
        {
            "first_name": "Kari",
            "last_name": "Nordmann",
            "email": "kari@bergen.kommune.no",
            "office": cast.vestland.pk,
        },
    )
    person = User.objects.get(email="kari@bergen.kommune.no")
    assert response.status_code == 302 and response["Location"] == f"/konto/brukere/{person.pk}/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kari@bergen.kommune.no"]
    assert "/konto/passord/" in mail.outbox[0].body


def test_invite_page_keeps_what_was_typed_on_error(cast, client_for):
    response = client_for(cast.caseworker).post(
        "/konto/brukere/ny/",
        {
            "first_name": "Kari",
            "last_name": "Nordmann",
            "email": cast.owner_rep.email,
            "office": cast.vestland.pk,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Det finnes allerede en bruker med denne e-postadressen." in page
    assert 'value="Nordmann"' in page


def test_grant_page_offers_only_scopes_of_own_office(cast, client_for):
    response = client_for(cast.caseworker).get(f"/konto/brukere/{cast.owner_rep.pk}/roller/ny/")
    page = response.content.decode()
    assert "Samarbeidsforum Vestland" in page and "Bergen kommune" in page
    assert "Samarbeidsforum Rogaland" not in page and "Stavanger kommune" not in page
    assert "Nasjonal administrator (Udir)" not in page


def test_grant_page_refuses_a_scope_from_another_office_posted_by_hand(cast, client_for):
    response = client_for(cast.caseworker).post(
        f"/konto/brukere/{cast.owner_rep.pk}/roller/ny/",
        with_key(
            {
                "role": Role.FORUM_MEMBER,
                "scope": f"forum:{cast.other_forum.pk}",
                "representation": Representation.KS,
            }
        ),
    )
    assert response.status_code == 200
    assert "Velg et omfang fra listen." in response.content.decode()
    assert not cast.owner_rep.role_grants.filter(forum=cast.other_forum).exists()


def test_grant_and_revoke_through_the_pages_show_in_the_role_history(cast, client_for):
    client = client_for(cast.caseworker)
    url = f"/konto/brukere/{cast.owner_rep.pk}/"
    response = client.post(
        url + "roller/ny/",
        with_key(
            {
                "role": Role.FORUM_MEMBER,
                "scope": f"forum:{cast.forum.pk}",
                "representation": Representation.PUBLIC_OWNER,
            }
        ),
    )
    assert response.status_code == 302
    grant = cast.owner_rep.role_grants.active().get(role=Role.FORUM_MEMBER)
    response = client.post(f"/konto/roller/{grant.pk}/trekk-tilbake/")
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "ga en rolle" in page and "trakk tilbake en rolle" in page
    assert "Tilbaketrukne roller" in page


def test_other_office_caseworker_gets_403_with_reason_on_the_user_page(cast, client_for):
    response = client_for(cast.other_caseworker).get(f"/konto/brukere/{cast.owner_rep.pk}/")
    assert response.status_code == 403
    assert "har ingen rolle under ditt embete" in response.content.decode()


def test_outsider_gets_403_with_reason_on_the_user_list(cast, client_for):
    response = client_for(cast.outsider).get("/konto/brukere/")
    assert response.status_code == 403
    assert "bare saksbehandlere hos Statsforvalteren" in response.content.decode()


def test_user_list_is_scoped_and_filters_users_without_a_role(cast, client_for):
    invited = user_invite(
        actor=cast.caseworker, first_name="Ny", last_name="Person", email="ny@example.no"
    )
    client = client_for(cast.caseworker)
    page = client.get("/konto/brukere/").content.decode()
    assert "Eirik Eier" in page and "Rolf Rogaland" not in page
    only_new = client.get("/konto/brukere/?uten-rolle=1").content.decode()
    assert str(invited) in only_new and "Eirik Eier" not in only_new


def test_organisation_without_county_is_granted_only_by_udir(cast):
    loose = OrganisationFactory(municipality=None, county=None, kind="municipality")
    with pytest.raises(PermissionDenied):
        role_grant(
            actor=cast.caseworker, user=UserFactory(), role=Role.OWNER_REPRESENTATIVE, scope=loose
        )


def test_a_grant_form_sent_twice_is_answered_with_the_first_grant(cast, client_for):
    client = client_for(cast.caseworker)
    url = f"/konto/brukere/{cast.owner_rep.pk}/roller/ny/"
    data = with_key(role=Role.FORUM_MEMBER, scope=f"forum:{cast.forum.pk}", representation="ks")
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] and second["Idempotent-Replayed"] == "true"
    assert cast.owner_rep.role_grants.active().filter(role=Role.FORUM_MEMBER).count() == 1
    assert "Dette skjemaet var allerede sendt" in client.get(second["Location"]).content.decode()


def test_a_grant_posted_without_its_key_is_refused_and_grants_nothing(cast, client_for):
    response = client_for(cast.caseworker).post(
        f"/konto/brukere/{cast.owner_rep.pk}/roller/ny/",
        {"role": Role.FORUM_MEMBER, "scope": f"forum:{cast.forum.pk}", "representation": "ks"},
    )
    assert response.status_code == 400
    assert not cast.owner_rep.role_grants.filter(role=Role.FORUM_MEMBER).exists()


def test_the_grant_form_carries_a_one_time_key(cast, client_for):
    page = client_for(cast.caseworker).get(f"/konto/brukere/{cast.owner_rep.pk}/roller/ny/")
    assert 'name="idempotency_key"' in page.content.decode()


def test_an_invitation_whose_link_cannot_be_made_leaves_no_account_behind(
    cast, client_for, monkeypatch
):
    def broken(**_kwargs):
        raise RuntimeError("the link could not be stored")

    # Wherever the page takes it from, making the link fails after the account is made.
    monkeypatch.setattr("kompetansemidler.accounts.invitations.invitation_create", broken)
    monkeypatch.setattr("kompetansemidler.accounts.views.invitation_create", broken)
    with pytest.raises(RuntimeError):
        client_for(cast.caseworker).post(
            "/konto/brukere/ny/",
            {
                "first_name": "Kari",
                "last_name": "Nordmann",
                "email": "kari@bergen.kommune.no",
                "office": cast.vestland.pk,
            },
        )
    assert not User.objects.filter(email="kari@bergen.kommune.no").exists()
