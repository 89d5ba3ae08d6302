import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0011_move_amounts_into_rows'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='decision',
            name='decision_amounts_not_negative',
        ),
        migrations.RemoveField(
            model_name='decision',
            name='amount_year1',
        ),
        migrations.RemoveField(
            model_name='decision',
            name='amount_year2',
        ),
        migrations.RemoveField(
            model_name='decision',
            name='amount_year3',
        ),
        migrations.RemoveField(
            model_name='decision',
            name='co_financing',
        ),
        migrations.RemoveField(
            model_name='decision',
            name='commitment_year2',
        ),
        migrations.RemoveField(
            model_name='decision',
            name='commitment_year3',
        ),
    ]
