"""The same role granted five times at the same moment against a live server on
PostgreSQL: one active grant, one history event. Five tabs (five keys): the
other presses told why; one form sent five times (one key): every press
answered with the first one's result."""

import pytest
from django.urls import reverse

from kompetansemidler.accounts.models import Role, RoleGrant
from kompetansemidler.history.models import Event
from tests.support.keys import with_key
from tests.support.parallel import needs_postgresql, post_in_parallel

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def granted_once(person) -> bool:
    grants = RoleGrant.objects.active().filter(user=person, role=Role.UNIT_LEADER)
    events = Event.objects.for_object(person).filter(kind="role.granted")
    return grants.count() == 1 and events.filter(after__role=Role.UNIT_LEADER).count() == 1


def test_one_role_granted_from_five_tabs_at_once_is_granted_once(cast, live_server):
    person = cast.owner_rep  # visible to the caseworker through the owner role
    url = live_server.url + reverse("accounts:grant_create", kwargs={"pk": person.pk})
    data = {"role": Role.UNIT_LEADER, "scope": f"unit:{cast.unit.pk}"}
    answers = post_in_parallel(url, cast.caseworker, [with_key(data) for _ in range(5)])
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 200, 302]
    assert granted_once(person)


def test_one_grant_form_sent_five_times_at_once_is_answered_with_the_grant(cast, live_server):
    person = cast.owner_rep
    url = live_server.url + reverse("accounts:grant_create", kwargs={"pk": person.pk})
    data = with_key(role=Role.UNIT_LEADER, scope=f"unit:{cast.unit.pk}")
    answers = post_in_parallel(url, cast.caseworker, [data] * 5)
    assert [a.status_code for a in answers] == [302] * 5
    assert len({a.headers["Location"] for a in answers}) == 1
    assert granted_once(person)
