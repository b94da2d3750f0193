"""The secretariat's publishing workflow and the restore of earlier versions.

A debate moves through these steps; each one records who took it, when, and
an optional note (:class:`~debates.models.StatusChange`):

====================  ===========================  ==========================================
step                  from → to                    who
====================  ===========================  ==========================================
send to review        draft → in review            editors and reviewers (the note is read
                                                   by the reviewer)
return to draft       in review → draft            editors and reviewers
publish               in review → published        reviewers, not the person who sent it to
                                                   review (superusers may)
withdraw              published → withdrawn        reviewers
republish             withdrawn → published        reviewers
reopen                withdrawn → draft            reviewers (to correct and review again)
====================  ===========================  ==========================================

Editors change drafts and debates in review; a published or withdrawn debate
(and everything in it) is changed only by reviewers, so nothing an editor
writes reaches the public without a second person.  "Reviewers" are users
with the ``debates.publish_debate`` permission (the *Secretariat reviewers*
group) and superusers.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from .models import Debate, StatusChange

PUBLISH_PERMISSION = "debates.publish_debate"
RESTORE_PERMISSION = "debates.restore_version"
CHANGE_PERMISSION = "debates.change_debate"

Status = Debate.Status


@dataclass(frozen=True)
class Transition:
    """One step of the workflow: its name, the statuses it leaves and enters, and the permission it needs.

    ``refused`` says who may take the step, to a user who may not; ``blocked`` (with ``%(status)s``, the
    debate's status) says which debates the step applies to, for a debate it does not.  Each is one whole
    sentence, so that a translator can word it as the language needs.
    """

    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    refused: str = ""
    blocked: str = ""


TRANSITIONS = {
    transition.name: transition
    for transition in [
        Transition(
            "submit",
            # Translators: a button of the admin: a step of the publishing workflow (draft → in review).
            _("Send to review"),
            (Status.DRAFT,),
            Status.IN_REVIEW,
            CHANGE_PERMISSION,
            refused=_("Only editors and reviewers may send to review debates."),
            # Translators: %(status)s is the debate's status in lower case: draft, in review, published, withdrawn.
            blocked=_("This debate is %(status)s; only a debate that is draft can be in review."),
        ),
        Transition(
            "return",
            # Translators: a button of the admin: a step of the publishing workflow (in review → draft).
            _("Return to draft"),
            (Status.IN_REVIEW,),
            Status.DRAFT,
            CHANGE_PERMISSION,
            refused=_("Only editors and reviewers may return to draft debates."),
            # Translators: %(status)s is the debate's status in lower case: draft, in review, published, withdrawn.
            blocked=_("This debate is %(status)s; only a debate that is in review can be draft."),
        ),
        Transition(
            "publish",
            # Translators: a button of the admin: a step of the publishing workflow (publish a debate).
            _("Publish"),
            (Status.IN_REVIEW, Status.WITHDRAWN),
            Status.PUBLISHED,
            PUBLISH_PERMISSION,
            refused=_("Only reviewers may publish debates."),
            # Translators: %(status)s is the debate's status in lower case: draft, in review, published, withdrawn.
            blocked=_("This debate is %(status)s; only a debate that is in review or withdrawn can be published."),
        ),
        Transition(
            "withdraw",
            # Translators: a button of the admin: a step of the publishing workflow (take a debate off the site).
            _("Withdraw"),
            (Status.PUBLISHED,),
            Status.WITHDRAWN,
            PUBLISH_PERMISSION,
            refused=_("Only reviewers may withdraw debates."),
            # Translators: %(status)s is the debate's status in lower case: draft, in review, published, withdrawn.
            blocked=_("This debate is %(status)s; only a debate that is published can be withdrawn."),
        ),
        Transition(
            "reopen",
            # Translators: a button of the admin: a step of the publishing workflow (withdrawn → draft).
            _("Reopen as draft"),
            (Status.WITHDRAWN,),
            Status.DRAFT,
            PUBLISH_PERMISSION,
            refused=_("Only reviewers may reopen as draft debates."),
            # Translators: %(status)s is the debate's status in lower case: draft, in review, published, withdrawn.
            blocked=_("This debate is %(status)s; only a debate that is withdrawn can be draft."),
        ),
    ]
}
EDITABLE_BY_EDITORS = frozenset({Status.DRAFT, Status.IN_REVIEW})


def user_is_reviewer(user):
    """Whether ``user`` may publish, withdraw and change published debates."""
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def debate_is_editable(*, debate, user):
    """Whether ``user`` may change ``debate`` and what is in it: editors only drafts and debates in review."""
    return debate.status in EDITABLE_BY_EDITORS or user_is_reviewer(user)


# Where a shared record shows on the public site: (reverse relation, path from it to a debate's status).
PUBLIC_USES = {
    "debates.participant": [
        ("participations", "debate__status"),
        ("interventions", "debate__status"),
        ("named_in", "debate__status"),
    ],
    "debates.document": [
        ("debate_links", "debate__status"),
        ("interventions", "debate__status"),
        ("participations", "debate__status"),
        ("paragraphs", "debate__status"),
    ],
}


def record_is_public(record):
    """Whether a participant or a document shows on a published debate's pages.

    Themes and topics need no such check: neither role may change the vocabularies (debates.roles); superusers do.
    """
    uses = PUBLIC_USES.get(record._meta.label_lower, ())
    return any(getattr(record, relation).filter(**{path: Status.PUBLISHED}).exists() for relation, path in uses)


def record_is_editable(*, record, user):
    """Whether ``user`` may change a shared record: editors only while no published debate shows it."""
    return user_is_reviewer(user) or not record_is_public(record)


def debate_submitter(debate):
    """The user who last sent ``debate`` to review, or None."""
    change = debate.status_changes.filter(to_status=Status.IN_REVIEW).order_by("-at", "-id").first()
    return change.user if change else None


@dataclass(frozen=True)
class Reason:
    """Why a workflow step cannot be taken now.

    ``code`` names the rule, ``message`` says it to the user, and ``record`` is
    the record it is about (a statement), when there is one, so that a screen
    can link to it.  ``forbids`` tells a rule about who the user is (their role,
    the second-person rule) from a rule about the debate.
    """

    code: str
    message: str
    record: object = None
    forbids: bool = False


def _statement_numbers(statement):
    return {"order": statement.order, "number": statement.paragraph.number}


def debate_open_items(debate):
    """What in ``debate`` stops it from being published, whoever publishes: statements still to check, as reasons.

    Statements are ``panels``' models, reached through the reverse relation (this app is below it).
    """
    reasons = []
    statements = debate.interventions.select_related("paragraph").order_by("paragraph__number", "order")
    for statement in statements.filter(needs_review=True):
        reasons.append(
            Reason(
                "statement_needs_review",
                gettext(
                    "Statement %(order)s of paragraph %(number)s still needs review (the importer could not read "
                    "the whole attribution): check it and untick “needs review”."
                )
                % _statement_numbers(statement),
                record=statement,
            )
        )
    for statement in statements.filter(Q(extent="") | Q(stance="")):
        if not (statement.extent or statement.stance):
            message = gettext(
                "Statement %(order)s of paragraph %(number)s has no extent or stance yet: the importer could not "
                "read them, and nothing is published until a person chooses them."
            )
        elif not statement.extent:
            message = gettext(
                "Statement %(order)s of paragraph %(number)s has no extent yet: the importer could not read it, "
                "and nothing is published until a person chooses it."
            )
        else:
            message = gettext(
                "Statement %(order)s of paragraph %(number)s has no stance yet: the importer could not read it, "
                "and nothing is published until a person chooses it."
            )
        reasons.append(Reason("statement_label_unread", message % _statement_numbers(statement), record=statement))
    for statement in statements.filter(scope="freedoms", themes__isnull=True):
        reasons.append(
            Reason(
                "statement_theme_uncoded",
                gettext(
                    "Statement %(order)s of paragraph %(number)s is filed under the freedoms without a freedom "
                    "ticked: tick its freedoms, or code it as about human security as a whole, or as procedural."
                )
                % _statement_numbers(statement),
                record=statement,
            )
        )
    return reasons


def debate_transition_blockers(name, *, debate, user):
    """Every reason why ``user`` cannot take workflow step ``name`` on ``debate`` now, as :class:`Reason` s.

    An empty list means the step is open.  :func:`debate_transition` refuses a
    step with exactly these reasons, and the admin lists them, so the rule and
    what the screen says cannot disagree.
    """
    transition = TRANSITIONS[name]
    reasons = []
    if not (user and user.is_active and user.has_perm(transition.permission)):
        reasons.append(Reason("permission", str(transition.refused), forbids=True))
    if debate.status not in transition.sources:
        reasons.append(
            Reason("invalid_transition", transition.blocked % {"status": debate.get_status_display().lower()})
        )
    if transition.target == Status.PUBLISHED:
        reasons.extend(debate_open_items(debate))
    if (
        name == "publish"
        and debate.status == Status.IN_REVIEW
        and user
        and not user.is_superuser
        and debate_submitter(debate) == user
    ):
        reasons.append(
            Reason(
                "same_person",
                gettext("A second person must publish: you sent this debate to review yourself."),
                forbids=True,
            )
        )
    return reasons


def debate_available_transitions(*, debate, user):
    """The workflow steps ``user`` may take on ``debate`` now, in the order the admin offers them."""
    return [
        transition
        for transition in TRANSITIONS.values()
        if not debate_transition_blockers(transition.name, debate=debate, user=user)
    ]


class TransitionForbidden(PermissionDenied):
    """A step refused because of who the user is (and maybe more): ``reasons`` lists every reason."""

    def __init__(self, reasons):
        self.reasons = reasons
        super().__init__(" ".join(reason.message for reason in reasons))


class TransitionBlocked(ValidationError):
    """A step the user may take, refused because of the debate: ``reasons`` lists every reason."""

    def __init__(self, reasons):
        self.reasons = reasons
        super().__init__([ValidationError(reason.message, code=reason.code) for reason in reasons])


def _check_transition(transition, debate, user):
    """Refuse the step with every reason there is, as :class:`TransitionForbidden` when one is about the user."""
    reasons = debate_transition_blockers(transition.name, debate=debate, user=user)
    if any(reason.forbids for reason in reasons):
        raise TransitionForbidden(reasons)
    if reasons:
        raise TransitionBlocked(reasons)


def debate_transition(name, *, debate, user, note="", seen_updated_at=None):
    """Take workflow step ``name`` (a key of :data:`TRANSITIONS`) on ``debate`` as ``user`` and record it.

    Raises :class:`TransitionForbidden` (a ``PermissionDenied``) when the user
    may not take the step and :class:`TransitionBlocked` (a ``ValidationError``)
    when the debate does not allow it now, each with every reason of
    :func:`debate_transition_blockers`.

    ``seen_updated_at`` is the debate's ``updated_at`` as the user saw it; when
    given and the debate (or anything in it) changed since, the step is
    refused, so that nobody publishes a text they have not seen.
    """
    transition = TRANSITIONS[name]
    with transaction.atomic():
        _check_transition(transition, debate, user)
        if seen_updated_at is not None and debate.updated_at != seen_updated_at:
            changed_at = timezone.localtime(debate.updated_at)
            raise ValidationError(
                gettext(
                    "“%(title)s” was changed on %(date)s at %(time)s after you opened it. Nothing was done: read "
                    "the current version, then try again."
                )
                % {"title": debate.title, "date": f"{changed_at:%d %b %Y}", "time": f"{changed_at:%H:%M}"},
                code="edit_conflict",
            )
        change = StatusChange(debate=debate, from_status=debate.status, to_status=transition.target, user=user)
        change.note = note.strip()
        debate.status = transition.target
        if transition.target == Status.PUBLISHED and debate.published_at is None:
            debate.published_at = timezone.now()
        debate.full_clean()
        debate._history_user = user
        with translation.override("en"):  # a database value (the history's change reason): kept in English
            debate._change_reason = str(transition.label)
        debate.save()
        change.at = debate.updated_at
        change.full_clean()
        change.save()
    return change


def debate_submit_for_review(*, debate, user, note="", seen_updated_at=None):
    """Send a draft to review; ``note`` is shown to the reviewer."""
    return debate_transition("submit", debate=debate, user=user, note=note, seen_updated_at=seen_updated_at)


def debate_return_to_draft(*, debate, user, note="", seen_updated_at=None):
    """Take a debate out of review and back to draft, with the reason in ``note``."""
    return debate_transition("return", debate=debate, user=user, note=note, seen_updated_at=seen_updated_at)


def debate_publish(*, debate, user, note="", seen_updated_at=None):
    """Publish a debate in review (or republish a withdrawn one); reviewers only."""
    return debate_transition("publish", debate=debate, user=user, note=note, seen_updated_at=seen_updated_at)


def debate_withdraw(*, debate, user, note="", seen_updated_at=None):
    """Take a published debate off the public pages; reviewers only."""
    return debate_transition("withdraw", debate=debate, user=user, note=note, seen_updated_at=seen_updated_at)


def debate_reopen(*, debate, user, note="", seen_updated_at=None):
    """Bring a withdrawn debate back to draft so that editors can correct it; reviewers only."""
    return debate_transition("reopen", debate=debate, user=user, note=note, seen_updated_at=seen_updated_at)


# Fields that the workflow owns: restoring an earlier version never changes whether a debate is public.
WORKFLOW_FIELDS = {"status", "published_at"}


def version_restore(*, record, user):
    """Bring the record a historical version belongs to back to that version; reviewers only.

    ``record`` is a django-simple-history historical record of any tracked
    model.  The object gets back the field values (and, for statements, the
    themes and topics) it had then, as a new version in its history; a
    deleted object is re-created.  A debate keeps its current workflow status.
    Raises ``ValidationError`` when the old version no longer fits (for
    example its paragraph number is now taken), changing nothing.
    """
    if not (user and user.is_active and user.has_perm(RESTORE_PERMISSION)):
        raise PermissionDenied(gettext("Only reviewers may restore an earlier version."))
    model = record.instance_type
    restored = record.instance
    with transaction.atomic():
        current = model._base_manager.select_for_update().filter(pk=restored.pk).first()
        if current is not None:
            restored._state.adding = False
            restored.version = current.version
            for name in WORKFLOW_FIELDS if model is Debate else ():
                setattr(restored, name, getattr(current, name))
        else:
            restored._state.adding = True
            restored.version = 1
        try:
            restored.full_clean()
        except ObjectDoesNotExist as missing:
            raise ValidationError(
                gettext("This version refers to a record that no longer exists: %(error)s") % {"error": missing}
            ) from missing
        restored._history_user = user
        restored._change_reason = f"Restored the version of {timezone.localtime(record.history_date):%d %b %Y %H:%M}"
        restored.save(force_insert=current is None)
        for field in record._history_m2m_fields:
            target = get_m2m_reverse_field_name(field)
            ids = getattr(record, field.name).values_list(f"{target}_id", flat=True)
            getattr(restored, field.name).set(list(ids))
    return restored
