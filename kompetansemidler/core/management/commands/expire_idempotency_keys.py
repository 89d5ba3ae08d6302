"""Delete the one-time keys of forms and API calls older than the days they are kept.

Run it daily from cron, for example at 06:30:

    30 6 * * * cd /srv/kompetansemidler && .venv/bin/python manage.py expire_idempotency_keys
"""

from django.core.management.base import BaseCommand

from kompetansemidler.core.idempotency import KEEP_DAYS, idempotency_keys_expire


class Command(BaseCommand):
    help = f"Delete the one-time keys of forms and API calls older than {KEEP_DAYS} days."

    def handle(self, *args, **options):
        deleted = idempotency_keys_expire()
        self.stdout.write(f"{deleted} one-time key(s) deleted.")
