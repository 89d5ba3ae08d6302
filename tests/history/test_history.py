"""The append-only case history: readable where the case is, never changeable."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.template import Context, Template
from django.test import RequestFactory

from kompetansemidler.api.api import api
from kompetansemidler.history.models import Event, HistoryIsAppendOnly
from kompetansemidler.history.selectors import events_visible_to
from kompetansemidler.history.services import event_record
from tests.test_access_matrix import url_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_event(cast):
    return event_record(
        actor=cast.caseworker,
        kind="role.granted",
        obj=cast.owner,
        summary="Endret",
        before={"name": "Bergen"},
        after={"name": "Bergen kommune"},
        office=cast.vestland,
        organisation=cast.owner,
    )


def history_url(obj):
    return f"/historikk/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/"


def test_events_cannot_be_changed_or_deleted_through_the_model(owner_event):
    owner_event.summary = "Forfalsket"
    with pytest.raises(HistoryIsAppendOnly):
        owner_event.save()
    with pytest.raises(HistoryIsAppendOnly):
        owner_event.delete()
    with pytest.raises(HistoryIsAppendOnly):
        Event.objects.filter(pk=owner_event.pk).update(summary="Forfalsket")
    with pytest.raises(HistoryIsAppendOnly):
        Event.objects.all().delete()
    assert Event.objects.get(pk=owner_event.pk).summary == "Endret"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_refuses_a_raw_update_and_delete(owner_event):
    for sql in (
        "UPDATE history_event SET summary = 'Forfalsket' WHERE id = %s",
        "DELETE FROM history_event WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [owner_event.pk])
    assert Event.objects.get(pk=owner_event.pk).summary == "Endret"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_history_page_refuses_every_writing_method(cast, client_for, owner_event, method):
    response = getattr(client_for(cast.udir), method)(history_url(cast.owner))
    assert response.status_code == 405
    assert Event.objects.get(pk=owner_event.pk).summary == "Endret"


def test_no_url_or_api_route_writes_to_the_history():
    history_urls = [name for name, _ in url_names() if name.startswith("history:")]
    assert history_urls == ["history:object"]
    writing_api = [
        (path, method)
        for path, item in _openapi()["paths"].items()
        for method in item
        if method in ("post", "put", "patch", "delete") and ("event" in path or "histor" in path)
    ]
    assert writing_api == []


def _openapi():
    return api.get_openapi_schema()


def test_history_page_shows_the_events_to_the_office(cast, client_for, owner_event):
    response = client_for(cast.caseworker).get(history_url(cast.owner))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Historikk for Bergen kommune" in page
    name = cast.caseworker.get_full_name()
    assert f"{name} ga en rolle" in page and "Endret" in page
    assert "Navn endret fra Bergen til Bergen kommune" in page


def test_other_office_is_refused_with_the_office_named(cast, client_for, owner_event):
    response = client_for(cast.other_caseworker).get(history_url(cast.owner))
    assert response.status_code == 403
    assert "saken tilhører Statsforvalteren i Vestland" in response.content.decode()


def test_object_without_history_is_not_found(cast, client_for):
    assert client_for(cast.udir).get(history_url(cast.rogaland_owner)).status_code == 404
    assert client_for(cast.udir).get("/historikk/nope/nothing/1/").status_code == 404


def test_events_visible_to_follows_the_roles(cast, owner_event):
    rogaland_event = event_record(
        actor=None,
        kind="role.granted",
        obj=cast.rogaland_owner,
        office=cast.rogaland,
        organisation=cast.rogaland_owner,
    )
    assert set(events_visible_to(cast.udir)) >= {owner_event, rogaland_event}
    assert list(events_visible_to(cast.caseworker)) == [owner_event]
    assert list(events_visible_to(cast.other_caseworker)) == [rogaland_event]
    assert list(events_visible_to(cast.owner_rep)) == [owner_event]
    assert list(events_visible_to(cast.network_coordinator)) == [owner_event]
    assert list(events_visible_to(cast.forum_member)) == [owner_event]
    for persona in ("other_owner_rep", "uh_rep", "unit_leader", "outsider"):
        assert list(events_visible_to(getattr(cast, persona))) == [], persona


def test_history_for_tag_shows_only_what_the_viewer_may_read(cast, owner_event):
    template = Template("{% load history %}{% history_for obj %}")
    request = RequestFactory().get("/")
    request.user = cast.caseworker
    html = template.render(Context({"request": request, "obj": cast.owner}))
    assert "ga en rolle" in html and history_url(cast.owner) in html
    request.user = cast.other_caseworker
    html = template.render(Context({"request": request, "obj": cast.owner}))
    assert "ga en rolle" not in html and "Ingenting er registrert ennå." in html
