"""Expected access to annual reports and the office report.

Bergen's owner representative writes Bergen's report; the caseworkers of the
round's office (Vestland) read it once submitted, return and approve it and
write the office report; Udir reads. Another office, other owners and
outsiders get 403.
"""

from tests.reporting.objects import paid_decision, submitted_report

from . import Rule

USERS = frozenset(
    {
        "udir",
        "caseworker",
        "other_caseworker",
        "owner_rep",
        "other_owner_rep",
        "network_coordinator",
        "uh_rep",
    }
)
READERS = frozenset({"udir", "caseworker", "owner_rep"})
OFFICE = frozenset({"udir", "caseworker"})


def _report(cast):
    return {"pk": submitted_report(cast).pk}


def _office(cast):
    return {"pk": cast.vestland.pk, "year": 2026}


RULES = {
    "reporting:index": Rule(USERS),
    "reporting:start": Rule(
        frozenset({"owner_rep"}),
        method="post",
        kwargs=lambda cast: {"pk": paid_decision(cast).pk},
        data=lambda cast: {"year": paid_decision(cast).round.year},
    ),
    "reporting:detail": Rule(READERS, kwargs=_report),
    "reporting:return": Rule(
        frozenset({"caseworker"}),
        method="post",
        kwargs=_report,
        data=lambda cast: {"reason": "Tala manglar."},
    ),
    "reporting:approve": Rule(frozenset({"caseworker"}), method="post", kwargs=_report),
    "reporting:office": Rule(OFFICE, kwargs=_office),
    "reporting:office_pdf": Rule(OFFICE, kwargs=_office),
    "reporting:office_xlsx": Rule(OFFICE, kwargs=_office),
    "api:reporting_list": Rule(USERS),
    "api:reporting_detail": Rule(READERS, kwargs=_report),
    # A change needs If-Match and a submission a report that adds up, which a
    # rule cannot give; who may do either, the outsider included, is in
    # tests/clients/test_annual_reports.py.
    "api:reporting_update": Rule(
        frozenset({"owner_rep"}),
        kwargs=_report,
        method="patch",
        skip="Needs If-Match; covered in tests/clients/test_annual_reports.py.",
    ),
    "api:reporting_submit": Rule(
        frozenset({"owner_rep"}),
        kwargs=_report,
        method="post",
        skip="Needs a complete report; covered in tests/clients/test_annual_reports.py.",
    ),
    "api:reporting_office": Rule(
        OFFICE, kwargs=lambda cast: {"office": cast.vestland.pk, "year": 2026}
    ),
}
