from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Участники"

    def ready(self) -> None:
        from mentoring import jobs
        from participants import import_jobs

        jobs.register(import_jobs.PREVIEW, import_jobs.run_preview)
        jobs.register(import_jobs.APPLY, import_jobs.run_apply)
        from mentoring import files

        jobs.register_cleanup("незавершённых загрузок списков", files.pending_cleanup(import_jobs.PENDING_FOLDER))
        from participants import document_jobs

        jobs.register(document_jobs.GROUP_CONSENTS, document_jobs.run_group_consents)
        from mentoring import demo_region
        from participants import demo_region as participants_demo_region

        demo_region.register_step("people", participants_demo_region.seed_people, order=10)
        from mentoring import subject_data as subject_data_registry
        from participants import audit_subjects, subject_data

        subject_data_registry.register_section(subject_data.card_and_consents)
        audit_subjects.register()
        from mentoring.services import register_region_counts
        from participants.panels import base_counts, register_cache

        register_region_counts(base_counts)
        from mentoring import document_registry
        from participants.documents import consents_section

        document_registry.register(
            "consents", title="Согласия участников (152-ФЗ, ТК РФ)", provider=consents_section, order=60
        )
        register_cache()
        from mentoring import dashboard, navigation
        from mentoring.access import COORDINATORS, LEADERS, LIST_KEEPERS, PEOPLE_EDITORS, READERS
        from mentoring.models import Role
        from participants import panels

        group = "Участники"
        for label, url, icon, roles, order in (
            ("Все участники", "participants:people", "people", LIST_KEEPERS, 20),
            ("Классы и группы", "participants:groups", "grid-3x3-gap", LIST_KEEPERS, 21),
            ("Составы по учебным годам", "participants:memberships", "calendar3", LIST_KEEPERS, 21),
            ("База наставников", "participants:mentors", "person-up", COORDINATORS, 22),
            ("База наставляемых", "participants:mentees", "person-down", READERS, 23),
            ("Ожидают пару", "participants:waiting", "hourglass-split", READERS, 24),
            ("Загрузка из Excel", "participants:import", "file-earmark-arrow-up", PEOPLE_EDITORS, 25),
            ("Партнёры", "participants:partners", "briefcase", COORDINATORS, 26),
        ):
            navigation.register(label, url, icon, roles, order=order, group=group)
        navigation.register(
            "Роли сотрудников", "participants:staff_roles", "person-gear", {Role.DIRECTOR}, order=27, group=group
        )
        navigation.register("Моя анкета", "participants:me", "person-vcard", {Role.MENTOR, Role.MENTEE}, order=90)

        for role in LEADERS:
            dashboard.register(
                f"participants_bases_{role}",
                role=role,
                template="participants/panels/bases.html",
                context=panels.bases_panel,
                order=20,
            )
        dashboard.register(
            "participants_waiting_psychologist",
            role=Role.PSYCHOLOGIST,
            template="participants/panels/waiting.html",
            context=panels.waiting_panel,
            order=10,
            wide=True,
        )
        dashboard.register(
            "participants_classes_staff",
            role=Role.STAFF,
            template="participants/panels/classes.html",
            context=panels.classes_panel,
            order=10,
            wide=True,
        )
        for role in (Role.MENTOR, Role.MENTEE):
            dashboard.register(
                f"participants_me_{role}",
                role=role,
                template="participants/panels/me.html",
                context=panels.me_panel,
                order=80,
            )
