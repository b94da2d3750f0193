"""Helpers for admin tests: users in the secretariat roles, and the POST data of an admin form as a browser sends it."""

import itertools

from django.contrib.auth.models import Group, User

from debates.roles import EDITORS, REVIEWERS

_counter = itertools.count(1)


def make_staff(group=None, *, password=None, **kwargs):
    """A user who can log in to the admin, in ``group`` (a role created by the roles migration) if given.

    Without ``password`` the user has none (tests log in with ``force_login``), which keeps tests fast.
    """
    n = next(_counter)
    defaults = {"username": f"staff{n}", "is_staff": True}
    defaults.update(kwargs)
    user = User.objects.create_user(password=password, **defaults)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_editor(**kwargs):
    return make_staff(EDITORS, **kwargs)


def make_reviewer(**kwargs):
    return make_staff(REVIEWERS, **kwargs)


def _bound_values(form):
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            yield bound.html_name, "on"
        elif isinstance(value, list | tuple):
            yield bound.html_name, [str(item) for item in value]
        else:
            yield bound.html_name, str(value)


def change_form_data(response):
    """The data an admin add/change page would POST back unchanged: main form, inline forms, management forms."""
    data = dict(_bound_values(response.context["adminform"].form))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_bound_values(formset.management_form))
        for form in formset.forms:
            data.update(_bound_values(form))
    return data


def inline_prefix(response, model):
    """The form prefix of the inline formset for ``model`` on an admin change page."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(f"No inline for {model.__name__} on this page.")
