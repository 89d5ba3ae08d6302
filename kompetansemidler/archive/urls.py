from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("offentlig/", views.public_journal, name="public_journal"),
    path("offentlig/eksport.<str:fmt>", views.public_journal_export, name="public_journal_export"),
    path("offentlig/dokument/<uuid:system_id>/", views.public_document, name="public_document"),
    path("", views.staff_journal, name="staff_journal"),
    path("dokument/<uuid:system_id>/", views.staff_document, name="staff_document"),
    path("journalpost/<uuid:system_id>/publisering/", views.entry_publish, name="entry_publish"),
    path("journalpost/<uuid:system_id>/skjerming/", views.entry_screen, name="entry_screen"),
    path("saksmappe/<uuid:system_id>/avslutt/", views.case_file_close_view, name="case_file_close"),
    path("avleveringspakke/", views.deposit, name="deposit"),
]
