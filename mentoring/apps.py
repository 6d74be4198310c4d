from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Организации и пользователи"

    def ready(self) -> None:
        from mentoring import cache
        from mentoring.files import connect_private_file_cleanup

        cache.connect()

        connect_private_file_cleanup()
        from mentoring import demo_region

        demo_region.register_step("orders", demo_region.orders, order=40)
        from mentoring import checks, dashboard, navigation, panels  # noqa: F401  (checks register themselves)
        from mentoring.models import Role

        navigation.register("Главная", "home", "house", set(Role.values), order=0)
        navigation.register("Организации региона", "region_organizations", "buildings", {Role.REGION}, order=10)
        self._register_orders()
        self._register_audit()
        from mentoring import jobs, jobs_orders

        jobs.register(jobs_orders.ORDER_DOCUMENT, jobs_orders.run_order_document)

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
        from mentoring import dashboard, navigation
        from mentoring.models import Role
        from mentoring.orders import effects, panels

        effects.register()
        from mentoring import document_registry
        from mentoring.access import LEADERS

        document_registry.register(
            "orders", title="Приказы (журнал регистрации приказов)", provider=panels.documents_section, order=10
        )

        organization_roles = set(Role.values) - {Role.REGION}
        # One menu group: a laptop's menu bar holds no more top-level items (tests/browser/test_login_journey).
        navigation.register(
            "Приказы", "orders:list", "file-earmark-text", organization_roles, order=80, group="Документы"
        )
        navigation.register(
            "Документы учебного года", "documents", "folder2-open", set(LEADERS), order=81, group="Документы"
        )
        dashboard.register(
            "orders_drafts",
            role=Role.DIRECTOR,
            template="orders/panels/drafts.html",
            context=panels.drafts_panel,
            order=5,
        )
        dashboard.register(
            "orders_recent",
            role=Role.CURATOR,
            template="orders/panels/recent.html",
            context=panels.recent_panel,
            order=80,
        )

    def _register_audit(self) -> None:
        from mentoring import navigation
        from mentoring.models import Role

        # Notifications live in the user menu (base.html): the director's bar has no room left.
        navigation.register(
            "Журнал доступа к ПДн", "audit:log", "shield-lock", {Role.DIRECTOR}, order=29, group="Участники"
        )
