from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Программы и пары"

    def ready(self) -> None:
        from mentoring import demo_region
        from programs import demo_region as programs_demo_region

        demo_region.register_step("pairs", programs_demo_region.seed_pairs, order=20)
        from mentoring import subject_data as subject_data_registry
        from programs import audit_subjects, subject_data

        audit_subjects.register()
        subject_data_registry.register_section(subject_data.pairs_meetings_feedback)
        subject_data_registry.register_eraser(subject_data.erase_pairs_texts)
        from programs import reminders

        reminders.register()
        from mentoring import document_registry
        from programs.documents_page import plans_section

        document_registry.register("plans", title="Планы пар и поощрения наставников", provider=plans_section, order=50)
        from mentoring import dashboard, navigation
        from mentoring.access import COORDINATORS, READERS
        from mentoring.models import Role
        from programs import documents, panels

        group = "Программы"
        for label, url, icon, roles, order in (
            ("Программы", "programs:programmes", "journal-bookmark", READERS, 30),
            ("Пары и группы", "programs:pairs", "people-fill", READERS, 31),
            ("Формы наставничества", "programs:forms", "diagram-3", READERS, 32),
        ):
            navigation.register(label, url, icon, roles, order=order, group=group)
        navigation.register("Мои пары", "programs:my_pairs", "people-fill", {Role.MENTOR}, order=5)
        navigation.register("Мой наставник", "programs:my_mentor", "person-heart", {Role.MENTEE}, order=5)
        documents.register()
        self._register_practices_and_awards()

        for role in COORDINATORS:
            dashboard.register(
                f"programs_attention_{role}",
                role=role,
                template="programs/panels/attention.html",
                context=panels.attention_panel,
                order=15,
                wide=True,
            )
        dashboard.register(
            "programs_my_pairs",
            role=Role.MENTOR,
            template="programs/panels/my_pairs.html",
            context=panels.my_pairs_panel,
            order=5,
            wide=True,
        )
        dashboard.register(
            "programs_children",
            role=Role.PARENT,
            template="programs/panels/children.html",
            context=panels.children_panel,
            order=5,
            wide=True,
        )
        dashboard.register(
            "programs_my_mentor",
            role=Role.MENTEE,
            template="programs/panels/my_mentor.html",
            context=panels.my_mentor_panel,
            order=5,
            wide=True,
        )

    def _register_practices_and_awards(self) -> None:
        from mentoring import navigation
        from mentoring.access import READERS
        from programs import awards

        navigation.register("Лучшие практики", "programs:practices", "lightbulb", READERS, order=33, group="Программы")
        navigation.register("Поощрения", "programs:awards", "award", READERS, order=34, group="Программы")
        awards.register()
