from django.urls import path

from programs import views, views_awards, views_docs, views_matching, views_practices

app_name = "programs"

urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/matching/", views_matching.matching, name="matching"),
    path("<int:pk>/matching/propose/", views_matching.propose, name="propose"),
    path("<int:pk>/pairs/new/", views.pair_create, name="pair_create"),
    path("<int:pk>/pairs-order/", views_docs.pairs_order, name="pairs_order"),
    path("proposals/<int:pk>/", views_matching.proposal, name="proposal"),
    path("forms/", views.forms_catalog, name="forms"),
    path("forms/new/", views.form_create, name="form_create"),
    path("forms/<int:pk>/toggle/", views.form_toggle, name="form_toggle"),
    path("pairs/", views.pairs, name="pairs"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair"),
    path("pairs/<int:pk>/end/", views.pair_end, name="pair_end"),
    path("pairs/<int:pk>/complete/", views.pair_complete, name="pair_complete"),
    path("pairs/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("pairs/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("pairs/<int:pk>/plan.pdf", views_docs.plan_pdf, name="plan_pdf"),
    path("goals/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("members/<int:pk>/offer-mentor/", views.offer_mentor, name="offer_mentor"),
    path("meetings/<int:pk>/feedback/", views.feedback_give, name="feedback"),
    path("meetings/<int:pk>/meeting.ics", views_docs.meeting_ics, name="meeting_ics"),
    path("my/pairs/", views.my_pairs, name="my_pairs"),
    path("my/mentor/", views.my_mentor, name="my_mentor"),
    path("calendar/", views_docs.calendar, name="calendar"),
    path("calendar/rotate/", views_docs.calendar_rotate, name="calendar_rotate"),
    path("calendar/<str:token>.ics", views_docs.calendar_feed, name="calendar_feed"),
    path("practices/", views_practices.practices, name="practices"),
    path("practices/new/", views_practices.practice_create, name="practice_create"),
    path("practices/<int:pk>/", views_practices.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/publish/", views_practices.practice_publish, name="practice_publish"),
    path("awards/", views_awards.awards, name="awards"),
    path("awards/new/", views_awards.award_create, name="award_create"),
    path("awards/<int:pk>/certificate.pdf", views_awards.award_certificate, name="award_certificate"),
    path("awards/incentives-order/", views_awards.incentives_order, name="incentives_order"),
]
