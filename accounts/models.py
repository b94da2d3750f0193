"""Failed admin log-ins, counted per user name (config/throttle.py locks a name after too many)."""

import hashlib
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, router, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def login_name(username):
    """The user name as authentication reads it, and case-folded: every spelling of one name gives one value.

    Django's log-in form strips the name and normalises it to NFKC (``UsernameField``, as
    ``AbstractBaseUser.normalize_username``), so ``ｖｉｃｔｉｍ`` (fullwidth) and ``𝐯𝐢𝐜𝐭𝐢𝐦``
    (mathematical bold) log in as ``victim``.  Case folding can leave a string that NFKC changes
    again, hence the second normalisation (Unicode's NFKC_Casefold does the same).
    """
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).strip().casefold())


def _digest(name):
    return hashlib.sha256(name.encode()).hexdigest()


class LoginFailureQuerySet(models.QuerySet):
    """Failure counts by user name; each method takes the name as typed and normalises it (:func:`login_name`)."""

    def current(self):
        """Counts whose last failure is recent enough to count: a count lapses a lockout period after it."""
        cutoff = timezone.now() - timedelta(seconds=settings.ARCHIVE_LOGIN_LOCKOUT_SECONDS)
        return self.filter(last_failure_at__gt=cutoff)

    def for_name(self, username):
        return self.filter(name_digest=_digest(login_name(username)))

    def failures(self, username):
        """How many failed log-ins count against ``username`` now."""
        return self.current().for_name(username).values_list("failures", flat=True).first() or 0

    def record(self, username):
        """Count one more failure against ``username``, atomically; return the count it reached.

        One ``UPDATE … SET failures = failures + 1`` (or 1 when the last count has lapsed), and an
        ``INSERT`` for a name never counted: concurrent failures are all counted, whichever server
        process takes them.
        """
        now = timezone.now()
        cutoff = now - timedelta(seconds=settings.ARCHIVE_LOGIN_LOCKOUT_SECONDS)
        counted = Case(When(last_failure_at__gt=cutoff, then=F("failures") + 1), default=Value(1))
        primary = router.db_for_write(self.model)
        digest = _digest(login_name(username))
        rows = self.using(primary).filter(name_digest=digest)
        with transaction.atomic(using=primary):
            if not rows.update(failures=counted, last_failure_at=now):
                try:
                    with transaction.atomic(using=primary):
                        self.using(primary).create(name_digest=digest, failures=1, last_failure_at=now)
                    return 1
                except IntegrityError:  # another process counted this name's first failure meanwhile
                    rows.update(failures=counted, last_failure_at=now)
            # The UPDATE holds the row until the transaction ends, so this reads this failure's own count.
            return rows.values_list("failures", flat=True).get()

    def clear(self, username):
        """Forget the failures counted against ``username``; return whether there were any."""
        deleted, _ = self.for_name(username).delete()
        return bool(deleted)


class LoginFailure(models.Model):
    """The failed admin log-ins counted against one user name, and when the last one was.

    The name is kept only as a digest of its normalised form: people sometimes type their
    password into the user name box, and a count needs no readable name.
    """

    name_digest = models.CharField(
        _("user name digest"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the normalised, case-folded user name (accounts.models.login_name)."),
    )
    failures = models.PositiveIntegerField(_("failed log-ins"), default=0)
    last_failure_at = models.DateTimeField(_("last failure"))

    objects = LoginFailureQuerySet.as_manager()

    class Meta:
        verbose_name = _("failed log-in count")

    def __str__(self):
        return f"{self.failures} failed log-ins, the last at {self.last_failure_at:%Y-%m-%d %H:%M:%S}"
