from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from mentoring.demo import DEMO_PASSWORD, DEMO_USERS, delete_demo_users, seed_core
from mentoring.notifications import deliver, due_today


class Command(BaseCommand):
    help = "Заполняет базу демонстрационными данными (повторный запуск ничего не дублирует)."

    def add_arguments(self, parser):
        from mentoring.demo_region import SCALES

        parser.add_argument("--delete", action="store_true", help="удалить демонстрационные учётные записи")
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            help="добавить нагрузочные данные: school — одна школа на 1200 обучающихся, 300 пар и 6000 встреч; "
            "region — 50 таких школ; tiny — две маленькие (для проверок)",
        )

    def handle(self, *args, delete: bool, scale: str | None = None, **options):
        if delete:
            count = delete_demo_users()
            self.stdout.write(f"Удалено демонстрационных учётных записей: {count}")
            return
        with transaction.atomic():
            context = seed_core(today=timezone.localdate())
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                if config.name != "mentoring" and hasattr(module, "seed"):
                    module.seed(context)
            # Today's reminders, after every app's data and in the portal only: a demo must not send mail.
            deliver(due_today(timezone.localdate()), send_email=False)
        self.stdout.write(self.style.SUCCESS("Демонстрационные данные готовы."))
        self.stdout.write(f"Вход: http://127.0.0.1:8000/ — пароль у всех пользователей «{DEMO_PASSWORD}»:")
        for username, (org_key, last, first, middle, position, _roles) in DEMO_USERS.items():
            org = {"school": context.school.short_name, "college": context.college.short_name}.get(org_key, "регион")
            self.stdout.write(f"  {username:<13} {last} {first[0]}. {middle[0]}. — {position} ({org})")
        if scale:
            self._seed_scale(scale)

    def _seed_scale(self, scale: str) -> None:
        from mentoring.demo_region import PERSONA_ROLES, REGION_USERNAME, SCALES, persona_username, seed_region

        size = SCALES[scale]
        self.stdout.write(
            f"Нагрузочные данные «{scale}»: {size.organizations} орг. × ({size.students} обучающихся, "
            f"{size.teachers} педагогов, {size.pairs} пар, {size.meetings} встреч)…"
        )
        result = seed_region(scale=size, log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Добавлено организаций: {result['organizations_created']} за {result['seconds']} с "
                "(существующие пропущены)."
            )
        )
        logins = ", ".join(persona_username(1, role) for role in PERSONA_ROLES)
        self.stdout.write(f"Входы первой школы: {logins}; региональный координатор: {REGION_USERNAME}.")
