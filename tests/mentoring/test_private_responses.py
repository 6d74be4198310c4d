"""No copy of personal data stays in a browser's or a proxy's cache: Cache-Control no-store, private
on every response to a signed-in user (pages, exports, PDFs, .ics) and on the session-less ones."""

import pytest
from django.urls import reverse

from tests.participants.objects import bases
from tests.programs.objects import pairs

pytestmark = pytest.mark.django_db


def _private(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_pages_exports_and_documents_of_a_signed_in_user_are_not_stored(world, login):
    b = bases(world)
    p = pairs(world)
    client = login(world.curator)
    for url in (
        reverse("home"),
        reverse("participants:person", kwargs={"pk": b.mentee_person.pk}),
        reverse("participants:people_export"),
        reverse("participants:person_consent_pdf", kwargs={"pk": b.mentee_person.pk}),
        reverse("programs:meeting_ics", kwargs={"pk": p.meeting.pk}),
        "/no-such-page/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert _private(response), (url, response.get("Cache-Control"))


def test_the_one_time_questionnaire_link_and_the_feed_are_not_stored(world, client):
    from monitoring import services
    from tests.monitoring.factories import make_pair, make_programme, standard, student, teacher

    pupil = student(world.org)
    make_pair(make_programme(world.org), teacher(world.org), [pupil])
    link = services.links_issue(questionnaire=standard(world.org, "satisfaction-mentee"), people=[pupil])[0]
    assert _private(client.get(reverse("monitoring:fill_token", args=[link.token])))
    assert _private(client.get(reverse("programs:calendar_feed", kwargs={"token": pairs(world).token.token})))


def test_the_public_page_of_the_school_may_be_cached_as_usual(client, world):
    response = client.get(reverse("public:organization", kwargs={"slug": world.org.slug}))
    assert response.status_code == 200 and not _private(response)
