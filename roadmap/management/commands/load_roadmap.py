import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mentoring.models import AcademicYear, Organization
from roadmap import catalog
from roadmap.services import roadmap_load_template


class Command(BaseCommand):
    help = "Создаёт дорожную карту организации из шаблона на учебный год (повторный запуск ничего не дублирует)."

    def add_arguments(self, parser):
        parser.add_argument("template", help="ключ шаблона (см. list_roadmap_templates)")
        parser.add_argument("--organization", required=True, help="код организации (slug)")
        parser.add_argument("--year", required=True, help="учебный год, например 2025/2026")

    def handle(self, *args, template: str, organization: str, year: str, **options):
        if catalog.get(template) is None:
            raise CommandError(f"Шаблон «{template}» не найден. Шаблоны: {', '.join(catalog.templates())}.")
        org = Organization.objects.filter(slug=organization).first()
        if org is None:
            raise CommandError(f"Организация с кодом «{organization}» не найдена.")
        try:
            start_year = AcademicYear.parse_name(year)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        academic_year = AcademicYear.for_date(datetime.date(start_year, 9, 1))
        try:
            roadmap, created = roadmap_load_template(
                organization=org, template_key=template, academic_year=academic_year
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        count = roadmap.activities.count()
        flagged = roadmap.activities.filter(deadline_kind="unparsed").count()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Создана дорожная карта «{roadmap.title}»; мероприятий: {count}."))
        else:
            self.stdout.write(f"Дорожная карта уже есть (мероприятий: {count}); ничего не добавлено.")
        if flagged:
            self.stdout.write(f"Сроки без даты (проверьте): {flagged}.")
