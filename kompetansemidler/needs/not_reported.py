"""Who has not reported needs yet in a round open for needs, and reminding them.

An owner concerned by a round has active units of the scheme's kind in the
round's office's counties; a network concerned is one of the office's active
networks. Either has "not reported" while it has no sent report in the round
(an owner in a network that reported jointly has reported).
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from kompetansemidler.accounts.models import Role, RoleGrant
from kompetansemidler.registry.models import OWNER_KINDS, Network, Organisation, UnitKind
from kompetansemidler.schemes.models import Round, SchemeCode

from .models import NeedsReport, Reminder
from .reminders import remind
from .selectors import SENT

# Kompetanseløftet concerns kindergartens and schools alike.
UNIT_KINDS = {
    SchemeCode.KINDERGARTEN: (UnitKind.KINDERGARTEN,),
    SchemeCode.SCHOOL: (UnitKind.SCHOOL,),
}
DEADLINE = "needs_deadline"


@dataclass(frozen=True)
class NotReported:
    owners: QuerySet[Organisation]
    networks: QuerySet[Network]


def not_reported(round_: Round) -> NotReported:
    sent = NeedsReport.objects.filter(round=round_, state__in=SENT)
    kinds = UNIT_KINDS.get(round_.scheme.code, tuple(UnitKind.values))
    concerned = Organisation.objects.filter(
        kind__in=OWNER_KINDS,
        is_active=True,
        units__is_active=True,
        units__kind__in=kinds,
        units__municipality__county__office=round_.office_id,
    )
    owners = (
        Organisation.objects.filter(pk__in=concerned.values("pk"))
        .exclude(pk__in=sent.filter(owner__isnull=False).values("owner_id"))
        .exclude(networks__needs_reports__in=sent.filter(network__isnull=False))
        .order_by("name")
    )
    networks = (
        Network.objects.filter(office=round_.office_id, is_active=True)
        .exclude(needs_reports__in=sent)
        .select_related("coordinator")
        .order_by("name")
    )
    return NotReported(owners, networks)


def recipients(missing: NotReported):
    """The owner representatives and network coordinators of those not reported."""
    for grant in (
        RoleGrant.objects.active()
        .filter(
            role=Role.OWNER_REPRESENTATIVE,
            organisation__in=missing.owners.values("pk"),
            user__is_active=True,
        )
        .select_related("user", "organisation")
    ):
        yield grant.user, grant.organisation
    for grant in (
        RoleGrant.objects.active()
        .filter(
            role=Role.NETWORK_COORDINATOR,
            network__in=missing.networks.values("pk"),
            user__is_active=True,
        )
        .select_related("user", "network__coordinator")
    ):
        yield grant.user, grant.network.coordinator


def remind_not_reported(round_: Round) -> list[Reminder]:
    """Remind everyone who has not reported of the needs deadline, once each."""
    return remind(round_, DEADLINE, recipients(not_reported(round_)))


def reminded(round_: Round, missing: NotReported) -> tuple[set[int], set[int]]:
    """The owners and networks among ``missing`` whose representative or coordinator
    has been reminded of the needs deadline: (owner ids, network ids)."""
    users = Reminder.objects.filter(round=round_, deadline=DEADLINE).values("recipient_id")
    grants = RoleGrant.objects.active().filter(user__in=users)
    owners = grants.filter(
        role=Role.OWNER_REPRESENTATIVE, organisation__in=missing.owners.values("pk")
    ).values_list("organisation_id", flat=True)
    networks = grants.filter(
        role=Role.NETWORK_COORDINATOR, network__in=missing.networks.values("pk")
    ).values_list("network_id", flat=True)
    return set(owners), set(networks)
