from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from mentoring.demo import DEMO_PASSWORD, DEMO_USERS, delete_demo_users, seed_core


class Command(BaseCommand):
    help = "Заполняет базу демонстрационными данными (повторный запуск ничего не дублирует)."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="удалить демонстрационные учётные записи")

    def handle(self, *args, delete: bool, **options):
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
            import_module("mentoring.demo_outreach").seed(context)  # after all apps: it needs their data
        self.stdout.write(self.style.SUCCESS("Демонстрационные данные готовы."))
        self.stdout.write(f"Вход: http://127.0.0.1:8000/ — пароль у всех пользователей «{DEMO_PASSWORD}»:")
        for username, (org_key, last, first, middle, position, _roles) in DEMO_USERS.items():
            org = {"school": context.school.short_name, "college": context.college.short_name}.get(org_key, "регион")
            self.stdout.write(f"  {username:<13} {last} {first[0]}. {middle[0]}. — {position} ({org})")
