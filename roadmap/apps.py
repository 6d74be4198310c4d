from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Дорожная карта"

    def ready(self) -> None:
        from mentoring import demo_region
        from roadmap import demo

        demo_region.register_step("roadmap", demo.seed_scale, order=50)
        from mentoring import files, jobs
        from roadmap.views_import import PENDING_FOLDER

        jobs.register_cleanup("незавершённых загрузок дорожных карт", files.pending_cleanup(PENDING_FOLDER))
        from mentoring import public_page as public_page_registry
        from roadmap import public_page, reminders

        reminders.register()
        from roadmap import orders

        orders.register()  # signing effects and the roadmap as an annex of the approval order
        from mentoring import document_registry
        from roadmap.documents import roadmap_section

        document_registry.register("roadmap", title="Дорожная карта", provider=roadmap_section, order=30)
        public_page_registry.register_section(public_page.stages)
        from mentoring import dashboard, navigation
        from mentoring.access import MEMBERS
        from mentoring.models import Role
        from roadmap import panels

        navigation.register(
            "Дорожная карта", "roadmap:index", "signpost-split", set(MEMBERS), order=40, group="Дорожная карта"
        )
        navigation.register(
            "Мои задачи",
            "roadmap:my_tasks",
            "check2-square",
            set(MEMBERS) - {Role.MENTEE},
            order=41,
            group="Дорожная карта",
        )
        for role in (Role.CURATOR, Role.DIRECTOR):
            dashboard.register(
                f"roadmap_deadlines_{role}",
                role=role,
                template="roadmap/panels/deadlines.html",
                context=panels.deadlines_panel,
                order=20,
            )
        for role in (Role.FORM_CURATOR, Role.PSYCHOLOGIST, Role.STAFF, Role.MENTOR):
            dashboard.register(
                f"roadmap_my_tasks_{role}",
                role=role,
                template="roadmap/panels/my_tasks.html",
                context=panels.my_tasks_panel,
                order=30,
            )
