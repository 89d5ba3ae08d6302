"""Nobody grants themselves a role or a forum seat, and nobody holds a caseworker
role and a role on the other side of a case in the same office's area."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kompetansemidler.accounts.models import Representation, Role, RoleGrant
from kompetansemidler.accounts.services import role_grant, role_revoke
from kompetansemidler.forums.models import ForumMember
from kompetansemidler.forums.services import forum_member_add
from kompetansemidler.history.models import Event
from tests.factories import UserFactory
from tests.support.keys import with_key

pytestmark = pytest.mark.django_db


def refused_code(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return next(iter(error.error_dict.values()))[0].code
    return error.error_list[0].code


@pytest.mark.parametrize(
    ("role", "scope", "representation"),
    [
        (Role.OWNER_REPRESENTATIVE, "owner", ""),
        (Role.FORUM_MEMBER, "forum", Representation.PUBLIC_OWNER),
        (Role.NETWORK_COORDINATOR, "network", ""),
        (Role.UNIT_LEADER, "unit", ""),
    ],
)
def test_caseworker_cannot_grant_herself_a_role(cast, role, scope, representation):
    with pytest.raises(ValidationError) as refused:
        role_grant(
            actor=cast.caseworker,
            user=cast.caseworker,
            role=role,
            scope=getattr(cast, scope),
            representation=representation,
        )
    assert refused_code(refused.value) == "self_grant"
    assert cast.caseworker.role_grants.active().count() == 1


def test_national_administrator_cannot_grant_herself_a_role_either(cast):
    with pytest.raises(ValidationError) as refused:
        role_grant(actor=cast.udir, user=cast.udir, role=Role.CASEWORKER, scope=cast.vestland)
    assert refused_code(refused.value) == "self_grant"


@pytest.mark.parametrize(
    ("role", "scope", "representation"),
    [
        (Role.OWNER_REPRESENTATIVE, "owner", ""),
        (Role.FORUM_MEMBER, "forum", Representation.PUBLIC_OWNER),
        (Role.NETWORK_COORDINATOR, "network", ""),
    ],
)
def test_a_caseworker_cannot_be_granted_the_other_side_in_her_office_area(
    cast, role, scope, representation
):
    """The attack: Udir (or a colleague) grants siri a role she would decide for."""
    with pytest.raises(ValidationError) as refused:
        role_grant(
            actor=cast.udir,
            user=cast.caseworker,
            role=role,
            scope=getattr(cast, scope),
            representation=representation,
        )
    assert refused_code(refused.value) == "caseworker_also_party"
    assert "Statsforvalteren i Vestland" in refused.value.messages[0]
    assert not cast.caseworker.role_grants.active().exclude(role=Role.CASEWORKER).exists()


def test_the_other_side_in_another_office_area_and_the_secretariat_seat_are_allowed(cast):
    role_grant(
        actor=cast.udir,
        user=cast.caseworker,
        role=Role.OWNER_REPRESENTATIVE,
        scope=cast.rogaland_owner,
    )
    role_grant(
        actor=cast.udir,
        user=cast.caseworker,
        role=Role.FORUM_MEMBER,
        scope=cast.forum,
        representation=Representation.SECRETARIAT,
    )
    assert cast.caseworker.role_grants.active().count() == 3


def test_an_owner_representative_cannot_become_caseworker_in_the_same_office_area(cast):
    with pytest.raises(ValidationError) as refused:
        role_grant(actor=cast.udir, user=cast.owner_rep, role=Role.CASEWORKER, scope=cast.vestland)
    assert refused_code(refused.value) == "party_also_caseworker"
    assert "Bergen kommune" in refused.value.messages[0]
    # In another office's area nothing conflicts.
    role_grant(actor=cast.udir, user=cast.owner_rep, role=Role.CASEWORKER, scope=cast.rogaland)


def test_after_revoking_the_other_side_the_caseworker_role_may_be_granted(cast):
    grant = cast.network_coordinator.role_grants.active().get()
    with pytest.raises(ValidationError):
        role_grant(
            actor=cast.udir,
            user=cast.network_coordinator,
            role=Role.CASEWORKER,
            scope=cast.vestland,
        )
    role_revoke(actor=cast.udir, grant=grant)
    role_grant(
        actor=cast.udir, user=cast.network_coordinator, role=Role.CASEWORKER, scope=cast.vestland
    )
    events = Event.objects.for_object(cast.network_coordinator).values_list("kind", "actor")
    assert set(events) == {("role.revoked", cast.udir.pk), ("role.granted", cast.udir.pk)}


def test_the_grant_page_shows_why_a_self_grant_is_refused(cast, client_for):
    response = client_for(cast.caseworker).post(
        f"/konto/brukere/{cast.caseworker.pk}/roller/ny/",
        with_key({"role": Role.OWNER_REPRESENTATIVE, "scope": f"organisation:{cast.owner.pk}"}),
    )
    assert response.status_code == 200
    assert "Ingen kan gi seg selv en rolle" in response.content.decode()
    assert cast.caseworker.role_grants.active().count() == 1


def test_two_identical_active_grants_cannot_exist_even_past_the_service(cast):
    """The unique constraint behind the locked check: a double submission that
    reaches the database twice leaves one grant."""
    person = UserFactory()
    role_grant(actor=cast.caseworker, user=person, role=Role.UNIT_LEADER, scope=cast.unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=person, role=Role.UNIT_LEADER, unit=cast.unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=cast.udir, role=Role.NATIONAL_ADMIN)
    assert person.role_grants.active().count() == 1


def test_a_revoked_grant_does_not_block_granting_it_again(cast):
    grant = cast.unit_leader.role_grants.active().get()
    role_revoke(actor=cast.caseworker, grant=grant)
    role_grant(actor=cast.caseworker, user=cast.unit_leader, role=Role.UNIT_LEADER, scope=cast.unit)
    assert cast.unit_leader.role_grants.filter(role=Role.UNIT_LEADER).count() == 2


# --- forum seats ---


def seat(cast, *, actor, user, votes=True, representation="public_owner", organisation=None):
    return forum_member_add(
        actor=actor,
        forum=cast.forum,
        name=str(user),
        representation=representation,
        organisation=organisation if organisation is not None else cast.owner,
        user=user,
        votes=votes,
        period_from=date(2025, 1, 1),
    )


def test_caseworker_cannot_give_herself_a_voting_seat(cast):
    with pytest.raises(ValidationError) as refused:
        seat(cast, actor=cast.caseworker, user=cast.caseworker)
    assert refused.value.error_dict["user"][0].code == "self_grant"
    assert not ForumMember.objects.filter(user=cast.caseworker).exists()


def test_a_caseworker_of_the_forum_office_gets_no_vote_even_from_a_colleague(cast):
    colleague = UserFactory()
    RoleGrant.objects.create(user=colleague, role=Role.CASEWORKER, office=cast.vestland)
    with pytest.raises(ValidationError) as refused:
        seat(cast, actor=colleague, user=cast.caseworker)
    assert refused.value.error_dict["user"][0].code == "caseworker_votes"
    # As the secretariat, without a vote, she may sit.
    member = seat(
        cast, actor=colleague, user=cast.caseworker, votes=False, representation="secretariat"
    )
    assert member.user == cast.caseworker and not member.votes


def test_a_forum_member_is_seated_by_a_caseworker(cast):
    member = seat(cast, actor=cast.caseworker, user=cast.forum_member)
    assert member.user == cast.forum_member and member.votes


def test_a_grant_that_loses_the_race_is_refused_with_the_reason_not_a_crash(cast, monkeypatch):
    """Two submissions that both pass the checks: the second insert hits the
    unique constraint and is refused as already granted."""
    person = UserFactory()
    role_grant(actor=cast.caseworker, user=person, role=Role.UNIT_LEADER, scope=cast.unit)
    monkeypatch.setattr(
        "kompetansemidler.accounts.services._validate_grant", lambda *args, **kwargs: None
    )
    with pytest.raises(ValidationError) as refused:
        role_grant(actor=cast.caseworker, user=person, role=Role.UNIT_LEADER, scope=cast.unit)
    assert refused.value.code == "already_granted"
    assert person.role_grants.active().count() == 1


def test_a_voting_forum_seat_blocks_the_caseworker_role_in_that_office(cast):
    """Even a seat whose forum member role was revoked still votes; it counts."""
    person = UserFactory()
    seat(cast, actor=cast.caseworker, user=person)
    with pytest.raises(ValidationError) as refused:
        role_grant(actor=cast.udir, user=person, role=Role.CASEWORKER, scope=cast.vestland)
    assert refused_code(refused.value) == "party_also_caseworker"
    assert "Samarbeidsforum Vestland" in refused.value.messages[0]
    role_grant(actor=cast.udir, user=person, role=Role.CASEWORKER, scope=cast.rogaland)
