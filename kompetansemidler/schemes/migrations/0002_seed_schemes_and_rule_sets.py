from django.db import migrations

from kompetansemidler.schemes.seed import load_seed


def seed(apps, schema_editor):
    load_seed(apps.get_model("schemes", "Scheme"), apps.get_model("schemes", "RuleSet"))


class Migration(migrations.Migration):
    dependencies = [("schemes", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
