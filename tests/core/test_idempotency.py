"""The one-time key contract (kompetansemidler/core/idempotency.py) for an API call:
the same key and body replays the first answer, another body is refused, a
request without a key is refused, a refusal is not stored, keys are per user,
and old keys expire."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.http import HttpResponse, JsonResponse
from django.test import RequestFactory
from django.utils import timezone, translation

from kompetansemidler.core.idempotency import (
    REFUSED_MISSING,
    REFUSED_MISSING_HEADER,
    REFUSED_REUSED,
    idempotent,
    run_once,
)
from kompetansemidler.core.models import IdempotencyKey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Counter:
    """A stand-in for a view that registers a payment: counts how often it runs."""

    def __init__(self, answer=None):
        self.calls = 0
        self.answer = answer

    def __call__(self):
        self.calls += 1
        if self.answer is not None:
            return self.answer
        return JsonResponse({"payment": self.calls}, status=201)


def api_post(user, body, key="3b0c5d1e-8f4a-4c2b-9d7e-1a2b3c4d5e6f"):
    request = RequestFactory().post(
        "/api/decisions/1/payments",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key} if key else {},
    )
    request.user = user
    return request


def test_the_same_key_and_body_gets_the_first_answer_and_runs_once():
    user, work = UserFactory(), Counter()
    first = run_once(api_post(user, {"amount": 1000}), work)
    second = run_once(api_post(user, {"amount": 1000}), work)
    assert work.calls == 1
    assert (second.status_code, json.loads(second.content)) == (201, {"payment": 1})
    assert first.status_code == 201 and second["Idempotent-Replayed"] == "true"


def test_the_same_key_with_another_body_is_refused_with_422():
    user, work = UserFactory(), Counter()
    run_once(api_post(user, {"amount": 1000}), work)
    refused = run_once(api_post(user, {"amount": 2000}), work)
    assert work.calls == 1
    assert refused.status_code == 422
    assert json.loads(refused.content) == {
        "detail": str(REFUSED_REUSED),
        "code": "idempotency_key_reused",
    }


def test_a_malformed_key_is_refused_with_400():
    user, work = UserFactory(), Counter()
    response = run_once(api_post(user, {"amount": 1}, key="nøkkel med mellomrom"), work)
    assert response.status_code == 400 and work.calls == 0


def test_a_refusal_is_not_stored_so_the_corrected_request_runs():
    user = UserFactory()
    refused = Counter(HttpResponse("Beløpet er for høgt", status=400))
    run_once(api_post(user, {"amount": 1}), refused)
    assert not IdempotencyKey.objects.exists()
    work = Counter()
    assert run_once(api_post(user, {"amount": 1}), work).status_code == 201
    assert work.calls == 1


def test_an_exception_gives_the_key_back():
    user = UserFactory()

    def broken():
        raise RuntimeError("the server fell over")

    with pytest.raises(RuntimeError):
        run_once(api_post(user, {"amount": 1}), broken)
    assert not IdempotencyKey.objects.exists()


def test_keys_are_per_user():
    work = Counter()
    run_once(api_post(UserFactory(), {"amount": 1}), work)
    run_once(api_post(UserFactory(), {"amount": 1}), work)
    assert work.calls == 2


def test_an_api_call_without_a_key_is_refused_with_428_and_runs_never():
    user, work = UserFactory(), Counter()
    answers = [run_once(api_post(user, {"amount": 1}, key=None), work) for _ in range(2)]
    assert [a.status_code for a in answers] == [428, 428]
    assert json.loads(answers[0].content) == {
        "detail": str(REFUSED_MISSING_HEADER),
        "code": "idempotency_key_required",
    }
    assert work.calls == 0 and not IdempotencyKey.objects.exists()


def test_a_form_sent_without_a_key_gets_a_page_saying_reload_and_send_again():
    user, work = UserFactory(), Counter()
    request = RequestFactory().post(
        "/vedtak/1/utbetalinger/", {"p-amount": "1000"}, headers={"Referer": "/vedtak/1/"}
    )
    request.user = user
    with translation.override("nn"):
        response = run_once(request, work)
        page = response.content.decode()
        assert response.status_code == 400
        assert str(REFUSED_MISSING) in page and "Tilbake til skjemaet" in page
    assert 'href="/vedtak/1/"' in page
    assert work.calls == 0 and not IdempotencyKey.objects.exists()


def test_a_back_link_to_another_site_is_not_offered():
    request = RequestFactory().post(
        "/vedtak/1/utbetalinger/", {}, headers={"Referer": "https://evil.example/"}
    )
    request.user = UserFactory()
    page = run_once(request, Counter()).content.decode()
    assert "evil.example" not in page


def test_showing_the_form_needs_no_key():
    request = RequestFactory().get("/brukere/1/roller/ny/")
    request.user, work = UserFactory(), Counter(HttpResponse("the form"))
    assert run_once(request, work).status_code == 200 and work.calls == 1


def test_the_decorator_passes_the_view_its_arguments():
    user = UserFactory()

    @idempotent
    def view(request, pk):
        return JsonResponse({"pk": pk}, status=201)

    first = view(api_post(user, {}), pk=7)
    second = view(api_post(user, {}), pk=7)
    assert json.loads(first.content) == json.loads(second.content) == {"pk": 7}


def test_old_keys_expire_by_the_daily_command():
    user = UserFactory()
    run_once(api_post(user, {}, key="old"), Counter())
    run_once(api_post(user, {}, key="new"), Counter())
    IdempotencyKey.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    out = io.StringIO()
    call_command("expire_idempotency_keys", stdout=out)
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    assert out.getvalue().startswith("1 ")
