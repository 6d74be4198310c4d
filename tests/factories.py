import factory

from mentoring.models import Organization, Region, User, UserRole


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Муниципальный округ № {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Муниципальное бюджетное общеобразовательное учреждение «Школа № {n}»")
    short_name = factory.Sequence(lambda n: f"МБОУ «Школа № {n}»")
    slug = factory.Sequence(lambda n: f"school-{n}")
    kind = Organization.Kind.SCHOOL
    region = factory.SubFactory(RegionFactory)
    address = "г. Тестовый, ул. Школьная, д. 1"
    inn = "3525000000"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Мария"
    last_name = factory.Sequence(lambda n: f"Иванова{n}")
    middle_name = "Петровна"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organization = factory.SubFactory(OrganizationFactory)
    password = factory.PostGenerationMethodCall("set_password", "pass")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        for role in extracted or []:
            UserRole.objects.create(user=self, role=role)
        self.__dict__.pop("role_names", None)
