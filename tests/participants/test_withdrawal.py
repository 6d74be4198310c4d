"""Withdrawal of the processing consent erases every free text and file about the person — in the card,
the profiles, the account, the pairs, the answers — keeps the figures, and says on its page what stays."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.files import private_storage
from mentoring.models import AcademicYear, Notification, NotificationKind, User
from mentoring.orders.models import Order, OrderKind, OrderSubject
from monitoring.models import Answer, EfficiencyAssessment, EfficiencyScore, Question, Questionnaire, Response
from participants import services
from participants.models import Consent, MentorStatusChange
from programs.models import CalendarToken, Feedback, Meeting, Mentorship, PlanGoal
from programs.models_awards import Award
from tests.files.objects import files
from tests.programs.awards_objects import practices_and_awards
from tests.programs.objects import pairs

SECRET = "Тайна Новикова"  # written into every free-text field; must be gone everywhere after withdrawal


def _everything_about_the_mentee(world):
    """The mentee persona (account, pair with mentor_a) with text and files in every place that keeps them."""
    f, p = files(world), pairs(world)
    person = f.consent.person
    person.email, person.phone, person.notes = "novikov@example.org", "+7 900 000-00-00", SECRET
    person.birth_date = datetime.date(2012, 5, 1)
    person.save()
    profile = person.mentee_profile
    profile.request, profile.interests, profile.psychologist_note = SECRET, SECRET, SECRET
    profile.save()
    Meeting.objects.filter(pk=p.meeting.pk).update(summary=SECRET)
    Feedback.objects.create(meeting=p.meeting, author="mentee", mentee=profile, rating=5, comment=SECRET)
    Feedback.objects.create(meeting=p.meeting, author="mentor", rating=4, comment=SECRET)
    Mentorship.objects.filter(pk=p.pair.pk).update(reflection=SECRET, end_reason=SECRET)
    PlanGoal.objects.filter(pk=p.goal.pk).update(title=SECRET, actions=SECRET, result=SECRET)
    questionnaire = Questionnaire.objects.create(
        organization=world.org, academic_year=AcademicYear.current(), title="Входная анкета", purpose="entry",
        audience="mentee",
    )  # fmt: skip
    scale = Question.objects.create(questionnaire=questionnaire, position=1, text="Оцените", kind="scale5")
    text = Question.objects.create(questionnaire=questionnaire, position=2, text="Что мешает?", kind="text")
    response = Response.objects.create(
        questionnaire=questionnaire, person=person, token="personal-link-token",
        token_expires_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    Answer.objects.create(response=response, question=scale, number=4)
    Answer.objects.create(response=response, question=text, text=SECRET)
    assessment = EfficiencyAssessment.objects.create(
        organization=world.org, academic_year=AcademicYear.current(), programme=p.programme, mentorship=p.pair,
        conclusion=SECRET,
    )  # fmt: skip
    EfficiencyScore.objects.create(assessment=assessment, indicator=1, points=2, comment=SECRET)
    Notification.objects.create(user=world.mentee, kind=NotificationKind.choices[0][0], object_key="x:1", title=SECRET)
    CalendarToken.objects.get_or_create(user=world.mentee)
    draft = Order.objects.create(
        organization=world.org, kind=OrderKind.PAIRS, number="10-о", date=datetime.date(2025, 9, 2),
        title="О закреплении", points="Закрепить.", signer=world.director,
    )  # fmt: skip
    OrderSubject.objects.create(order=draft, role="mentee", user=world.mentee, full_name="Новиков Артём Сергеевич")
    return person, assessment, draft


def _withdraw(world, login, consent):
    return login(world.curator).post(
        reverse("participants:consent_withdraw", args=[consent.pk]), {"date": timezone.localdate().isoformat()}
    )


def test_withdrawal_erases_every_text_and_file_about_the_mentee(world, login):
    person, assessment, draft = _everything_about_the_mentee(world)
    f, p = files(world), pairs(world)
    scan_name, attachment_name = f.consent.scan.name, f.meeting.attachment.name
    response = _withdraw(world, login, f.consent)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_anonymized and person.full_name == f"Участник № {person.pk}"
    assert (person.email, person.phone, person.notes, person.birth_date) == ("", "", "", None)
    profile = person.mentee_profile
    profile.refresh_from_db()
    assert (profile.request, profile.interests, profile.psychologist_note) == ("", "", "")
    consent = Consent.objects.get(pk=f.consent.pk)
    assert consent.scan.name == "" and not private_storage.exists(scan_name)
    assert not person.consents.filter(withdrawn_on__isnull=True).exists()  # the other copy ends too
    assert (consent.representative_name, consent.representative_document) == ("", "")
    meeting = Meeting.objects.get(pk=p.meeting.pk)
    assert meeting.summary == "" and meeting.attachment.name == "" and not private_storage.exists(attachment_name)
    assert meeting.topic == "Знакомство"  # the meeting itself stays for the figures
    assert set(Feedback.objects.filter(meeting=meeting).values_list("comment", flat=True)) == {""}
    assert sorted(Feedback.objects.filter(meeting=meeting).values_list("rating", flat=True)) == [4, 5]
    pair = Mentorship.objects.get(pk=p.pair.pk)
    assert (pair.reflection, pair.end_reason) == ("", "")
    goal = PlanGoal.objects.get(pk=p.goal.pk)
    assert SECRET not in goal.title and (goal.actions, goal.result) == ("", "")
    assert list(Answer.objects.filter(response__person=person).order_by("question__position").values_list(
        "number", "text")) == [(4, ""), (None, "")]  # fmt: skip
    assert Response.objects.get(person=person).token is None
    assessment.refresh_from_db()
    assert assessment.conclusion == "" and EfficiencyScore.objects.get(assessment=assessment).comment == ""
    assert not Notification.objects.filter(user=world.mentee).exists()
    assert not CalendarToken.objects.filter(user=world.mentee).exists()
    assert OrderSubject.objects.get(order=draft).full_name == f"Участник № {person.pk}"
    account = User.objects.get(pk=world.mentee.pk)
    assert not account.is_active and not account.has_usable_password()
    assert account.username == f"anonymized-{account.pk}" and account.email == ""
    assert "Новиков" not in account.full_name and "новиков" not in account.search_text


def test_the_signed_order_keeps_the_name_as_an_archived_document(world, login):
    person, _, _ = _everything_about_the_mentee(world)
    signed = files(world).order
    _withdraw(world, login, files(world).consent)
    assert OrderSubject.objects.get(order=signed, role="mentee").full_name == "Новиков Артём Сергеевич"
    assert private_storage.exists(Order.objects.get(pk=signed.pk).scan.name)


def test_nothing_secret_is_left_in_any_text_column(world, login):
    """A sweep over every text column of every model: the secret written about the person is nowhere."""
    from django.apps import apps
    from django.db import models as m

    _everything_about_the_mentee(world)
    _withdraw(world, login, files(world).consent)
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, m.CharField | m.TextField)
                and model.objects.filter(**{f"{field.name}__contains": SECRET}).exists()
            ):
                found.append(f"{model._meta.label}.{field.name}")
    assert found == []


def test_withdrawal_of_a_mentor_erases_the_questionnaire_trainings_and_award_citations(world, login):
    f = files(world)
    award = practices_and_awards(world).award
    Award.objects.filter(pk=award.pk).update(citation=SECRET)
    mentor = f.training.mentor
    mentor.competencies = mentor.interests = mentor.achievements = mentor.useful_for = SECRET
    mentor.time_available = "по средам"
    mentor.save()
    MentorStatusChange.objects.create(mentor=mentor, status=mentor.status, date=timezone.localdate(), note=SECRET)
    f.training.certificate_number = "УД-123"
    f.training.save()
    certificate, practice_file = f.training.certificate.name, f.practice.attachment.name
    consent = Consent.objects.filter(person=mentor.person).first()
    _withdraw(world, login, consent)
    mentor.refresh_from_db()
    assert (mentor.competencies, mentor.interests, mentor.achievements, mentor.useful_for, mentor.time_available) == (
        "", "", "", "", "",
    )  # fmt: skip
    assert set(mentor.status_changes.values_list("note", flat=True)) == {""}
    training = mentor.trainings.get()
    assert (training.certificate.name, training.certificate_number) == ("", "")
    assert not private_storage.exists(certificate) and not private_storage.exists(practice_file)
    assert Award.objects.get(pk=award.pk).citation == ""
    assert not type(f.practice).objects.get(pk=f.practice.pk).show_names
    assert not User.objects.get(pk=world.mentor_a.pk).is_active


def test_the_withdrawal_page_says_what_is_erased_and_what_is_kept_and_why(world, login):
    consent = files(world).consent
    page = login(world.curator).get(reverse("participants:consent_withdraw", args=[consent.pk])).content.decode()
    assert "Что сохраняется и почему" in page and "Подписанные приказы" in page
    assert "в сроки, установленные законодательством об архивном деле" in page
    assert "тексты ответов на анкеты" in page and "итоги встреч и приложенные файлы" in page
    for what, _why in services.KEPT_ON_WITHDRAWAL:
        assert what in page
    card = login(world.curator).get(reverse("participants:person", args=[consent.person_id])).content.decode()
    assert reverse("participants:consent_withdraw", args=[consent.pk]) in card


@pytest.mark.parametrize("persona", ["staff", "psychologist", "mentor_a", "mentee"])
def test_only_leaders_open_the_withdrawal_page(persona, world, login):
    consent = files(world).consent
    url = reverse("participants:consent_withdraw", args=[consent.pk])
    assert login(getattr(world, persona)).get(url).status_code == 403
    assert login(getattr(world, persona)).post(url, {"date": timezone.localdate().isoformat()}).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
