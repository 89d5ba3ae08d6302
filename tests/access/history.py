"""Expected access to an object's history page."""

from kompetansemidler.history.services import event_record

from . import WITH_ROLE, Rule


def _owner_event(cast):
    """An event about Bergen kommune, a case of Statsforvalteren i Vestland."""
    event_record(
        actor=cast.caseworker,
        kind="role.granted",
        obj=cast.owner,
        summary="Changed",
        office=cast.vestland,
        organisation=cast.owner,
    )
    return {"app_label": "registry", "model": "organisation", "object_id": str(cast.owner.pk)}


RULES = {
    # The office's caseworker, the owner's representative, the network it is a
    # member of, the forum of its county and Udir; no one else.
    "history:object": Rule(
        frozenset({"udir", "caseworker", "owner_rep", "network_coordinator", "forum_member"}),
        kwargs=_owner_event,
    ),
    # Everyone with a role follows the events they may see (tests/history/test_event_feed.py).
    "api:events_feed": Rule(WITH_ROLE),
}
