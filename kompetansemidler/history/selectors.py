"""Reading the case history, always scoped to the one who asks."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from kompetansemidler.accounts.models import Role, User
from kompetansemidler.accounts.policy import (
    caseworker_office_ids,
    is_national_admin,
    scope_ids,
)
from kompetansemidler.registry.models import Forum, Network, Unit

from .models import Event


def events_visible_to(user) -> QuerySet[Event]:
    """Events ``user`` may read.

    The national administrator reads everything; a caseworker reads the
    events of the office's cases; an owner or UH representative those about
    the organisation; a network coordinator those about the network's member
    owners; a forum member those about organisations in the forum's counties;
    a unit leader those about the unit. Everyone reads the events about their
    own account (the roles they were granted).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Event.objects.none()
    if is_national_admin(user):
        return Event.objects.all()
    own_account = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    condition = own_account
    offices = caseworker_office_ids(user)
    if offices:
        condition |= Q(office_id__in=offices)
    organisations = scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation") | scope_ids(
        user, Role.UH_REPRESENTATIVE, "organisation"
    )
    networks = scope_ids(user, Role.NETWORK_COORDINATOR, "network")
    if networks:
        organisations |= set(
            Network.members.through.objects.filter(network_id__in=networks).values_list(
                "organisation_id", flat=True
            )
        )
    if organisations:
        condition |= Q(organisation_id__in=organisations)
    forums = scope_ids(user, Role.FORUM_MEMBER, "forum")
    if forums:
        counties = Forum.counties.through.objects.filter(forum_id__in=forums).values("county_id")
        condition |= Q(organisation__county_id__in=counties)
    units = scope_ids(user, Role.UNIT_LEADER, "unit")
    if units:
        condition |= Q(
            content_type=ContentType.objects.get_for_model(Unit),
            object_id__in=[str(pk) for pk in units],
        )
    return Event.objects.filter(condition)
