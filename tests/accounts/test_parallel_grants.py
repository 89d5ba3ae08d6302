"""The same role granted five times at the same moment against a live server on
PostgreSQL: one active grant, one history event, the other presses told why."""

import pytest
from django.urls import reverse

from kompetansemidler.accounts.models import Role, RoleGrant
from kompetansemidler.history.models import Event
from tests.support.parallel import needs_postgresql, post_in_parallel

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_one_role_granted_five_times_at_once_is_granted_once(cast, live_server):
    person = cast.owner_rep  # visible to the caseworker through the owner role
    url = live_server.url + reverse("accounts:grant_create", kwargs={"pk": person.pk})
    data = {"role": Role.UNIT_LEADER, "scope": f"unit:{cast.unit.pk}"}
    answers = post_in_parallel(url, cast.caseworker, [data] * 5)
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 200, 302]
    assert RoleGrant.objects.active().filter(user=person, role=Role.UNIT_LEADER).count() == 1
    granted = Event.objects.for_object(person).filter(kind="role.granted")
    assert granted.filter(after__role=Role.UNIT_LEADER).count() == 1
