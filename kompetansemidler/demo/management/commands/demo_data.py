"""Load the demo data set: one command, deterministic, safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from kompetansemidler.demo.build import build_demo


class Command(BaseCommand):
    help = "Load the demo data (Vestland) and print the demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            result = build_demo()
        self.stdout.write(result.summary())
