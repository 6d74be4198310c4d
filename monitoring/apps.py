from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Мониторинг"

    def ready(self) -> None:
        from mentoring import jobs
        from monitoring import report_jobs

        jobs.register(report_jobs.SCHOOL_ANNUAL, report_jobs.run_school_annual)
        jobs.register(report_jobs.REGION_REPORT, report_jobs.run_region_report)
        from mentoring import subject_data as subject_data_registry
        from monitoring import audit_subjects, subject_data

        audit_subjects.register()
        from monitoring import kpi

        kpi.register_cache()
        subject_data_registry.register_section(subject_data.answers)
        subject_data_registry.register_eraser(subject_data.erase_answers)
        from monitoring import reminders

        reminders.register()
        # The Положение and the Программа (monitoring.local_acts): written from every app's data, so they
        # live in the top layer; annexes of the approval order.
        from monitoring.local_acts import annexes as local_act_annexes

        local_act_annexes.register()
        from mentoring import document_registry
        from monitoring.documents_page import local_acts_section, reports_section

        document_registry.register(
            "local_acts", title="Положение и программа наставничества", provider=local_acts_section, order=20
        )
        document_registry.register("reports", title="Отчёты и оценка эффективности", provider=reports_section, order=40)
        from mentoring import dashboard, navigation
        from mentoring.access import READERS
        from mentoring.models import Role
        from monitoring import panels

        group = "Мониторинг"
        navigation.register("Показатели и графики", "monitoring:dashboard", "graph-up", set(READERS), 60, group)
        navigation.register("Анкеты", "monitoring:questionnaires", "ui-checks", set(READERS), 61, group)
        navigation.register(
            "Оценка эффективности", "monitoring:assessments", "clipboard-check", set(READERS), 62, group
        )
        navigation.register("Целевые показатели", "monitoring:kpis", "bullseye", set(READERS), 63, group)
        navigation.register(
            "Положение и программа", "local_acts:index", "journal-text", set(READERS), order=35, group="Программы"
        )
        navigation.register("Мои анкеты", "monitoring:my", "ui-checks", {Role.MENTOR, Role.MENTEE}, 65)
        for role in (Role.DIRECTOR, Role.CURATOR, Role.PSYCHOLOGIST):
            dashboard.register(
                f"monitoring_summary_{role}",
                role=role,
                template="monitoring/panels/summary.html",
                context=panels.summary_panel,
                order=25,
            )
        for role in (Role.MENTOR, Role.MENTEE):
            dashboard.register(
                f"monitoring_pending_{role}",
                role=role,
                template="monitoring/panels/pending.html",
                context=panels.pending_panel,
                order=15,
            )
        dashboard.register(
            "monitoring_region",
            role=Role.REGION,
            template="monitoring/panels/region.html",
            context=panels.region_panel,
            order=20,
            wide=True,
        )
