"""Run tasks from the PostgreSQL queue, with a lease on each running task.

    manage.py run_worker              # runs until stopped (SIGTERM finishes the task first)
    manage.py run_worker --batch      # runs what is queued, then exits

The same options as django-tasks-db's ``db_worker`` (queues, interval, worker
id); the difference is the lease and the reaper of ``core/worker.py``, which
put a task back in the queue when the worker running it dies.
"""

from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from kompetansemidler.core.worker import LeasedWorker


class Command(db_worker.Command):
    help = "Run queued background tasks (letters, reminders, exports), with leases."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
