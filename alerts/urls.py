"""Email alerts: subscribe, confirm, unsubscribe in one click, manage an address's subscriptions."""

from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribe/message/<str:signed>/", views.unsubscribe_message, name="unsubscribe-message"),
    path("manage/<str:signed>/", views.manage, name="manage"),
]
