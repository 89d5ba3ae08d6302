"""Scoped reads: every list of plans, partnerships and reports starts here.

Each selector takes the user and returns only what the user's active role
grants let it see. A user with several roles sees the union.
"""

from django.db.models import Q, QuerySet

from kompetansemidler.accounts.models import Role
from kompetansemidler.accounts.policy import (
    caseworker_office_ids,
    is_national_admin,
    scope_ids,
)
from kompetansemidler.registry.models import Forum, Network, Organisation, Unit

from .models import LocalPlan, NeedsReport, Partnership, ReportState

NOTHING = Q(pk__in=[])
# Drafts belong to their author until submitted; the state administrator and
# the forum see what was sent to them.
SENT = (ReportState.SUBMITTED, ReportState.RETURNED, ReportState.ACCEPTED)
FORUM_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)


def _forum_office_ids(user) -> set[int]:
    forum_ids = scope_ids(user, Role.FORUM_MEMBER, "forum")
    if not forum_ids:
        return set()
    return set(Forum.objects.filter(pk__in=forum_ids).values_list("office_id", flat=True))


def _office_county_q(office_ids, prefix: str) -> Q:
    """Organisations (at ``prefix``) located in the counties of the given offices."""
    if not office_ids:
        return NOTHING
    return Q(**{f"{prefix}county__office__in": office_ids})


def _unit_owner_ids(user) -> set[int]:
    unit_ids = scope_ids(user, Role.UNIT_LEADER, "unit")
    if not unit_ids:
        return set()
    return set(Unit.objects.filter(pk__in=unit_ids).values_list("owner_id", flat=True))


def _network_member_ids(user) -> set[int]:
    network_ids = scope_ids(user, Role.NETWORK_COORDINATOR, "network")
    if not network_ids:
        return set()
    return set(Organisation.objects.filter(networks__in=network_ids).values_list("pk", flat=True))


def owners_writable_by(user) -> QuerySet[Organisation]:
    """The owners the user writes plans, partnerships and reports for."""
    return Organisation.objects.filter(
        pk__in=scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation")
    )


def networks_coordinated_by(user) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=scope_ids(user, Role.NETWORK_COORDINATOR, "network"))


def networks_visible_to(user) -> QuerySet[Network]:
    if is_national_admin(user):
        return Network.objects.all()
    offices = caseworker_office_ids(user) | _forum_office_ids(user)
    condition = (
        Q(pk__in=scope_ids(user, Role.NETWORK_COORDINATOR, "network"))
        | Q(members__in=scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation"))
        | Q(office__in=offices)
    )
    return Network.objects.filter(condition).distinct()


def local_plans_visible_to(user) -> QuerySet[LocalPlan]:
    if is_national_admin(user):
        return LocalPlan.objects.all()
    offices = caseworker_office_ids(user) | _forum_office_ids(user)
    owner_ids = (
        scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation")
        | _unit_owner_ids(user)
        | _network_member_ids(user)
    )
    uh_ids = scope_ids(user, Role.UH_REPRESENTATIVE, "organisation")
    condition = (
        Q(owner__in=owner_ids)
        | _office_county_q(offices, "owner__")
        | _linked_from_round_q(caseworker_office_ids(user), SENT)
        | _linked_from_round_q(_forum_office_ids(user), FORUM_STATES)
    )
    if uh_ids:
        condition |= Q(owner__owner_partnerships__institutions__in=uh_ids)
    return LocalPlan.objects.filter(condition).distinct()


def _linked_from_round_q(office_ids, states) -> Q:
    """Plans a report (or one of its measures) sent to a round of these offices
    links to, wherever the owner is seated: only through such a link."""
    if not office_ids:
        return NOTHING
    return Q(needs_reports__round__office__in=office_ids, needs_reports__state__in=states) | Q(
        proposed_measures__report__round__office__in=office_ids,
        proposed_measures__report__state__in=states,
    )


def partnerships_visible_to(user) -> QuerySet[Partnership]:
    if is_national_admin(user):
        return Partnership.objects.all()
    offices = caseworker_office_ids(user) | _forum_office_ids(user)
    owner_ids = (
        scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation")
        | _unit_owner_ids(user)
        | _network_member_ids(user)
    )
    condition = (
        Q(owners__in=owner_ids)
        | Q(institutions__in=scope_ids(user, Role.UH_REPRESENTATIVE, "organisation"))
        | _office_county_q(offices, "owners__")
    )
    return Partnership.objects.filter(condition).distinct()


def needs_reports_visible_to(user) -> QuerySet[NeedsReport]:
    """Reports the user may read.

    The authors — the owner's representatives, and the network coordinators
    for the network's joint reports — read them in every state, drafts
    included. Everyone else reads only what was sent (a draft is its author's
    until it is submitted): UH representatives the reports naming their
    institution as partner, unit leaders the reports involving their unit,
    caseworkers the reports of their office's rounds, Udir all of them, forum
    members the submitted and accepted reports of their forum's office.
    """
    if is_national_admin(user):
        return NeedsReport.objects.filter(state__in=SENT)
    uh_ids = scope_ids(user, Role.UH_REPRESENTATIVE, "organisation")
    condition = (
        Q(owner__in=scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation"))
        | Q(network__in=scope_ids(user, Role.NETWORK_COORDINATOR, "network"))
        | Q(units__in=scope_ids(user, Role.UNIT_LEADER, "unit"), state__in=SENT)
        | Q(round__office__in=caseworker_office_ids(user), state__in=SENT)
        | Q(round__office__in=_forum_office_ids(user), state__in=FORUM_STATES)
    )
    if uh_ids:
        condition |= (Q(uh_partners__in=uh_ids) | Q(partnership__institutions__in=uh_ids)) & Q(
            state__in=SENT
        )
    return NeedsReport.objects.filter(condition).distinct()


def needs_reports_writable_by(user) -> QuerySet[NeedsReport]:
    """Reports the user writes: its organisation's own, or its network's joint ones."""
    return NeedsReport.objects.filter(
        Q(owner__in=scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation"))
        | Q(network__in=scope_ids(user, Role.NETWORK_COORDINATOR, "network"))
    )


def needs_reports_reopenable_by(user) -> QuerySet[NeedsReport]:
    """Unsent reports in the caseworker's office's rounds, for reopening only (not reading)."""
    return NeedsReport.objects.filter(
        round__office__in=caseworker_office_ids(user),
        state__in=(ReportState.DRAFT, ReportState.RETURNED),
    )
