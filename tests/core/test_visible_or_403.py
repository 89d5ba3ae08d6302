"""The one scoped lookup: what the user may see is returned, what exists outside
the user's scope is refused with a reason (403), and what does not exist is 404."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kompetansemidler.core.access import REASON_NOT_VISIBLE, visible_or_403
from kompetansemidler.registry.models import Network, NetworkKind

pytestmark = pytest.mark.django_db


def test_inside_outside_and_missing(cast):
    ours = Network.objects.create(name="Nord", kind=NetworkKind.REGIONAL, office=cast.vestland)
    theirs = Network.objects.create(name="Jæren", kind=NetworkKind.REGIONAL, office=cast.rogaland)
    visible = Network.objects.filter(office=cast.vestland)
    assert visible_or_403(visible, ours.pk) == ours
    with pytest.raises(PermissionDenied) as refused:
        visible_or_403(visible, theirs.pk)
    assert str(refused.value) == str(REASON_NOT_VISIBLE)
    with pytest.raises(PermissionDenied) as own_reason:
        visible_or_403(visible, theirs.pk, reason="Ikkje ditt nettverk.")
    assert str(own_reason.value) == "Ikkje ditt nettverk."
    for missing in (theirs.pk + 1000, "abc"):
        with pytest.raises(Http404):
            visible_or_403(visible, missing)
