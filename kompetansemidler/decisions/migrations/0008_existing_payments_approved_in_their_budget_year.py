"""Payments registered before budget years and the two-person check stay paid
money, in the budget year they settled.

Each existing payment gets the year of its payment date as its budget year,
kept within its decision's three budget years (an advance paid the year before
the round settles year 1; a payment after the third year settles year 3), and
the state "approved": it was registered as paid, so every paid figure stays as
it was. Its approver is left empty (nobody approved it separately); the time it
was registered stands as its approval.
"""

from django.db import migrations

YEARS = 3


def forwards(apps, schema_editor):
    Payment = apps.get_model("decisions", "Payment")
    for payment in Payment.objects.select_related("decision__round").iterator():
        first = payment.decision.round.year
        payment.budget_year = min(max(payment.paid_on.year, first), first + YEARS - 1)
        payment.state = "approved"
        payment.approved_at = payment.created_at
        payment.save(update_fields=["budget_year", "state", "approved_at"])


def backwards(apps, schema_editor):
    """Nothing to undo: the fields go when 0005 is reversed."""


class Migration(migrations.Migration):
    dependencies = [("decisions", "0007_payment_budget_year_approval_and_repayment_claims")]

    operations = [migrations.RunPython(forwards, backwards)]
