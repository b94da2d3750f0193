"""Choosing a language: ``/language/<code>/?next=<address>`` remembers the choice and goes to the page."""

from django.urls import path

from . import views

app_name = "languages"

urlpatterns = [
    path("<str:code>/", views.choose, name="choose"),
]
