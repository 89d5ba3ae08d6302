"""What each persona sees, not only whether a page opens.

One shared data set (tests/access/world.py): needs reports, recommendations,
decisions, annual reports and journal entries in every state that changes who
may see them, in the cast's office and another. For each persona and each
object, the object's own page, its API detail and its history page open
exactly for its readers; and every list page, export and API list shows
exactly the persona's readable objects — never another office's, never
another owner's draft. The readers are the hand-written tables of world.py.
"""

import csv
import io
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from kompetansemidler.demo.cast import make_cast
from kompetansemidler.needs.selectors import needs_reports_visible_to
from kompetansemidler.registry.loading import ensure_structure
from tests.access import PERSONAS
from tests.access import world as tables

# kind -> (readers table, own page, API detail, API list, list page, URL kwarg of the API detail)
SURFACES = {
    "needs_reports": (
        tables.NEEDS_REPORT_READERS,
        "needs:report_detail",
        "api:needs_report",
        "api:needs_reports",
        "needs:index",
        "report_id",
    ),
    "recommendations": (
        tables.RECOMMENDATION_READERS,
        "recommendations:detail",
        "api:recommendations_detail",
        "api:recommendations_list",
        "recommendations:index",
        "pk",
    ),
    "decisions": (
        tables.DECISION_READERS,
        "decisions:detail",
        "api:decisions_detail",
        "api:decisions_list",
        "decisions:index",
        "pk",
    ),
    "annual_reports": (
        tables.ANNUAL_REPORT_READERS,
        "reporting:detail",
        "api:reporting_detail",
        "api:reporting_list",
        "reporting:index",
        "pk",
    ),
}
REFUSED = (403, 404)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The cast and the world, built once for the module inside a transaction
    that is rolled back at its end; each test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_structure()
        cast = make_cast()
        objects = tables.build_world(cast)
        yield cast, objects
        transaction.set_rollback(True)


def test_the_tables_name_every_object_and_only_known_personas(world):
    _cast, objects = world
    for kind, (readers, *_rest) in SURFACES.items():
        assert set(readers) == set(objects[kind]), kind
        for name, personas in readers.items():
            assert personas <= PERSONAS, (kind, name)
    assert set(tables.JOURNAL_READERS) == set(objects["journal"])


def _readable(readers: dict, persona: str) -> set[str]:
    return {name for name, personas in readers.items() if persona in personas}


def _names(objects: dict, pks) -> set[str]:
    by_pk = {obj.pk: name for name, obj in objects.items()}
    return {by_pk[pk] for pk in pks if pk in by_pk}


def _linked(html: str, detail: str, objects: dict) -> set[str]:
    return {
        name
        for name, obj in objects.items()
        if re.search(f'href="{re.escape(reverse(detail, args=[obj.pk]))}["?#]', html)
    }


