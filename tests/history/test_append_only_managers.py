"""No manager Django uses for history events lets an update or delete through."""

import pytest

from kompetansemidler.history.models import Event, HistoryIsAppendOnly
from kompetansemidler.history.services import event_record


@pytest.fixture
def event(cast):
    return event_record(
        actor=cast.caseworker, kind="role.granted", obj=cast.owner, summary="Endret"
    )


def test_the_base_manager_refuses_updates_and_deletes(event):
    with pytest.raises(HistoryIsAppendOnly):
        Event._base_manager.filter(pk=event.pk).update(summary="Forfalsket")
    with pytest.raises(HistoryIsAppendOnly):
        Event._base_manager.filter(pk=event.pk).delete()
    with pytest.raises(HistoryIsAppendOnly):
        Event._base_manager.filter(pk=event.pk)._raw_delete(using="default")
    assert Event.objects.get(pk=event.pk).summary == "Endret"
    # Last: it breaks the surrounding transaction, as any failed write does.
    event.summary = "Forfalsket"
    with pytest.raises(HistoryIsAppendOnly):
        Event.objects.bulk_update([event], ["summary"])
