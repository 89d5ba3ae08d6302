"""The case objects of the contents matrix, in every state that changes who
may see them, in the cast's office (Vestland) and another (Rogaland), and who
must see each: a table written by hand from the scheme's rules, independent
of the selectors it checks (tests/test_access_contents.py).

Read a row as "this object is visible to exactly these personas"; everyone
else, on every page, list, export, API list and history page, must not see it.
"""

import copy

from kompetansemidler.archive.models import EntryType
from kompetansemidler.archive.services import Party, case_file_for, registry_entry_record
from kompetansemidler.decisions.models import DecisionState
from kompetansemidler.history.services import event_record
from kompetansemidler.needs.models import NeedsReport
from kompetansemidler.reporting.models import AnnualReportState
from kompetansemidler.schemes.models import Round
from tests.decisions.objects import issued_decision
from tests.needs.objects import vestland_round
from tests.recommendations.objects import adopted_recommendation, draft_recommendation
from tests.reporting.objects import submitted_report

# Who reads what, by role (DOMAIN.md): the author writes a draft and reads it
# alone; once sent, the office's caseworkers, Udir and those the report names
# (UH partner, unit) read it; the forum reads submitted and accepted reports.
NAMED = {"uh_rep", "unit_leader"}
OFFICE_V = {"udir", "caseworker"}
OFFICE_R = {"udir", "other_caseworker"}

NEEDS_REPORTS = {
    # name: (office, scheme, year, owner, state, names HVL and Solsikken) -> readers
    "bergen_draft": ("vestland", "rekom", 2027, "owner", "draft", True),
    "bergen_submitted": ("vestland", "dekom", 2027, "owner", "submitted", True),
    "bergen_returned": ("vestland", "rekom", 2025, "owner", "returned", True),
    "bergen_accepted": ("vestland", "kompetanseloftet", 2027, "owner", "accepted", True),
    "fjord_draft": ("vestland", "rekom", 2024, "other_owner", "draft", False),
    "fjord_submitted": ("vestland", "dekom", 2024, "other_owner", "submitted", False),
    "network_draft": ("vestland", "dekom", 2025, "network", "draft", False),
    "rogaland_submitted": ("rogaland", "rekom", 2027, "rogaland_owner", "submitted", True),
    "rogaland_draft": ("rogaland", "dekom", 2027, "rogaland_owner", "draft", True),
}
NEEDS_REPORT_READERS = {
    "bergen_draft": {"owner_rep"},
    "bergen_submitted": OFFICE_V | {"forum_member", "owner_rep"} | NAMED,
    "bergen_returned": OFFICE_V | {"owner_rep"} | NAMED,
    "bergen_accepted": OFFICE_V | {"forum_member", "owner_rep"} | NAMED,
    "fjord_draft": {"other_owner_rep"},
    "fjord_submitted": OFFICE_V | {"forum_member", "other_owner_rep"},
    "network_draft": {"network_coordinator"},
    # HVL is named as partner by a Rogaland owner too: the UH reads it once sent.
    "rogaland_submitted": OFFICE_R | {"uh_rep"},
    "rogaland_draft": set(),
}

# The forum and its office read their recommendations in every state; an
# owner reads an adopted one that has a line for it.
RECOMMENDATION_READERS = {
    "vestland_draft": OFFICE_V | {"forum_member"},
    "vestland_adopted": OFFICE_V | {"forum_member", "owner_rep"},
    "rogaland_draft": OFFICE_R,
}

# The office decides; the recipient reads its decision once issued.
DECISION_READERS = {
    "bergen_issued": OFFICE_V | {"owner_rep"},
    "fjord_draft": OFFICE_V,
    "rogaland_issued": OFFICE_R,
}

# The recipient writes its annual report; the office and Udir read it once submitted.
ANNUAL_REPORT_READERS = {
    "bergen_submitted": OFFICE_V | {"owner_rep"},
    "bergen_draft": {"owner_rep"},
    "rogaland_submitted": OFFICE_R,
}

