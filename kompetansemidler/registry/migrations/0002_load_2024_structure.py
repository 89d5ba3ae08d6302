from django.db import migrations

from kompetansemidler.registry.loading import load_structure


def load(apps, schema_editor):
    load_structure(
        apps.get_model("registry", "GovernorOffice"),
        apps.get_model("registry", "County"),
        apps.get_model("registry", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
