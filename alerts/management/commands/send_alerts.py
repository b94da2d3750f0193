"""Send the email alerts: ``manage.py send_alerts`` once (cron, a systemd timer), or ``--every 60`` as a worker.

Each run deletes unconfirmed subscriptions past their window, composes one alert per address for the
debates published since (drafts and withdrawn debates never count), then sends every queued message
that is due, each at most once (alerts/sender.py; docs/alerts.md). Several workers may run at once.
"""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from alerts import sender

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Delete expired unconfirmed subscriptions, compose alerts for newly published debates and send every "
        "queued message that is due (confirmations, notices, alerts), each at most once. Failed messages are "
        "tried again on later runs, with growing delays. With --every SECONDS it runs as a worker, for ever."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Run again SECONDS after each run finishes, until stopped (a worker beside `make serve`).",
        )

    def handle(self, *args, every=None, **options):
        if every is not None and every < 1:
            raise CommandError("--every takes a number of seconds from 1.")
        if every is None:
            self.run_once(options["verbosity"])
            return
        while True:
            close_old_connections()  # a worker outlives its connections (CONN_MAX_AGE, a restarted database)
            try:
                self.run_once(options["verbosity"])
            except Exception:
                logger.exception("send_alerts: this run failed; the next one starts in %d s.", every)
            time.sleep(every)

    def run_once(self, verbosity):
        expired = sender.expire()
        composed = sender.compose()
        outcome = sender.deliver_due()
        outcome.expired, outcome.composed = expired, composed
        outcome.stranded = sender.stranded()
        for message in outcome.stranded:
            claimed = f"{message.claimed_at:%Y-%m-%d %H:%M:%S}"
            self.stderr.write(
                self.style.WARNING(
                    f"Message {message.pk} ({message.get_kind_display()}) was claimed at {claimed} and never marked "
                    "sent: its sender stopped mid-send. It is not sent again, since it may have gone out; delete it, "
                    "or set its claimed_at to NULL to send it anyway."
                )
            )
        if verbosity >= 1:
            style = self.style.SUCCESS if not outcome.failed else self.style.WARNING
            self.stdout.write(style(f"Alerts: {outcome}."))
