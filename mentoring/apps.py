from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Организации и пользователи"

    def ready(self) -> None:
        from mentoring import checks, dashboard, navigation, panels  # noqa: F401  (checks register themselves)
        from mentoring.models import Role

        navigation.register("Главная", "home", "house", set(Role.values), order=0)
        navigation.register("Организации региона", "region_organizations", "buildings", {Role.REGION}, order=10)
        self._register_orders()
        self._register_outreach()

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

    def _register_orders(self) -> None:
        from mentoring import dashboard, navigation, views_orders
        from mentoring.models import Role

        organization_roles = set(Role.values) - {Role.REGION}
        navigation.register("Приказы", "orders:list", "file-earmark-text", organization_roles, order=80)
        dashboard.register(
            "orders_drafts",
            role=Role.DIRECTOR,
            template="orders/panels/drafts.html",
            context=views_orders.drafts_panel,
            order=5,
        )
        dashboard.register(
            "orders_recent",
            role=Role.CURATOR,
            template="orders/panels/recent.html",
            context=views_orders.recent_panel,
            order=80,
        )

    def _register_outreach(self) -> None:
        from mentoring import navigation, reminders
        from mentoring.models import Role

        # Notifications live in the user menu (base.html): the director's bar has no room left.
        navigation.register(
            "Журнал доступа к ПДн", "audit:log", "shield-lock", {Role.DIRECTOR}, order=29, group="Участники"
        )
        reminders.register_all()
