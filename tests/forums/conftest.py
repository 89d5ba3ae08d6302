from datetime import date

import pytest

from kompetansemidler.forums.services import forum_member_add, forum_schemes_set
from kompetansemidler.registry.models import Municipality, OrganisationKind
from kompetansemidler.schemes.models import Scheme
from tests.factories import OrganisationFactory

START = date(2024, 1, 1)


@pytest.fixture
def bodies(db):
    """The organisations a forum needs besides the cast's owners and UH."""
    return {
        "ks": OrganisationFactory(name="KS Vestland", kind=OrganisationKind.KS),
        "pbl": OrganisationFactory(name="PBL Vest", kind=OrganisationKind.PBL),
        "union": OrganisationFactory(
            name="Utdanningsforbundet Vestland", kind=OrganisationKind.UNION
        ),
    }


@pytest.fixture
def rekom_forum(cast):
    forum_schemes_set(
        actor=cast.caseworker,
        forum=cast.forum,
        schemes=Scheme.objects.filter(code__in=["rekom", "dekom"]),
    )
    return cast.forum


@pytest.fixture
def full_forum(cast, bodies, rekom_forum):
    """Samarbeidsforum Vestland with a composition that keeps every rule."""
    add = lambda **kw: forum_member_add(  # noqa: E731
        actor=cast.caseworker, forum=rekom_forum, period_from=START, **kw
    )
    add(
        name="Frida Forum",
        representation="public_owner",
        organisation=cast.owner,
        user=cast.forum_member,
    )
    add(name="Per Privat", representation="private_owner", organisation=cast.other_owner)
    add(name="Hilde Høgskule", representation="uh", organisation=cast.uh)
    add(name="Kari KS", representation="ks", organisation=bodies["ks"])
    add(name="Pål PBL", representation="pbl", organisation=bodies["pbl"])
    add(name="Una Union", representation="union", organisation=bodies["union"])
    add(
        name="Vera Voss",
        representation="kindergarten_authority",
        municipality=Municipality.objects.get(number="4621"),
    )
    add(name="Sigrid Sekretær", representation="secretariat", votes=False)
    return rekom_forum
