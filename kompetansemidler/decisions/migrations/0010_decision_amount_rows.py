import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0009_payment_budget_year_required'),
    ]

    operations = [
        migrations.CreateModel(
            name='DecisionAmount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('budget_year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2020), django.core.validators.MaxValueValidator(2100)], verbose_name='budget year')),
                ('category', models.CharField(default='general', max_length=60, verbose_name='category')),
                ('amount', models.DecimalField(decimal_places=0, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='amount')),
                ('co_financing', models.DecimalField(decimal_places=0, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='own financing required')),
            ],
            options={
                'verbose_name': 'decided amount',
                'verbose_name_plural': 'decided amounts',
                'ordering': ['decision', 'budget_year', 'category'],
            },
        ),
        migrations.AddField(
            model_name='decisionamount',
            name='decision',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='amount_rows', to='decisions.decision', verbose_name='decision'),
        ),
        migrations.AddConstraint(
            model_name='decisionamount',
            constraint=models.UniqueConstraint(fields=('decision', 'budget_year', 'category'), name='decisionamount_one_per_year_and_category'),
        ),
        migrations.AddConstraint(
            model_name='decisionamount',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0), ('co_financing__gte', 0)), name='decisionamount_not_negative'),
        ),
    ]
