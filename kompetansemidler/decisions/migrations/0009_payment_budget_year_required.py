from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("decisions", "0008_existing_payments_approved_in_their_budget_year")]

    operations = [
        migrations.AlterField(
            model_name="payment",
            name="budget_year",
            field=models.PositiveSmallIntegerField(verbose_name="budget year"),
        ),
    ]
