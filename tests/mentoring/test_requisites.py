"""The organization's requisites page: the director checks and corrects the title in the genitive and
dative that documents print; the dictionary pre-fills them."""

from django.urls import reverse

from mentoring.models import Organization

SCHOOL = "Муниципальное автономное общеобразовательное учреждение «Лицей № 2» г. Перми"


def _data(org: Organization, **changes) -> dict:
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "name_genitive": org.name_genitive,
        "name_dative": org.name_dative,
        "address": org.address,
        "inn": org.inn,
        "ogrn": org.ogrn,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "director_position": org.director_position,
        "director_position_genitive": org.director_position_genitive,
        "director_position_dative": org.director_position_dative,
    }
    return {**data, **changes}


def test_a_new_organization_stores_its_title_declined(world):
    org = Organization.objects.create(name=SCHOOL, short_name="МАОУ «Лицей № 2»", slug="lyceum-2")
    assert org.name_genitive == "Муниципального автономного общеобразовательного учреждения «Лицей № 2» г. Перми"
    assert org.name_dative == "Муниципальному автономному общеобразовательному учреждению «Лицей № 2» г. Перми"
    assert (org.director_position_genitive, org.director_position_dative) == ("Директора", "Директору")


def test_the_director_sees_the_title_as_documents_read_it(world, login):
    response = login(world.director).get(reverse("organization_requisites"))
    assert response.status_code == 200
    assert "«Директору МБОУ «Тестовая школа»»" in response.content.decode()


def test_a_renamed_organization_declines_the_new_name_unless_the_director_corrected_it(world, login):
    client = login(world.director)
    response = client.post(reverse("organization_requisites"), _data(world.org, name=SCHOOL))
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert world.org.name_dative.startswith("Муниципальному автономному общеобразовательному учреждению «Лицей")

    corrected = "Муниципальному автономному общеобразовательному учреждению «Лицей № 2» города Перми"
    client.post(reverse("organization_requisites"), _data(world.org, name_dative=corrected))
    world.org.refresh_from_db()
    assert world.org.name_dative == corrected
    assert world.org.name_in("dative") == corrected


def test_the_position_declines_and_an_emptied_case_is_filled_again(world, login):
    client = login(world.director)
    client.post(
        reverse("organization_requisites"),
        _data(world.org, director_position="Исполняющий обязанности директора", director_position_genitive=""),
    )
    world.org.refresh_from_db()
    assert world.org.director_position_dative == "Исполняющему обязанности директора"
    assert world.org.director_position_genitive == "Исполняющего обязанности директора"


def test_bad_requisites_change_nothing_and_keep_what_was_typed(world, login):
    before = world.org.name
    response = login(world.director).post(reverse("organization_requisites"), _data(world.org, name=SCHOOL, inn="12"))
    assert response.status_code == 200
    assert "ИНН состоит из 10 или 12 цифр." in response.content.decode()
    assert "Лицей № 2" in response.content.decode()
    world.org.refresh_from_db()
    assert world.org.name == before


def test_only_the_director_edits_requisites_of_their_own_organization(world, login):
    assert login(world.curator).get(reverse("organization_requisites")).status_code == 403
    login(world.outsider).post(reverse("organization_requisites"), _data(world.other_org, short_name="Чужая"))
    world.org.refresh_from_db()
    assert world.org.short_name == "МБОУ «Тестовая школа»"
