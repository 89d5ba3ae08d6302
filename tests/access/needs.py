"""Expected access to local plans, partnerships, networks and needs reports.

Owners write their own; network coordinators their network's joint reports;
UH representatives and unit leaders read what names them; caseworkers read
their office's sent reports and handle them; forum members read submitted
ones; Udir reads all. Other offices, other owners and outsiders get 403.
"""

from tests.needs.objects import (
    bergen_partnership,
    bergen_plan,
    bergen_report,
    vestland_round,
)

from . import WITH_ROLE, Rule

OWNERS = frozenset({"owner_rep", "other_owner_rep"})
REPORTERS = OWNERS | {"network_coordinator"}
BERGEN_READERS = frozenset(
    {
        "udir",
        "caseworker",
        "forum_member",
        "owner_rep",
        "network_coordinator",
        "uh_rep",
        "unit_leader",
    }
)
# A submitted report: not the network's (it is Bergen's own), not another owner's.
SENT_REPORT_READERS = frozenset(
    {"udir", "caseworker", "forum_member", "owner_rep", "uh_rep", "unit_leader"}
)
NETWORK_READERS = frozenset(
    {"udir", "caseworker", "forum_member", "owner_rep", "other_owner_rep", "network_coordinator"}
)
OVERVIEW = frozenset({"udir", "caseworker"})


def _pk(factory, *args):
    return lambda cast: {"pk": factory(cast, *args).pk}


RULES = {
    "needs:index": Rule(WITH_ROLE),
    "needs:plan_create": Rule(OWNERS),
    "needs:plan_detail": Rule(BERGEN_READERS, kwargs=_pk(bergen_plan)),
    "needs:plan_edit": Rule(frozenset({"owner_rep"}), kwargs=_pk(bergen_plan)),
    "needs:plan_new_version": Rule(
        frozenset({"owner_rep"}),
        kwargs=_pk(bergen_plan),
        method="post",
        data=lambda cast: {"period_start": "2029", "period_end": "2032"},
    ),
    "needs:partnership_create": Rule(OWNERS),
    "needs:partnership_detail": Rule(BERGEN_READERS, kwargs=_pk(bergen_partnership)),
    "needs:partnership_agreement": Rule(
        BERGEN_READERS,
        kwargs=_pk(bergen_partnership),
        skip="Needs a stored file; tests/needs/test_access.py covers it with one.",
    ),
    "needs:network_detail": Rule(NETWORK_READERS, kwargs=lambda cast: {"pk": cast.network.pk}),
    "needs:report_create": Rule(REPORTERS),
    "needs:report_detail": Rule(SENT_REPORT_READERS, kwargs=_pk(bergen_report, "submitted")),
    "needs:report_edit": Rule(frozenset({"owner_rep"}), kwargs=_pk(bergen_report, "draft")),
    "needs:report_check": Rule(
        frozenset({"owner_rep"}), kwargs=_pk(bergen_report, "draft"), method="post"
    ),
    # An empty draft: the submission is refused with a message, the page redirects.
    "needs:report_submit": Rule(
        frozenset({"owner_rep"}), kwargs=_pk(bergen_report, "draft"), method="post"
    ),
    "needs:report_return": Rule(
        frozenset({"caseworker"}),
        kwargs=_pk(bergen_report, "handled"),
        method="post",
        data=lambda cast: {"reason": "Rett beløpa"},
    ),
    "needs:report_accept": Rule(
        frozenset({"caseworker"}), kwargs=_pk(bergen_report, "handled"), method="post"
    ),
    "needs:report_reopen": Rule(
        frozenset({"caseworker"}), kwargs=_pk(bergen_report, "draft"), method="post"
    ),
    "needs:report_continue": Rule(
        frozenset({"owner_rep"}), kwargs=_pk(bergen_report, "submitted"), method="post"
    ),
    "needs:round_overview": Rule(OVERVIEW, kwargs=_pk(vestland_round)),
    "needs:not_reported": Rule(frozenset({"caseworker"}), kwargs=_pk(vestland_round)),
    "needs:round_overview_export": Rule(
        OVERVIEW, kwargs=lambda cast: {"pk": vestland_round(cast).pk, "fmt": "csv"}
    ),
    "needs:allocation_table_export": Rule(
        OVERVIEW,
        kwargs=lambda cast: {"pk": vestland_round(cast).pk, "table": "money", "fmt": "xlsx"},
    ),
}

RULES.update(
    {
        "api:needs_reports": Rule(WITH_ROLE),
        "api:needs_report": Rule(
            SENT_REPORT_READERS,
            kwargs=lambda cast: {"report_id": bergen_report(cast, "submitted").pk},
        ),
        "api:needs_plans": Rule(WITH_ROLE),
        "api:needs_plan_update": Rule(
            frozenset({"owner_rep"}),
            kwargs=lambda cast: {"plan_id": bergen_plan(cast).pk},
            method="patch",
            data=lambda cast: {"lock_version": bergen_plan(cast).lock_version, "title": "Ny"},
        ),
        # A report that can be submitted needs measures and a reopened deadline;
        # tests/needs/test_api_refusals.py covers who may submit.
        "api:needs_report_submit": Rule(
            frozenset({"owner_rep"}),
            kwargs=lambda cast: {"report_id": bergen_report(cast, "draft").pk},
            method="post",
            skip="Covered with a submittable report in tests/needs/test_api_refusals.py.",
        ),
        "api:needs_report_accept": Rule(
            frozenset({"caseworker"}),
            kwargs=lambda cast: {"report_id": bergen_report(cast, "handled").pk},
            method="post",
        ),
        "api:needs_report_return": Rule(
            frozenset({"caseworker"}),
            kwargs=lambda cast: {"report_id": bergen_report(cast, "handled").pk},
            method="post",
            data=lambda cast: {"reason": "Rett beløpa"},
        ),
        # The same paths as the list and the report's read (GET), and an update
        # needs If-Match, which a rule cannot send: who may start and change a
        # report, the outsider included, is in tests/clients/test_needs_writes.py.
        "api:needs_report_create": Rule(
            frozenset({"owner_rep"}),
            method="post",
            skip="Shares its path with the list; covered in tests/clients/test_needs_writes.py.",
        ),
        "api:needs_report_update": Rule(
            frozenset({"owner_rep"}),
            kwargs=lambda cast: {"report_id": bergen_report(cast, "draft").pk},
            method="patch",
            skip="Needs If-Match; covered in tests/clients/test_needs_writes.py.",
        ),
        "api:needs_partnerships": Rule(WITH_ROLE),
        "api:needs_round_overview": Rule(
            OVERVIEW, kwargs=lambda cast: {"round_id": vestland_round(cast).pk}
        ),
        "api:needs_allocation_table": Rule(
            OVERVIEW, kwargs=lambda cast: {"round_id": vestland_round(cast).pk}
        ),
    }
)
