"""'Mine oppgaver': each user's roles, and the panels of what each role reaches."""

import pytest

from kompetansemidler.accounts.services import role_revoke
from kompetansemidler.core import tasks
from kompetansemidler.core.tasks import TaskLink, TaskPanel, panels_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_caseworker_sees_role_scope_and_the_role_administration(cast, client_for):
    page = client_for(cast.caseworker).get("/").content.decode()
    assert "Saksbehandler hos Statsforvalteren: Statsforvalteren i Vestland" in page
    # Nobody invited waits for a role: no task, though the menu still leads there.
    assert "Inviterte brukere uten rolle" not in page
    UserFactory(invited_by_office=cast.vestland)
    page = client_for(cast.caseworker).get("/").content.decode()
    assert "Inviterte brukere uten rolle" in page
    assert 'href="/konto/brukere/"' in page and 'href="/register/"' in page


def test_forum_member_sees_representation_and_no_role_administration(cast, client_for):
    page = client_for(cast.forum_member).get("/").content.decode()
    assert "Forummedlem: Samarbeidsforum Vestland (Offentlig eier)" in page
    assert "Inviterte brukere uten rolle" not in page
    assert 'href="/konto/brukere/"' not in page


def test_user_without_role_is_told_how_to_get_one_and_gets_no_links(cast, client_for):
    response = client_for(cast.outsider).get("/")
    page = response.content.decode()
    assert "Du har ingen roller ennå" in page
    assert response.context["panels"] == []


def test_apps_contribute_panels_through_their_tasks_module(cast, monkeypatch):
    def needs_panels(user):
        return [TaskPanel("Behovsmeldinger å behandle", (TaskLink("Åpne", "/behov/", 3),))]

    monkeypatch.setattr(tasks, "_providers", lambda: (needs_panels,))
    titles = [panel.title for panel in panels_for(cast.caseworker)]
    assert titles[0] == "Behovsmeldinger å behandle"
    assert titles[-1] == "Her kan du arbeide"


def test_revoked_role_disappears_from_the_start_page(cast, client_for):
    role_revoke(actor=cast.caseworker, grant=cast.owner_rep.role_grants.active().get())
    page = client_for(cast.owner_rep).get("/").content.decode()
    assert "Eierrepresentant" not in page and "Du har ingen roller ennå" in page
