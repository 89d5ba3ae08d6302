"""The one workflow kernel: transition tables as data, one refusal, and how a
refusal reaches a form or an API client.

Every case model with a lifecycle (needs report, recommendation, decision,
annual report, round) declares its transitions once, as a ``Workflow``::

    WORKFLOW = Workflow(
        refused=REFUSED_STATE,  # "A report in the state “%(state)s” cannot be %(action)s."
        transitions={
            "submit": Transition((DRAFT, RETURNED), SUBMITTED, "needs_report.submitted",
                                 _("submitted")),
        },
    )

and its named verbs (``needs_report_submit``) read the object with ``locked(obj)``
and call ``WORKFLOW.apply(obj, "submit", actor=...)`` inside their transaction:
it checks the source state, moves the object, saves it and records the history
event.

A model whose state is not one field but follows from others (a role grant is
revoked once ``revoked_at`` is set; a forum membership has ended once ended or
past its period) gives the table ``state=``, a function of the object, and
``labels`` for its states' words. Such a state is only read: the service checks
the transition with ``WORKFLOW.check(obj, "revoke")`` and writes the fields that
make the new state itself (``apply`` refuses a derived state).

Every refusal a service makes is a ``ServiceRefused``: a machine ``code``, a
translatable ``message`` with its ``params`` (rendered in the language active
when it is read, so a view shows it in the user's language), and, for refusals
that come from rules or input, the ``findings`` behind it. ``StaleEdit`` is the
refusal of a write based on an old version. Views turn a refusal into form
errors with ``refusal_to_form``; the API turns it into its error body with
``refusal_status`` (409 a state that does not allow it, 412 a stale write, 422
rule findings or input) — see ``kompetansemidler.api.errors``.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.contributions import collected
from kompetansemidler.history.services import event_record

# The codes the kernel itself gives; services add their own (``"deadline"``…).
STATE_REFUSED = "state_refused"
STALE = "stale"

Message = str | Promise


@dataclass(frozen=True)
class Transition:
    """One allowed move: from any of ``sources`` to ``target``.

    ``target`` None keeps the state (a transition that changes other fields,
    such as reopening a report after its deadline). ``event`` is the history
    event's kind; ``label`` is the action in words, as it reads in the
    refusal ("cannot be %(action)s") or on the button. ``refused``, if given,
    replaces the table's refusal message for this transition.
    """

    sources: tuple[str, ...]
    target: str | None
    event: str
    label: Message
    refused: Message | None = None


@dataclass(frozen=True)
class RefusalFinding:
    """One reason behind a refusal: a rule finding or a problem with one input.

    ``message`` may be lazy; it is rendered when read. ``field`` names the
    input or the line it is tied to ("" for the whole object).
    """

    code: str
    message: Message
    severity: str = "error"
    field: str = ""


class ServiceRefused(Exception):
    """A write the rules do not allow, with the reason in words a user can act on.

    ``code`` is stable and machine-readable (``state_refused``, ``stale`` or the
    service's own, e.g. ``deadline``); ``message`` is the reason with ``params``
    filled in, in the active language. ``findings`` are the rule findings or
    input problems behind it; ``field`` names the one input at fault, if any.
    """

    def __init__(
        self,
        code: str,
        message: Message,
        params: Mapping[str, Any] | None = None,
        *,
        findings: Sequence[RefusalFinding] = (),
        field: str = "",
    ):
        super().__init__(code)
        self.code = code
        self.template = message
        self.params = dict(params or {})
        self.findings = list(findings)
        self.field = field

    @property
    def message(self) -> str:
        """The reason in the active language, parameters filled in."""
        template = str(self.template)
        return template % self.params if self.params else template

    def __str__(self) -> str:
        return self.message


STALE_MESSAGE = _("Someone else saved this after you opened it.")


class StaleEdit(ServiceRefused):
    """Someone else saved the object after the user opened it; ``current`` is
    the saved version, so the page can show it beside what the user typed."""

    def __init__(self, current: Model, message: Message = STALE_MESSAGE):
        super().__init__(STALE, message)
        self.current = current


def locked[M: Model](obj: M, *related: str) -> M:
    """``obj`` read again with its row locked until the transaction ends, with the
    ``related`` rows joined; what a service reads before checking a transition.

    Only the object's own row is locked: PostgreSQL will not lock the nullable
    side of an outer join, and the joined rows are only read.
    """
    # Through the model in _meta, so a lazy request.user works too.
    rows = obj._meta.model._default_manager.select_for_update(of=("self",))
    if related:
        rows = rows.select_related(*related)
    return rows.get(pk=obj.pk)


_joined = lazy(lambda labels: ", ".join(str(label) for label in labels), str)


# Every transition table, so start-up checks can read what events they write.
WORKFLOWS: list["Workflow"] = []


@dataclass(frozen=True)
class Workflow:
    """The transition table of one model, and the only way its state changes.

    ``refused`` is the message for a transition from a state not among its
    sources; it may use ``%(state)s`` (the current state's label),
    ``%(action)s`` (the transition's label) and ``%(sources)s`` (the labels of
    the states it can be taken from).

    The state is the model field ``field``, or, for a model whose state follows
    from other fields, what ``state(obj)`` returns; ``labels`` then names those
    states (a field's own choices name them otherwise).
    """

    refused: Message
    transitions: Mapping[str, Transition]
    field: str = "state"
    state: Callable[[Any], str] | None = None
    labels: Mapping[str, Message] = dataclass_field(default_factory=dict)

    def __post_init__(self) -> None:
        WORKFLOWS.append(self)

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def state_of(self, obj: Model) -> str:
        """``obj``'s state, read from its field or derived by ``state``."""
        return self.state(obj) if self.state is not None else getattr(obj, self.field)

    def allowed(self, obj: Model) -> set[str]:
        """The names of the transitions ``obj``'s state allows."""
        state = self.state_of(obj)
        return {name for name, t in self.transitions.items() if state in t.sources}

    def _label(self, obj: Model, value: str) -> Message:
        # The lazy label, so the refusal reads in the language of whoever reads it.
        if self.state is not None:
            return self.labels.get(value, value)
        choices = getattr(obj._meta.get_field(self.field), "flatchoices", ())
        return dict(choices).get(value, value)

    def refuse(
        self,
        obj: Model,
        action: Message,
        sources: Sequence[str] = (),
        message: Message | None = None,
    ) -> ServiceRefused:
        """The refusal of ``action`` in ``obj``'s current state, to raise; also for
        actions outside the table (editing a draft)."""
        labels = [self._label(obj, s) for s in sources]
        return ServiceRefused(
            STATE_REFUSED,
            message or self.refused,
            {
                "state": self._label(obj, self.state_of(obj)),
                "action": action,
                "sources": _joined(labels),
            },
        )

    def check(self, obj: Model, name: str) -> Transition:
        """The transition ``name``, or ServiceRefused if ``obj``'s state does not allow it."""
        transition = self.transitions[name]
        if self.state_of(obj) not in transition.sources:
            raise self.refuse(obj, transition.label, transition.sources, transition.refused)
        return transition

    def apply[M: Model](
        self,
        obj: M,
        name: str,
        *,
        actor,
        summary: Message = "",
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        office=None,
        organisation=None,
        **changes: Any,
    ) -> M:
        """Move ``obj`` through transition ``name`` and record the event.

        The caller holds the row lock and the transaction. ``changes`` are set on
        ``obj`` with the new state (an expression such as ``F("lock_version") + 1``
        is read back after saving). The event's ``before`` and ``after`` hold the
        state plus what the caller adds. Not for a derived state (see ``state``).
        """
        if self.state is not None:
            raise TypeError("A derived state is only checked; the service writes the change.")
        transition = self.check(obj, name)
        source = getattr(obj, self.field)
        if transition.target is not None:
            setattr(obj, self.field, transition.target)
        for attribute, value in changes.items():
            setattr(obj, attribute, value)
        obj.save()
        if any(hasattr(value, "resolve_expression") for value in changes.values()):
            obj.refresh_from_db()
        event_record(
            actor=actor,
            kind=transition.event,
            obj=obj,
            summary=str(summary),
            before={self.field: source, **(before or {})},
            after={self.field: getattr(obj, self.field), **(after or {})},
            office=office,
            organisation=organisation,
        )
        for effect in transition_effects(transition.event):
            effect(actor, obj)
        return obj


def transition_effects(event: str) -> list:
    """The functions other apps contribute (``transition_effects.py``) for the
    transition whose history event is ``event``, in INSTALLED_APPS order. They
    run in the transition's transaction: if one fails, the transition does too."""
    return [
        effect
        for effects in collected("transition_effects", "EFFECTS")
        for effect in effects.get(event, ())
    ]


def refusal_to_form(
    form, refused: ServiceRefused, field_of: Mapping[str, str] | None = None
) -> None:
    """Show ``refused`` on ``form``: each finding on its field when the form has
    it, the rest (and a refusal without findings) above the form. ``field_of``
    maps a finding's field to the form's name for it where they differ."""
    field_of = field_of or {}

    def add(name: str, message: Message) -> None:
        name = field_of.get(name, name)
        form.add_error(name if name in form.fields else None, str(message))

    if not refused.findings:
        add(refused.field, refused.message)
    for finding in refused.findings:
        add(finding.field, finding.message)


def refusal_status(refused: ServiceRefused) -> int:
    """The HTTP status of a refusal: 412 a stale write, 422 rule findings or a
    faulty input, 409 a state (or the case's other data) that does not allow it."""
    if isinstance(refused, StaleEdit):
        return 412
    if refused.findings or refused.field:
        return 422
    return 409


def refusal_findings(refused: ServiceRefused) -> list[dict[str, str]]:
    """The findings as the API gives them; a refusal of one input is one finding."""
    findings = refused.findings or (
        [RefusalFinding(refused.code, refused.message, field=refused.field)]
        if refused.field
        else []
    )
    return [
        {
            "code": f.code,
            "severity": str(f.severity),
            "message": str(f.message),
            "field": f.field,
        }
        for f in findings
    ]
