"""A history page opens exactly when the object's own page would, for every
model with events: one rule, deny by default, checked at start-up."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from kompetansemidler.forums.services import conflict_declare
from kompetansemidler.history.checks import check_every_model_with_events_has_a_selector
from kompetansemidler.history.models import Event
from kompetansemidler.history.services import event_record
from kompetansemidler.schemes.models import Scheme
from kompetansemidler.schemes.seed import ensure_seed
from tests.access.forums import _member

pytestmark = pytest.mark.django_db

SECRET = "Eig aksjar i Bergen Barnehagedrift AS"


def history_url(obj):
    return reverse(
        "history:object",
        kwargs={
            "app_label": obj._meta.app_label,
            "model": obj._meta.model_name,
            "object_id": str(obj.pk),
        },
    )


@pytest.fixture
def declared_conflict(cast):
    """Frida declares a conflict of interest about Bergen kommune: the event is
    about her membership, scoped to Vestland and to Bergen kommune."""
    member = _member(cast)
    conflict_declare(
        actor=cast.forum_member,
        member=member,
        organisation=cast.owner,
        declared_on=date(2026, 2, 1),
        description=SECRET,
    )
    return member


@pytest.mark.parametrize(
    "persona", ["owner_rep", "network_coordinator", "other_caseworker", "uh_rep", "outsider"]
)
def test_a_forum_members_conflicts_stay_with_the_forum(declared_conflict, cast, client, persona):
    client.force_login(getattr(cast, persona))
    member_page = client.get(reverse("forums:member_detail", args=[declared_conflict.pk]))
    history = client.get(history_url(declared_conflict))
    assert member_page.status_code == 403
    assert history.status_code == 403, persona
    assert SECRET not in history.content.decode()


@pytest.mark.parametrize("persona", ["udir", "caseworker", "forum_member"])
def test_the_forum_reads_its_members_history(declared_conflict, cast, client, persona):
    client.force_login(getattr(cast, persona))
    assert (
        client.get(reverse("forums:member_detail", args=[declared_conflict.pk])).status_code == 200
    )
    response = client.get(history_url(declared_conflict))
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_an_event_about_a_model_without_a_selector_is_refused(cast):
    ensure_seed()
    with pytest.raises(ImproperlyConfigured, match="schemes.Scheme has no history visibility"):
        event_record(actor=cast.udir, kind="scheme.changed", obj=Scheme.objects.first())
    assert not Event.objects.exists()


@pytest.fixture
def event_without_selector(cast):
    """An event about a model nobody registered a selector for, written around
    ``event_record`` as old data or a careless import would be."""
    ensure_seed()
    scheme = Scheme.objects.first()
    Event.objects.create(
        kind="scheme.changed",
        content_type=ContentType.objects.get_for_model(Scheme),
        object_id=str(scheme.pk),
        object_repr=str(scheme),
        office=cast.vestland,
        organisation=cast.owner,
    )
    return scheme


@pytest.mark.parametrize("persona", ["udir", "caseworker", "owner_rep"])
def test_a_model_without_a_selector_shows_no_history(event_without_selector, cast, client, persona):
    client.force_login(getattr(cast, persona))
    response = client.get(history_url(event_without_selector))
    assert response.status_code in (403, 404)
    assert "scheme.changed" not in response.content.decode()


def test_the_start_up_check_names_each_model_with_events_but_no_selector(event_without_selector):
    errors = check_every_model_with_events_has_a_selector(databases=["default"])
    assert [(e.id, e.msg.split(" ")[0]) for e in errors] == [("history.E001", "schemes.scheme")]


def test_the_start_up_check_passes_when_every_model_with_events_has_one(declared_conflict, cast):
    event_record(actor=cast.caseworker, kind="role.granted", obj=cast.owner_rep)
    assert Event.objects.exists()
    assert check_every_model_with_events_has_a_selector(databases=["default"]) == []
