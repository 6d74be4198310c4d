from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Организации и пользователи"

    def ready(self) -> None:
        from mentoring import checks, dashboard, navigation, panels  # noqa: F401  (checks register themselves)
        from mentoring.models import Role

        navigation.register("Главная", "home", "house", set(Role.values), order=0)
        navigation.register("Организации региона", "region_organizations", "buildings", {Role.REGION}, order=10)

        for role in (Role.DIRECTOR, Role.CURATOR):
            dashboard.register(
                f"organization_{role}",
                role=role,
                template="mentoring/panels/organization.html",
                context=panels.organization_panel,
                order=90,
            )
        dashboard.register(
            "region_overview",
            role=Role.REGION,
            template="mentoring/panels/region_overview.html",
            context=panels.region_panel,
            order=10,
            wide=True,
        )
