"""/api/docs renders the API's operations from the vendored Swagger UI with the
content security policy on, and breaks none of it."""

from playwright.sync_api import expect

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_the_api_docs_render_under_the_content_security_policy(page, live_server):
    page.add_init_script(RECORD_VIOLATIONS)
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    response = page.goto(f"{live_server.url}/api/docs")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    expect(page.get_by_text("/api/token").first).to_be_visible()
    expect(page.get_by_text("/api/events/").first).to_be_visible()
    assert page.evaluate("() => window.__cspViolations") == []
    assert outside == []
