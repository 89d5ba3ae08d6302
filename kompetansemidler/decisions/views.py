"""Decision pages: the list, a round's overview, one decision, the letter PDF and
the exports. Views translate HTTP; every write is one service call, and a
refusal re-shows the page with the reason and everything typed kept."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kompetansemidler.accounts.policy import (
    approver_office_ids,
    caseworker_office_ids,
    ensure,
    is_national_admin,
    permission_required,
)
from kompetansemidler.core.exports import Column, ColumnKind, export_response
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.ids import is_id
from kompetansemidler.core.paging import paginate
from kompetansemidler.core.progress import progress_latest
from kompetansemidler.core.workflow import ServiceRefused, refusal_to_form
from kompetansemidler.recommendations.models import Recommendation, RecommendationState
from kompetansemidler.schemes.models import Round

from .appeals import appeal_decide, appeal_register
from .forms import (
    AppealForm,
    AppealOutcomeForm,
    DecisionForm,
    DeclineForm,
    ListFilters,
    PaymentForm,
    ReceiptForm,
    ReversalForm,
    UdirOutcomeForm,
    UnusedForm,
)
from .letters import letters_for_round, letters_scope
from .models import (
    Appeal,
    AppealOutcome,
    Decision,
    DecisionState,
    Declination,
    Letter,
    Payment,
    RepaymentClaim,
)
from .money import money_by_year
from .payments import payment_approve, payment_register
from .permissions import (
    can_decide,
    can_decide_in,
    can_decline,
    can_read_round,
    can_read_rounds,
    can_use_decisions,
)
from .receivables import repayment_receive
from .selectors import (
    available_in_round,
    decision_visible_or_403,
    decisions_visible_to,
    paid_total,
    payments_for_round,
    set_aside_distributed,
)
from .services import (
    decision_update,
    decisions_approve,
    decisions_draft,
    unused_funds_decide,
)
from .templatetags.km_decisions import person

CHECK_FIELDS = gettext_lazy("Check the fields marked below.")
LIST_COLUMNS = [
    Column(gettext_lazy("Recipient"), lambda d: d.recipient_label),
    Column(gettext_lazy("Funding round"), lambda d: str(d.round)),
    Column(gettext_lazy("State"), lambda d: d.get_state_display()),
    Column(gettext_lazy("Recommended, year 1"), lambda d: d.recommended_year1, ColumnKind.KRONER),
    Column(gettext_lazy("Year 1"), lambda d: d.amount_year1, ColumnKind.KRONER),
    Column(gettext_lazy("Year 2"), lambda d: d.amount_year2, ColumnKind.KRONER),
    Column(gettext_lazy("Year 3"), lambda d: d.amount_year3, ColumnKind.KRONER),
    Column(
        gettext_lazy("Own financing required, year 1"),
        lambda d: d.co_financings[0],
        ColumnKind.KRONER,
    ),
    Column(
        gettext_lazy("Own financing required, all years"),
        lambda d: d.co_financing,
        ColumnKind.KRONER,
    ),
    Column(gettext_lazy("Paid"), lambda d: d.paid or Decimal(0), ColumnKind.KRONER),
]


PAYMENT_COLUMNS = [
    Column(gettext_lazy("Payment date"), lambda p: p.paid_on, ColumnKind.DATE),
    Column(gettext_lazy("Budget year"), lambda p: p.budget_year, ColumnKind.INTEGER),
    Column(gettext_lazy("Accounting year"), lambda p: p.accounting_year, ColumnKind.INTEGER),
    Column(
        gettext_lazy("Organisation number"),
        lambda p: p.decision.recipient_organisation.organisation_number,
    ),
    Column(gettext_lazy("Recipient"), lambda p: p.decision.recipient_label),
    Column(gettext_lazy("Decision"), lambda p: p.decision_id, ColumnKind.INTEGER),
    Column(gettext_lazy("Amount (NOK)"), lambda p: p.amount, ColumnKind.KRONER),
    Column(gettext_lazy("State"), lambda p: p.get_state_display()),
    Column(gettext_lazy("Attested by"), lambda p: person(p.prepared_by)),
    Column(gettext_lazy("Authorised by"), lambda p: person(p.approved_by)),
    Column(gettext_lazy("Note"), lambda p: p.note),
    Column(gettext_lazy("Reason for paying late"), lambda p: p.late_reason),
]


def _filtered(request):
    decisions = decisions_visible_to(request.user)
    filters = ListFilters(request.GET or None)
    rounds = Round.objects.filter(pk__in=decisions.values("round")).select_related(
        "scheme", "office"
    )
    filters.fields["round"].choices = [("", _("All"))] + [(r.pk, str(r)) for r in rounds]
    filters.fields["state"].choices = [("", _("All"))] + list(DecisionState.choices)
    if filters.is_valid():
        if filters.cleaned_data["round"]:
            decisions = decisions.filter(round=filters.cleaned_data["round"])
        if filters.cleaned_data["state"]:
            decisions = decisions.filter(state=filters.cleaned_data["state"])
    return decisions.order_by("-round__year", "recipient_organisation__name", "id"), filters


@permission_required(can_use_decisions)
def index(request):
    decisions, filters = _filtered(request)
    rounds = []
    if can_read_rounds(request.user):
        rounds = (
            Round.objects.filter(recommendations__state=RecommendationState.SENT)
            .filter(pk__in=_round_ids(request.user))
            .select_related("scheme", "office")
            .distinct()
        )
    paging = paginate(request, decisions.with_paid(), 50)
    return render(
        request,
        "decisions/index.html",
        {
            "paging": paging,
            "filters": filters,
            "rounds": rounds,
            "may_read_appeals": bool(can_read_rounds(request.user)),
        },
    )


def _round_ids(user):
    rows = Round.objects.all()
    if not is_national_admin(user):
        rows = rows.filter(office__in=caseworker_office_ids(user))
    return rows.values("pk")


@permission_required(can_use_decisions)
def decision_list_export(request, fmt):
    decisions, _filters = _filtered(request)
    return export_response(
        rows=decisions.with_paid(),
        columns=LIST_COLUMNS,
        fmt=fmt,
        filename="vedtak",
    )


def _round_or_403(user, pk) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("scheme", "office"), pk=pk)
    ensure(can_read_round(user, round_))
    return round_


@permission_required(can_read_rounds)
def round_overview(request, pk):
    round_ = _round_or_403(request.user, pk)
    # The letters without their PDFs, newest first, fetched once for the whole table.
    letters = Prefetch(
        "letters", queryset=Letter.objects.order_by("-version"), to_attr="letter_list"
    )
    decisions = list(
        decisions_visible_to(request.user)
        .filter(round=round_)
        .with_paid()
        .select_related("recommendation", "set_aside")
        .prefetch_related(letters, "amount_rows")
        .order_by("recipient_organisation__name", "id")
    )
    totals = {
        key: sum((getattr(d, key) or Decimal(0) for d in decisions), Decimal(0))
        for key in ("recommended_year1", "amount_year1", "paid")
    }
    sent = _sent_undrafted(round_)
    set_asides = [
        (set_aside, set_aside_distributed(set_aside))
        for set_aside in round_.set_asides.filter(withdrawn_at__isnull=True).order_by("id")
    ]
    return render(
        request,
        "decisions/round.html",
        {
            "round": round_,
            "decisions": decisions,
            "totals": totals,
            "available": available_in_round(round_),
            "can_decide": bool(can_decide_in(request.user, round_)),
            "recommendation": sent,
            "can_draft": sent is not None,
            "set_asides": [(sa, done, sa.amount - done) for sa, done in set_asides],
            "letters_missing": sum(1 for d in decisions if d.is_issued and not d.letter_list),
            "drafts": [d for d in decisions if d.is_draft],
            "may_approve": round_.office_id in approver_office_ids(request.user),
            "progress": progress_latest(letters_scope(round_.pk)),
        },
    )


def _sent_undrafted(round_) -> Recommendation | None:
    """The first recommendation sent to the round that has no decisions yet: the
    ordinary one, then each supplementary one in turn."""
    return (
        Recommendation.objects.filter(
            round=round_, state=RecommendationState.SENT, decisions__isnull=True
        )
        .order_by("sent_at", "id")
        .first()
    )


@permission_required(can_read_rounds)
def round_letters_progress(request, pk):
    """How far the round's letters have come: the panel of the round's page alone,
    which htmx polls while the letters are being made (without JavaScript, the
    page itself is reloaded)."""
    round_ = _round_or_403(request.user, pk)
    return render(
        request,
        "decisions/_letters_progress.html",
        {
            "round": round_,
            "can_decide": bool(can_decide_in(request.user, round_)),
            "progress": progress_latest(letters_scope(round_.pk)),
        },
    )


@require_POST
@permission_required(can_decide)
@idempotent
def round_letter_retry(request, pk):
    """Try again the letter of one decision that failed in the round's last run;
    counted on that run's progress."""
    round_ = _round_or_403(request.user, pk)
    ensure(can_decide_in(request.user, round_))
    progress = progress_latest(letters_scope(round_.pk))
    failed = {f["item"] for f in progress.failures} if progress else set()
    decision_id = request.POST.get("decision", "")
    if not is_id(decision_id) or int(decision_id) not in failed:
        messages.error(request, _("That letter is not among the failed ones."))
        return redirect("decisions:round", pk=round_.pk)
    letters_for_round.enqueue(
        round_id=round_.pk,
        actor_id=request.user.pk,
        decision_ids=[int(decision_id)],
        progress_of=str(progress.task_id),
    )
    messages.success(request, _("The letter is being made again."))
    return redirect("decisions:round", pk=round_.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def round_approve(request, pk):
    """One approval for the drafts the approver ticked on the round's page (the
    list she has seen); then the letters are made and sent."""
    round_ = _round_or_403(request.user, pk)
    ensure(can_decide_in(request.user, round_))
    ids = {int(i) for i in request.POST.getlist("decision") if is_id(i)}
    drafts = list(
        Decision.objects.filter(round=round_, state=DecisionState.DRAFT, pk__in=ids).order_by("pk")
    )
    if not drafts:
        messages.error(request, _("Tick the decisions you approve."))
        return redirect("decisions:round", pk=round_.pk)
    try:
        issued = decisions_approve(actor=request.user, decisions=drafts)
    except ServiceRefused as refused:
        messages.error(request, refused.message)
        return redirect("decisions:round", pk=round_.pk)
    letters_for_round.enqueue(round_id=round_.pk, actor_id=request.user.pk)
    messages.success(
        request,
        _("%(count)s decisions approved; the grant letters are being made and sent.")
        % {"count": len(issued)},
    )
    return redirect("decisions:round", pk=round_.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def round_draft(request, pk):
    round_ = _round_or_403(request.user, pk)
    ensure(can_decide_in(request.user, round_))
    recommendation = _sent_undrafted(round_)
    if recommendation is None:
        messages.error(request, _("The round has no recommendation sent from the forum."))
    else:
        try:
            made = decisions_draft(actor=request.user, recommendation=recommendation)
        except ServiceRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("%(count)s draft decisions made.") % {"count": len(made)})
    return redirect("decisions:round", pk=round_.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def round_letters(request, pk):
    round_ = _round_or_403(request.user, pk)
    ensure(can_decide_in(request.user, round_))
    letters_for_round.enqueue(round_id=round_.pk, actor_id=request.user.pk)
    messages.success(
        request, _("The grant letters are being made and sent; reload the page to see them.")
    )
    return redirect("decisions:round", pk=round_.pk)


def _dismissed(decision):
    return [a for a in decision.appeals.all() if a.outcome == AppealOutcome.DISMISSED]


def _receipt_form(claim, forms) -> ReceiptForm:
    """The receipt form of an open claim: as typed when it was just refused."""
    if forms.get("receipt_claim") == claim.pk:
        return forms["receipt"]
    return ReceiptForm(prefix=f"r{claim.pk}", initial={"received_amount": claim.amount})


def _detail(request, decision, *, forms=None, status=200, refusal=""):
    may_decide = bool(can_decide_in(request.user, decision.round))
    declination = Declination.objects.filter(decision=decision).first()
    forms = forms or {}
    appeal_right = decision.has_appeal_right
    money_years = money_by_year(decision)
    context = {
        "decision": decision,
        "money_years": money_years,
        # One ordinary category says nothing the decided column does not.
        "show_categories": decision.categories not in ((), ("general",)),
        "may_decide": may_decide,
        "may_approve": decision.round.office_id in approver_office_ids(request.user),
        "may_udir": is_national_admin(request.user),
        "may_decline": decision.is_issued
        and declination is None
        and bool(can_decline(request.user, decision)),
        "declination": declination,
        "refusal": refusal,
        "letters": decision.letters.all(),
        "notices": decision.notices.select_related("registry_entry"),
        "payments": decision.payments.select_related("prepared_by", "approved_by"),
        "paid": paid_total(decision),
        "appeals": decision.appeals.all(),
        "unused_funds": decision.unused_funds.all(),
        "decline_form": forms.get("decline") or DeclineForm(prefix="n"),
        "claims": [
            (claim, _receipt_form(claim, forms) if may_decide and claim.is_open else None)
            for claim in decision.repayment_claims.select_related("reused_in_round__scheme")
        ],
    }
    if is_national_admin(request.user):
        context["udir_form"] = forms.get("udir") or UdirOutcomeForm(prefix="ud")
    if may_decide:
        context |= {
            "form": forms.get("form") or DecisionForm.for_decision(decision),
            "payment_form": forms.get("payment") or PaymentForm(prefix="p", decision=decision),
            "appeal_form": forms.get("appeal")
            or AppealForm(prefix="a", dismissed=_dismissed(decision)),
            "outcome_form": forms.get("outcome")
            or AppealOutcomeForm(prefix="o", appeal_right=appeal_right),
            "reversal_form": forms.get("reversal") or ReversalForm(prefix="r"),
            "unused_form": forms.get("unused") or UnusedForm(prefix="u"),
        }
    return render(request, "decisions/detail.html", context, status=status)


@permission_required(can_use_decisions)
def decision_detail(request, pk):
    return _detail(request, decision_visible_or_403(request.user, pk))


def _for_decider(request, pk) -> Decision:
    decision = decision_visible_or_403(request.user, pk)
    ensure(can_decide_in(request.user, decision.round))
    return decision


def _again(request, decision, key, form, refusal):
    """The decision's page again with ``form`` as typed and why it was not saved."""
    return _detail(request, decision, forms={key: form}, status=400, refusal=refusal)


@require_POST
@permission_required(can_decide)
@idempotent
def decision_update_view(request, pk):
    decision = _for_decider(request, pk)
    form = DecisionForm.for_decision(decision, request.POST)
    if not form.is_valid():
        return _again(request, decision, "form", form, CHECK_FIELDS)
    issue = "issue" in request.POST
    try:
        decision_update(
            actor=request.user,
            decision=decision,
            amounts=form.amounts(),
            conditions=form.cleaned_data["conditions"],
            reasons=form.cleaned_data["reasons"],
            justification=form.cleaned_data["justification"],
            checklist=form.checklist(),
            issue=issue,
        )
    except ServiceRefused as refused:
        return _again(request, decision, "form", form, refused.message)
    messages.success(request, _("The decision is issued.") if issue else _("Saved."))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def payment_add(request, pk):
    decision = _for_decider(request, pk)
    form = PaymentForm(request.POST, prefix="p", decision=decision)
    if not form.is_valid():
        return _again(request, decision, "payment", form, CHECK_FIELDS)
    try:
        payment_register(actor=request.user, decision=decision, **form.cleaned_data)
    except ServiceRefused as refused:
        refusal_to_form(form, refused)
        return _again(request, decision, "payment", form, refused.message)
    messages.success(
        request,
        _("The payment is prepared; another caseworker with budget authority approves it."),
    )
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def payment_approve_view(request, pk, payment_pk):
    """The approval (anvisning) of one prepared payment by a second caseworker."""
    decision = _for_decider(request, pk)
    payment = get_object_or_404(Payment, pk=payment_pk, decision_id=decision.pk)
    try:
        payment_approve(actor=request.user, payment=payment)
    except ServiceRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The payment is approved."))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def repayment_receive_view(request, pk, claim_pk):
    decision = _for_decider(request, pk)
    claim = get_object_or_404(RepaymentClaim, pk=claim_pk, decision_id=decision.pk)
    form = ReceiptForm(request.POST, prefix=f"r{claim.pk}")
    forms = {"receipt": form, "receipt_claim": claim.pk}
    if not form.is_valid():
        return _detail(request, decision, forms=forms, status=400, refusal=CHECK_FIELDS)
    try:
        repayment_receive(actor=request.user, claim=claim, **form.cleaned_data)
    except ServiceRefused as refused:
        refusal_to_form(form, refused)
        return _detail(request, decision, forms=forms, status=400, refusal=refused.message)
    messages.success(request, _("The repayment is registered as received."))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def appeal_add(request, pk):
    decision = _for_decider(request, pk)
    form = AppealForm(request.POST, prefix="a", dismissed=_dismissed(decision))
    if not form.is_valid():
        return _again(request, decision, "appeal", form, CHECK_FIELDS)
    try:
        appeal_register(actor=request.user, decision=decision, **form.values())
    except ServiceRefused as refused:
        return _again(request, decision, "appeal", form, refused.message)
    messages.success(request, _("The appeal is registered."))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def appeal_outcome(request, pk, appeal_pk):
    decision = _for_decider(request, pk)
    appeal = get_object_or_404(Appeal, pk=appeal_pk, decision_id=decision.pk)
    form = AppealOutcomeForm(request.POST, prefix="o", appeal_right=decision.has_appeal_right)
    if not form.is_valid():
        return _again(request, decision, "outcome", form, CHECK_FIELDS)
    try:
        appeal_decide(
            actor=request.user,
            appeal=appeal,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            amounts=form.amounts(decision),
            ground=form.cleaned_data.get("ground") or "",
        )
    except ServiceRefused as refused:
        return _again(request, decision, "outcome", form, refused.message)
    messages.success(request, _("The outcome of the appeal is recorded."))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def unused_add(request, pk):
    decision = _for_decider(request, pk)
    form = UnusedForm(request.POST, prefix="u")
    if not form.is_valid():
        return _again(request, decision, "unused", form, CHECK_FIELDS)
    try:
        unused_funds_decide(actor=request.user, decision=decision, **form.cleaned_data)
    except ServiceRefused as refused:
        return _again(request, decision, "unused", form, refused.message)
    messages.success(request, _("The decision on unused funds is recorded."))
    return redirect("decisions:detail", pk=decision.pk)


@permission_required(can_use_decisions)
def letter_pdf(request, pk):
    letter = Letter.objects.filter(pk=pk).select_related("decision").first()
    if letter is None:
        raise Http404
    decision = decision_visible_or_403(request.user, letter.decision_id)
    if not decision.is_issued:
        raise PermissionDenied(_("The letter is not sent yet."))
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="tilskuddsbrev-{decision.pk}-{letter.version}.pdf"'
    )
    return response


@permission_required(can_read_rounds)
def payments_export(request, pk, fmt):
    round_ = _round_or_403(request.user, pk)
    return export_response(
        rows=payments_for_round(request.user, round_),
        columns=PAYMENT_COLUMNS,
        fmt=fmt,
        filename=f"utbetalingar-{round_.scheme.code}-{round_.year}",
    )
