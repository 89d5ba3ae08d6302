"""The two-person check: one prepares, another with budget authority approves."""

import pytest

from kompetansemidler.core.two_person import SAME_PERSON, two_person_check
from kompetansemidler.core.workflow import ServiceRefused


class Person:
    def __init__(self, pk):
        self.pk = pk


SIRI, ANNA = Person(1), Person(2)


def test_another_person_with_authority_approves_and_both_are_recorded():
    approval = two_person_check(preparer=SIRI, approver=ANNA, approver_has_authority=True)
    assert (approval.prepared_by, approval.approved_by) == (SIRI, ANNA)
    assert approval.approved_at is not None


@pytest.mark.parametrize(
    ("preparer", "approver", "authority"),
    [
        (SIRI, SIRI, True),  # her own work, even with authority
        (SIRI, Person(1), True),  # the same person as another object
        (SIRI, ANNA, False),  # another person, but without budget authority
        (None, ANNA, True),  # nothing prepared
    ],
)
def test_refused_unless_two_people_and_the_second_has_authority(preparer, approver, authority):
    with pytest.raises(ServiceRefused) as refused:
        two_person_check(preparer=preparer, approver=approver, approver_has_authority=authority)
    assert refused.value.code == SAME_PERSON