def _history(obj) -> str:
    return reverse(
        "history:object",
        kwargs={
            "app_label": obj._meta.app_label,
            "model": obj._meta.model_name,
            "object_id": str(obj.pk),
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_each_case_object_opens_exactly_for_its_readers(world, persona):
    cast, objects = world
    client = Client()
    client.force_login(cast.users()[persona])
    wrong = []
    for kind, (readers, page, api_detail, _list, _index, api_kwarg) in SURFACES.items():
        for name, obj in objects[kind].items():
            may = persona in readers[name]
            for url in (
                reverse(page, args=[obj.pk]),
                reverse(api_detail, kwargs={api_kwarg: obj.pk}),
            ):
                status = client.get(url).status_code
                if (status == 200) != may or (not may and status not in REFUSED):
                    wrong.append(f"{kind} {name}: {url} answered {status}, readable: {may}")
            # The history is never wider than the object's own page.
            status = client.get(_history(obj)).status_code
            if status == 200 and not may or status not in (200, *REFUSED):
                wrong.append(f"{kind} {name}: its history answered {status}, readable: {may}")
    for name, entry in objects["journal"].items():
        may = persona in tables.JOURNAL_READERS[name]
        url = reverse("archive:staff_document", kwargs={"system_id": entry.system_id})
        status = client.get(url).status_code
        if (status == 200) != may or (not may and status not in REFUSED):
            wrong.append(f"journal {name}: {url} answered {status}, readable: {may}")
    assert wrong == [], f"{persona}:\n  " + "\n  ".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_lists_exports_and_api_lists_show_exactly_what_the_persona_reads(world, persona):
    cast, objects = world
    user = cast.users()[persona]
    client = Client()
    client.force_login(user)
    wrong = []

    def compare(where, shown, kind, readers):
        expected = _readable(readers, persona)
        if shown != expected:
            wrong.append(
                f"{where}: shows {sorted(shown - expected)} it must not, "
                f"misses {sorted(expected - shown)}"
            )

    for kind, (readers, page, _detail, api_list, index, _kwarg) in SURFACES.items():
        response = client.get(reverse(api_list), {"page_size": 200})
        shown = (
            _names(objects[kind], [row["id"] for row in response.json()["items"]])
            if response.status_code == 200
            else set()
        )
        compare(f"{api_list} ({response.status_code})", shown, kind, readers)
        response = client.get(reverse(index))
        shown = _linked(response.content.decode(), page, objects[kind])
        compare(f"{index} ({response.status_code})", shown, kind, readers)

    reports = objects["needs_reports"]
    compare(
        "needs_reports_visible_to",
        _names(reports, needs_reports_visible_to(user).values_list("pk", flat=True)),
        "needs_reports",
        tables.NEEDS_REPORT_READERS,
    )
    compare(
        "decisions:export",
        _decisions_in_export(client, objects["decisions"]),
        "decisions",
        tables.DECISION_READERS,
    )
    for name, report in reports.items():
        # The round's overview lists the owners of the county with the state of
        # their sent report; an unsent draft shows as "not reported".
        response = client.get(
            reverse("needs:round_overview_export", kwargs={"pk": report.round_id, "fmt": "csv"})
        )
        if response.status_code != 200:
            continue
        states = _overview_states(response)
        label = str(report.get_state_display())
        owner = report.owner.name if report.owner else None
        seen = owner in states and states[owner] == label
        if seen != (persona in tables.NEEDS_REPORT_READERS[name]) and owner:
            wrong.append(f"needs overview export: {name} shows as {states.get(owner)!r}")

    response = client.get(reverse("api:archive_case_files"), {"page_size": 200})
    files = (
        {(row["office"], row["case_number"]) for row in response.json()["items"]}
        if response.status_code == 200
        else set()
    )
    shown = {
        n
        for n, e in objects["journal"].items()
        if (e.case_file.office.name, e.case_file.case_number) in files
    }
    compare("api:archive_case_files", shown, "journal", tables.JOURNAL_READERS)
    response = client.get(reverse("archive:staff_journal"))
    html = response.content.decode() if response.status_code == 200 else ""
    shown = {n for n, e in objects["journal"].items() if e.title in html}
    compare("archive:staff_journal", shown, "journal", tables.JOURNAL_READERS)
    # The public journal lists every entry, but offers no unpublished document.
    public = Client().get(reverse("archive:public_journal")).content.decode()
    for name, entry in objects["journal"].items():
        document = reverse("archive:public_document", kwargs={"system_id": entry.system_id})
        if document in public:
            wrong.append(f"the public journal offers the unpublished document of {name}")
    assert wrong == [], f"{persona}:\n  " + "\n  ".join(wrong)


def _rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _decisions_in_export(client, decisions) -> set[str]:
    response = client.get(reverse("decisions:export", kwargs={"fmt": "csv"}))
    if response.status_code != 200:
        return set()
    rows = {(row[next(iter(row))], row[list(row)[1]]) for row in _rows(response)}
    return {
        name
        for name, decision in decisions.items()
        if (str(decision.recipient_label), str(decision.round)) in rows
    }


def _overview_states(response) -> dict[str, str]:
    rows = _rows(response)
    if not rows:
        return {}
    owner, status = list(rows[0])[1], list(rows[0])[4]
    return {row[owner]: row[status] for row in rows}


def _feed(client) -> list[dict]:
    """Every event of the API's event feed, following the cursor to the end."""
    events, after = [], 0
    while True:
        response = client.get(reverse("api:events_feed"), {"after": after, "limit": 200})
        if response.status_code != 200:
            return events
        page = response.json()
        events += page["events"]
        if not page["events"]:
            return events
        after = page["next_after"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_the_event_feed_shows_events_only_about_objects_the_persona_reads(world, persona):
    """The feed follows the history pages' rule: never an event about an object
    the persona may not open (another owner's draft, another office's case), and
    every event about the persona's own organisation's reports and decisions."""
    cast, objects = world
    client = Client()
    client.force_login(cast.users()[persona])
    events = _feed(client)
    wrong = []
    for kind, (readers, *_rest) in SURFACES.items():
        for name, obj in objects[kind].items():
            shown = any(
                e["object"]["id"] == str(obj.pk)
                and e["object"]["type"] == f"{obj._meta.app_label}.{obj._meta.model_name}"
                for e in events
            )
            if shown and persona not in readers[name]:
                wrong.append(f"{kind} {name}: in the feed, not readable")
    if persona == "owner_rep":
        for name in ("bergen_draft", "bergen_submitted"):
            report = objects["needs_reports"][name]
            if not any(e["object"]["id"] == str(report.pk) for e in events):
                wrong.append(f"needs_reports {name}: its own report's event is missing")
    for event in events:
        if set(event) != {"id", "kind", "label", "occurred_at", "object", "actor", "summary"}:
            wrong.append(f"event {event['id']} has fields {sorted(event)}")
    assert wrong == [], f"{persona}:\n  " + "\n  ".join(wrong)
