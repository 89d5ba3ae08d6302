"""Record and send the reminders due before the rounds' deadlines.

Safe to run as often as you like: each deadline reminds each person once.
Run it daily from cron, for example at 06:15:

    15 6 * * * cd /srv/kompetansemidler && .venv/bin/python manage.py send_reminders
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from kompetansemidler.needs.reminders import reminders_schedule


class Command(BaseCommand):
    help = "Record and send the reminders due before the funding rounds' deadlines."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Pretend today is this date (YYYY-MM-DD).",
        )

    def handle(self, *args, today=None, **options):
        created = reminders_schedule(today=today or timezone.localdate())
        self.stdout.write(f"{len(created)} reminder(s) recorded and enqueued.")