# The staff journal and its documents: the office's caseworkers and Udir.
JOURNAL_READERS = {
    "vestland_letter": OFFICE_V,
    "rogaland_letter": OFFICE_R,
}


def _needs_reports(cast) -> dict:
    reports = {}
    for name, (office, scheme, year, whose, state, named) in NEEDS_REPORTS.items():
        round_ = vestland_round(cast, scheme, year)
        if office == "rogaland":
            round_ = _round_at(round_, cast.rogaland)
        owner = None if whose == "network" else getattr(cast, whose)
        network = cast.network if whose == "network" else None
        report = NeedsReport.objects.create(round=round_, owner=owner, network=network, state=state)
        if named:
            report.units.set([cast.unit] if office == "vestland" else [])
            report.uh_partners.set([cast.uh])
        event_record(
            actor=None,
            kind="needs_report.created",
            obj=report,
            office=round_.office,
            organisation=owner or network.coordinator,
        )
        reports[name] = report
    return reports


def _round_at(round_, office):
    """The same scheme and year's round at another office."""
    other, _ = Round.objects.get_or_create(
        scheme=round_.scheme,
        year=round_.year,
        office=office,
        defaults={
            field: getattr(round_, field)
            for field in (
                "rule_set",
                "frame",
                "needs_deadline",
                "recommendation_deadline",
                "decision_deadline",
                "annual_report_deadline",
                "phase",
            )
        },
    )
    return other


def _clone(obj, **changes):
    other = copy.copy(obj)
    other.pk = other.id = None
    other._state.adding = True
    for field, value in changes.items():
        setattr(other, field, value)
    other.save()
    return other


def build_world(cast) -> dict[str, dict]:
    """Every object of the tables above, by kind and name."""
    needs = _needs_reports(cast)
    vestland_draft = draft_recommendation(cast)
    rogaland_round = _round_at(vestland_draft.round, cast.rogaland)
    recommendations = {
        "vestland_draft": vestland_draft,
        "vestland_adopted": adopted_recommendation(cast),
        "rogaland_draft": _clone(vestland_draft, round=rogaland_round, forum=cast.other_forum),
    }
    annual = submitted_report(cast)  # issues and pays Bergen's decision first
    bergen = issued_decision(cast)
    rogaland_decision = _clone(
        bergen,
        round=_round_at(bergen.round, cast.rogaland),
        recipient_organisation=cast.rogaland_owner,
    )
    decisions = {
        "bergen_issued": bergen,
        "fjord_draft": _clone(
            bergen, recipient_organisation=cast.other_owner, state=DecisionState.DRAFT
        ),
        "rogaland_issued": rogaland_decision,
    }
    for decision in decisions.values():
        event_record(
            actor=None,
            kind="decision.updated",
            obj=decision,
            office=decision.round.office,
            organisation=decision.recipient_organisation,
        )
    annual_reports = {
        "bergen_submitted": annual,
        "bergen_draft": _clone(annual, year=annual.year + 1, state=AnnualReportState.DRAFT),
        "rogaland_submitted": _clone(annual, decision=rogaland_decision),
    }
    journal = {
        "vestland_letter": _letter(cast.vestland, cast.caseworker, bergen),
        "rogaland_letter": _letter(cast.rogaland, cast.other_caseworker, rogaland_decision),
    }
    return {
        "needs_reports": needs,
        "recommendations": recommendations,
        "decisions": decisions,
        "annual_reports": annual_reports,
        "journal": journal,
    }


def _letter(office, actor, decision):
    """An unpublished grant letter, journalled by the office."""
    case_file = case_file_for(
        obj=decision, office=office, round=decision.round, title="Tilskot", actor=actor
    )
    return registry_entry_record(
        case_file=case_file,
        entry_type=EntryType.OUTGOING,
        title=f"Tilskotsbrev {office.name}",
        parties=[Party(name=str(decision.recipient_label))],
        document_bytes=b"%PDF-1.4",
        document_name="brev.pdf",
        document_title="Tilskotsbrev",
        actor=actor,
        published=False,
    )
