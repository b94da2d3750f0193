"""The subscription form: an email address and an explorer selection."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import normalise_email
from .selection import MAX_SELECTION_LENGTH, read_selection


class SubscribeForm(forms.Form):
    """``email`` and ``selection`` (an explorer query string); ``followed`` is the selection read, once valid."""

    email = forms.EmailField(label=_("Your email address"), max_length=254)
    selection = forms.CharField(required=False, max_length=MAX_SELECTION_LENGTH, widget=forms.HiddenInput)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean_selection(self):
        try:
            self.followed = read_selection(self.cleaned_data["selection"])
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return self.followed.query
