"""The workflow kernel: a transition from a state its table does not allow is
refused with a reason naming the state and the action in the user's language,
changes nothing and records nothing; an allowed one moves the object and
records one event. A refusal reaches a form on its field."""

import pytest
from django import forms
from django.utils import translation

from kompetansemidler.core.workflow import (
    STATE_REFUSED,
    RefusalFinding,
    ServiceRefused,
    StaleEdit,
    refusal_status,
    refusal_to_form,
)
from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.needs.services import WORKFLOW
from tests.needs.conftest import make_round


@pytest.fixture
def draft(cast):
    return NeedsReport.objects.create(round=make_round(cast.vestland), owner=cast.owner)


def test_a_refused_source_state_names_the_state_and_the_action_in_the_users_language(cast, draft):
    with pytest.raises(ServiceRefused) as refused:
        WORKFLOW.apply(draft, "accept", actor=cast.caseworker)
    assert refused.value.code == STATE_REFUSED
    with translation.override("nb"):
        assert refused.value.message == "En melding med status «Utkast» kan ikke bli godkjent."
    with translation.override("nn"):
        assert refused.value.message == "Ei melding med status «Utkast» kan ikkje bli godkjend."
    with translation.override("en"):
        assert refused.value.message == "A report in the state “Draft” cannot be accepted."
    draft.refresh_from_db()
    assert draft.state == ReportState.DRAFT
    assert not Event.objects.for_object(draft).exists()


def test_an_allowed_transition_moves_the_object_and_records_one_event(cast, draft):
    WORKFLOW.apply(draft, "submit", actor=cast.owner_rep, office=cast.vestland, after={"x": 1})
    draft.refresh_from_db()
    assert draft.state == ReportState.SUBMITTED
    event = Event.objects.for_object(draft).get()
    assert event.kind == "needs_report.submitted"
    assert event.before == {"state": "draft"}
    assert event.after == {"state": "submitted", "x": 1}
    assert WORKFLOW.allowed(draft) == {"return", "accept"}


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)


def test_a_refusal_goes_on_its_field_and_the_rest_above_the_form():
    form = ReasonForm({"reason": ""})
    assert form.is_valid()
    refusal_to_form(form, ServiceRefused("no_reason", "Say why.", field="reason"))
    assert form.errors == {"reason": ["Say why."]}
    form = ReasonForm({"reason": ""})
    form.is_valid()
    refusal_to_form(
        form,
        ServiceRefused(
            "findings",
            "Fix these.",
            findings=[
                RefusalFinding("A", "On the field.", field="reason"),
                RefusalFinding("B", "On a line.", field="line:7.amount"),
            ],
        ),
    )
    assert form.errors == {"reason": ["On the field."], "__all__": ["On a line."]}


def test_the_status_of_each_kind_of_refusal(draft):
    assert refusal_status(ServiceRefused(STATE_REFUSED, "No.")) == 409
    assert refusal_status(StaleEdit(draft)) == 412
    assert (
        refusal_status(ServiceRefused("findings", "No.", findings=[RefusalFinding("A", "x")]))
        == 422
    )
    assert refusal_status(ServiceRefused("no_reason", "No.", field="reason")) == 422


def test_a_derived_state_is_read_by_its_function_and_named_by_its_labels():
    from types import SimpleNamespace

    from kompetansemidler.core.workflow import Transition, Workflow

    table = Workflow(
        refused="%(state)s cannot be %(action)s",
        state=lambda obj: "revoked" if obj.revoked_at else "active",
        labels={"active": "Active", "revoked": "Revoked"},
        transitions={"revoke": Transition(("active",), "revoked", "role.revoked", "revoked")},
    )
    grant = SimpleNamespace(revoked_at=None)
    assert table.allowed(grant) == {"revoke"}
    grant.revoked_at = "2026-01-01"
    assert table.allowed(grant) == set()
    with pytest.raises(ServiceRefused) as refused:
        table.check(grant, "revoke")
    assert refused.value.message == "Revoked cannot be revoked"
    # A derived state is never set by the kernel: the service writes what makes it.
    with pytest.raises(TypeError):
        table.apply(grant, "revoke", actor=None)
