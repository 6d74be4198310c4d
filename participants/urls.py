from django.urls import path

from participants import views, views_import, views_waiting

app_name = "participants"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/export.xlsx", views.people_export, name="people_export"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/consent/", views.consent_add, name="consent_add"),
    path("people/<int:pk>/consent-form.pdf", views.person_consent_pdf, name="person_consent_pdf"),
    path("people/<int:pk>/mentor/", views.mentor_add, name="mentor_add"),
    path("people/<int:pk>/mentee/", views.mentee_add, name="mentee_add"),
    path("me/", views.me, name="me"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("classes/", views.groups, name="groups"),
    path("classes/<int:pk>/", views.group_detail, name="group"),
    path("classes/<int:pk>/consent-forms.pdf", views.group_consents_pdf, name="group_consents_pdf"),
    path("mentors/", views.mentors, name="mentors"),
    path("mentors/export.xlsx", views.mentors_export, name="mentors_export"),
    path("mentors/<int:pk>/edit/", views.mentor_edit, name="mentor_edit"),
    path("mentors/<int:pk>/status/", views.mentor_status, name="mentor_status"),
    path("mentors/<int:pk>/training/", views.mentor_training_add, name="mentor_training_add"),
    path("mentees/", views.mentees, name="mentees"),
    path("mentees/export.xlsx", views.mentees_export, name="mentees_export"),
    path("mentees/waiting/", views_waiting.waiting, name="waiting"),
    path("mentees/waiting/export.xlsx", views_waiting.waiting_export, name="waiting_export"),
    path("mentees/<int:pk>/support/", views_waiting.support, name="support"),
    path("mentees/<int:pk>/edit/", views.mentee_edit, name="mentee_edit"),
    path("mentees/<int:pk>/note/", views.mentee_note, name="mentee_note"),
    path("import/", views_import.import_upload, name="import"),
    path("import/confirm/", views_import.import_confirm, name="import_confirm"),
    path("partners/", views.partners, name="partners"),
    path("partners/new/", views.partner_create, name="partner_create"),
    path("partners/<int:pk>/", views.partner_detail, name="partner"),
    path("partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
]
