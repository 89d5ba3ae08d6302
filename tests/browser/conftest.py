"""Real headless Chromium (Debian's, never a downloaded one) against live_server.

Every browser test is marked ``browser`` and runs in a transactional database,
so the registry structure is loaded again for each (``cast`` does that).
"""

import os
from pathlib import Path

import pytest

# Playwright runs an event loop in the test thread; the ORM calls the tests make
# there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).with_name("axe.min.js")
AXE_SOURCE = AXE.read_text(encoding="utf-8")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nb-NO"}


@pytest.fixture
def login(page, live_server):
    """Log ``user`` in through the real login form (password: the demo password)."""
    from kompetansemidler.demo.cast import DEMO_PASSWORD

    def do_login(user):
        page.goto(f"{live_server.url}/konto/logg-inn/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_load_state()
        return page

    return do_login


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now (WCAG 2.1 A and AA rules)."""
    # Evaluated through the DevTools protocol, which the page's CSP does not
    # govern; an injected <script> tag would be refused by it.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})).violations"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in violations
    ]


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        assert violations == [], f"axe found violations on {page.url}: {violations}"

    return check


@pytest.fixture
def menu_link():
    """The main menu's link ``name``, with its group opened first if it is in one.

    ``menu_link(page, "Registerimport").click()`` goes to a page as a user would.
    """

    def find(page, name):
        menu = page.get_by_role("navigation", name="Hovedmeny")
        link = page.get_by_role("link", name=name, exact=True, include_hidden=True)
        if not menu.locator(link).is_visible():
            menu.locator(".km-menu__group", has=link).locator("summary").click()
        return menu.locator(link)

    return find
