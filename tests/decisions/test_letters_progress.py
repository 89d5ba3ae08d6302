"""A round's letters report how far they are (made, failed, of the total) on the
round's page, which polls while they are being made; a failed letter is tried
again from the page and then counted as made."""

import pytest
from django.urls import reverse

from kompetansemidler.core.models import TaskProgress
from kompetansemidler.core.progress import progress_latest
from kompetansemidler.decisions import letters
from kompetansemidler.decisions.letters import letters_for_round, letters_scope
from tests.decisions.objects import copies_for_other_recipients, issued_decision
from tests.support.keys import with_key

pytestmark = pytest.mark.django_db


def _round_with_three_issued(cast):
    decision = issued_decision(cast)
    return [decision, *copies_for_other_recipients(decision, 2)]


def _break_letter_of(monkeypatch, broken_decision):
    real = letters.letter_pdf

    def letter_pdf(decision, **kwargs):
        if decision.pk == broken_decision.pk:
            raise RuntimeError("the template could not be rendered")
        return real(decision, **kwargs)

    monkeypatch.setattr(letters, "letter_pdf", letter_pdf)


def test_a_failed_letter_is_counted_shown_and_made_when_tried_again(cast, client_for, monkeypatch):
    decisions = _round_with_three_issued(cast)
    broken = decisions[1]
    _break_letter_of(monkeypatch, broken)

    made = letters_for_round.enqueue(round_id=broken.round_id, actor_id=cast.caseworker.pk)

    assert made.return_value == 2
    progress = progress_latest(letters_scope(broken.round_id))
    assert (progress.total, progress.done, progress.failed) == (3, 2, 1)
    assert progress.failures[0]["item"] == broken.pk
    assert not progress.running
    assert not broken.letters.exists()
    assert all(d.letters.count() == 1 for d in decisions if d != broken)

    client = client_for(cast.caseworker)
    page = client.get(reverse("decisions:round", args=[broken.round_id])).content.decode()
    assert "2 av 3 laget, 1 feilet" in page
    assert broken.recipient_label in page and "Prøv igjen" in page

    monkeypatch.undo()
    response = client.post(
        reverse("decisions:round_letter_retry", args=[broken.round_id]),
        with_key(decision=str(broken.pk)),
    )
    assert response.status_code == 302
    progress.refresh_from_db()
    assert (progress.total, progress.done, progress.failed) == (3, 3, 0)
    assert broken.letters.count() == 1
    assert TaskProgress.objects.filter(scope=letters_scope(broken.round_id)).count() == 1


def test_a_decision_that_did_not_fail_is_not_retried(cast, client_for):
    decisions = _round_with_three_issued(cast)
    letters_for_round.enqueue(round_id=decisions[0].round_id, actor_id=cast.caseworker.pk)
    other = copies_for_other_recipients(decisions[0], 1)[0]

    response = client_for(cast.caseworker).post(
        reverse("decisions:round_letter_retry", args=[other.round_id]),
        with_key(decision=str(other.pk)),
        follow=True,
    )

    assert "ikke blant dem som feilet" in response.content.decode()
    assert not other.letters.exists()


def test_the_panel_polls_while_letters_are_made_and_stops_when_finished(cast, client_for):
    decision = issued_decision(cast)
    progress = TaskProgress.objects.create(
        task_id="t1", scope=letters_scope(decision.round_id), total=40, done=12
    )
    client = client_for(cast.caseworker)
    url = reverse("decisions:round_letters_progress", args=[decision.round_id])

    running = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in running
    assert "12 av 40 laget, 0 feilet" in running
    # Without JavaScript the page itself is reloaded.
    assert reverse("decisions:round", args=[decision.round_id]) in running

    letters_for_round.enqueue(
        round_id=decision.round_id, actor_id=cast.caseworker.pk, progress_of=progress.task_id
    )
    finished = client.get(url).content.decode()
    assert "hx-trigger" not in finished
    assert "13 av 40 laget, 0 feilet" in finished
