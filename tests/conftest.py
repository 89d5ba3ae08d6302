import pytest

from kompetansemidler.demo.cast import Cast, make_cast
from kompetansemidler.registry.loading import ensure_structure


@pytest.fixture
def cast(db) -> Cast:
    """The personas of kompetansemidler/demo/cast.py, with their organisations.

    ``cast.caseworker`` works at Vestland, ``cast.other_caseworker`` at
    Rogaland, ``cast.outsider`` has no role at all.
    """
    ensure_structure()
    return make_cast()


@pytest.fixture
def client_for(client):
    """A client logged in as the given user: ``client_for(cast.caseworker)``."""

    def login(user):
        client.force_login(user)
        return client

    return login
