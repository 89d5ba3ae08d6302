"""Two app servers, one worker, one database and one object store behave as one
application: a letter the worker made is downloaded from either server, a
session made on one is valid on the other, and a file uploaded to one is read
from the other.

    smoke_two_instances.py http://127.0.0.1:8765 http://127.0.0.1:8766

Run by scripts/smoke-production.sh with the production settings' environment
and the demo data loaded (the demo's round letters queued for the worker).
"""

import os
import re
import sys
import time

import django
import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PASSWORD = "demo-passord-2026"
HEADERS = {"X-Forwarded-Proto": "https"}
failures = []


def check(name: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}")
    if not ok:
        failures.append(name)


def secure(base: str) -> str:
    """The address as the browser sees it behind the TLS proxy (the CSRF check
    compares the Referer with it)."""
    return base.replace("http://", "https://", 1)


class Browser(requests.Session):
    """The cookies are Secure (production); this test speaks plain HTTP on
    loopback behind a pretended TLS proxy, so they are sent anyway."""

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def login(base: str, username: str) -> requests.Session:
    session = Browser()
    session.headers.update(HEADERS)
    page = session.get(f"{base}/konto/logg-inn/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        f"{base}/konto/logg-inn/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        headers={"Referer": secure(base) + "/konto/logg-inn/"},
        allow_redirects=False,
        timeout=30,
    )
    check(f"{username} logs in on {base}", answer.status_code == 302, str(answer.status_code))
    return session


def wait_for_letters(expected_round) -> list:
    from kompetansemidler.decisions.models import Decision, Letter
    from kompetansemidler.decisions.selectors import ISSUED

    issued = Decision.objects.filter(round=expected_round, state__in=ISSUED).count()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        letters = list(Letter.objects.filter(decision__round=expected_round).order_by("pk"))
        if issued and len(letters) >= issued:
            return letters
        time.sleep(1)
    return []


def main(first: str, second: str) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetansemidler.settings.production")
    django.setup()
    from django_tasks_db.models import DBTaskResult

    from kompetansemidler.decisions.models import Decision

    round_ = Decision.objects.order_by("pk").first().round
    letters = wait_for_letters(round_)
    check("the worker made the round's letters", bool(letters))
    check(
        "the letters were made by a worker, not in a request",
        DBTaskResult.objects.filter(task_path__endswith="letters_for_round", status="SUCCESSFUL")
        .exclude(worker_ids=[])
        .exists(),
    )
    siri = login(first, "siri")
    if letters:
        url = f"/vedtak/brev/{letters[0].pk}/"
        on_first = siri.get(first + url, timeout=30)
        on_second = siri.get(second + url, timeout=30)
        check("letter from the first server", on_first.content.startswith(b"%PDF"))
        check("the same letter from the second server", on_second.content == on_first.content)

    # The session made on the first server is valid on the second.
    home = siri.get(f"{second}/", timeout=30, allow_redirects=False)
    check("the session works on the other server", home.status_code == 200, str(home.status_code))
    check("…as siri", "Siri" in home.text)

    # A file uploaded to the second server is read from the first.
    eirik = login(second, "eirik")
    form = eirik.get(f"{second}/behov/partnarskap/ny/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    from kompetansemidler.accounts.models import RoleGrant

    owner = (
        RoleGrant.objects.filter(user__username="eirik", organisation__isnull=False)
        .values_list("organisation_id", flat=True)
        .first()
    )
    institution = re.search(r'name="institutions" value="(\d+)"', form.text).group(1)
    body = b"%PDF-1.4 samarbeidsavtale " + os.urandom(8).hex().encode()
    created = eirik.post(
        f"{second}/behov/partnarskap/ny/",
        data={
            "csrfmiddlewaretoken": token,
            "name": f"Røykprøve {time.time():.0f}",
            "owners": owner,
            "institutions": institution,
            "period_start": "2026",
            "period_end": "2029",
            "contacts": "Kari Nordmann",
            "agreement_text": "Vi samarbeider.",
        },
        files={"agreement_file": ("avtale.pdf", body, "application/pdf")},
        headers={"Referer": secure(second) + "/behov/partnarskap/ny/"},
        allow_redirects=False,
        timeout=30,
    )
    location = created.headers.get("Location", "")
    errors = re.findall(
        r'ds-validation-message.*?<p class="ds-paragraph">([^<]+)', created.text, re.S
    )
    check(
        "agreement uploaded to the second server",
        created.status_code == 302,
        f"{created.status_code} {errors}",
    )
    if location:
        agreement = eirik.get(f"{first}{location}avtale/", timeout=30)
        check("the agreement is read from the first server", agreement.content == body)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
