"""Statistics test data: rounds of two offices, schemes and years, with issued
and draft decisions, payments, repayments and commitments. Amounts are
pseudo-random but fixed by the seed, so a failure can be reproduced."""

import datetime
import random
from decimal import Decimal

from kompetansemidler.decisions.models import (
    Decision,
    DecisionAmount,
    DecisionState,
    Payment,
    PaymentState,
    UnusedFunds,
)
from kompetansemidler.recommendations.models import RecipientKind
from kompetansemidler.registry.models import Organisation, OrganisationKind
from kompetansemidler.reporting.models import AnnualReport, AnnualReportState, GoalAnswer
from kompetansemidler.schemes.models import Commitment
from tests.decisions.objects import sent_recommendation
from tests.needs.conftest import make_round

# A draft amount no issued figure can equal: it must never be shown anywhere.
DRAFT_AMOUNT = Decimal("7777777")


def build(cast, *, per_round: int = 2, seed: int = 1) -> list[Decision]:
    rng = random.Random(seed)
    recommendation = sent_recommendation(cast)
    offices = [(cast.vestland, cast.owner.county), (cast.rogaland, cast.rogaland_owner.county)]
    decisions = []
    number = Organisation.objects.count()
    for office, county in offices:
        for scheme in ("rekom", "dekom"):
            for year in (2026, 2027):
                round_ = make_round(
                    office, scheme, year, frame=Decimal(rng.randrange(5, 30) * 1_000_000)
                )
                Commitment.objects.create(
                    round=round_,
                    amount=Decimal(rng.randrange(1, 900_000)),
                    source="Vedtak frå tidlegare år",
                )
                for index in range(per_round):
                    number += 1
                    kind = (
                        OrganisationKind.PRIVATE_OWNER
                        if index % 3 == 0
                        else OrganisationKind.MUNICIPALITY
                    )
                    organisation = Organisation.objects.create(
                        organisation_number=f"{800000000 + number}",
                        name=f"Eigar {number}",
                        kind=kind,
                        county=county,
                    )
                    issued = index % 4 != 3
                    amounts = (
                        [Decimal(rng.randrange(1, 2_000_000)) for _ in range(3)]
                        if issued
                        else [DRAFT_AMOUNT, Decimal(0), Decimal(0)]
                    )
                    decision = Decision.objects.create(
                        round=round_,
                        recommendation=recommendation,
                        recipient_kind=RecipientKind.OWNER,
                        recipient_organisation=organisation,
                        measures="Språkarbeid",
                        reporting_deadline=datetime.date(year + 1, 3, 1),
                        state=DecisionState.ISSUED if issued else DecisionState.DRAFT,
                    )
                    DecisionAmount.objects.bulk_create(
                        DecisionAmount(decision=decision, budget_year=year + offset, amount=amount)
                        for offset, amount in enumerate(amounts)
                        if amount > 0
                    )
                    decisions.append(decision)
                    Payment.objects.create(
                        decision=decision,
                        paid_on=datetime.date(year, 6, 1),
                        budget_year=year,
                        amount=Decimal(rng.randrange(1, 500_000)),
                        state=PaymentState.APPROVED,
                    )
                    # Approved reports count; a submitted one (every third) must not.
                    report = AnnualReport.objects.create(
                        decision=decision,
                        year=year,
                        used=Decimal(rng.randrange(0, 900_000)),
                        participants_total=rng.randrange(0, 200),
                        units_reached=rng.randrange(0, 9),
                        state=(
                            AnnualReportState.SUBMITTED
                            if index % 3 == 2
                            else AnnualReportState.APPROVED
                        ),
                    )
                    for position, answer in enumerate(
                        ("yes", "partly", rng.choice(("yes", "no", "")))
                    ):
                        GoalAnswer.objects.create(
                            report=report,
                            kind="goal",
                            key=f"goal-{position}",
                            position=position,
                            question="Mål",
                            answer=answer,
                        )
                    if index % 2 == 0:
                        unused = Decimal(rng.randrange(2, 100_000))
                        repaid = Decimal(rng.randrange(1, int(unused)))
                        UnusedFunds.objects.create(
                            decision=decision,
                            unused=unused,
                            repaid=repaid,
                            carried_over=unused - repaid,
                            reason="Ikkje brukt",
                        )
    return decisions
