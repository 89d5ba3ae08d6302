from django.db import migrations, models
from django.db.models import Max


def number_revisions(apps, schema_editor):
    """A letter's revision is its version (each letter so far stated one); an issued
    decision is at the revision of its newest letter, or 1 before its first letter."""
    Decision = apps.get_model("decisions", "Decision")
    Letter = apps.get_model("decisions", "Letter")
    Letter.objects.update(decision_revision=models.F("version"))
    newest = dict(
        Letter.objects.values("decision").annotate(m=Max("version")).values_list("decision", "m")
    )
    for decision in Decision.objects.exclude(state="draft").only("pk"):
        decision.revision = newest.get(decision.pk, 1)
        decision.save(update_fields=["revision"])


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_one_decision_per_recipient")]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="revision",
            field=models.PositiveIntegerField(default=0, verbose_name="revision"),
        ),
        migrations.AddField(
            model_name="letter",
            name="decision_revision",
            field=models.PositiveIntegerField(default=0, verbose_name="decision revision"),
            preserve_default=False,
        ),
        migrations.RunPython(number_revisions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="letter",
            constraint=models.UniqueConstraint(
                fields=("decision", "decision_revision"), name="letter_one_per_decision_revision"
            ),
        ),
    ]
