from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentoring.models import Organization
from participants.importing import STUDENTS, ImportFileError, import_people


class Command(BaseCommand):
    help = "Загружает списки классов из Excel (.xlsx). Последняя строка: created=N updated=M skipped=K errors=E."

    def add_arguments(self, parser):
        parser.add_argument("file", help="путь к файлу .xlsx")
        parser.add_argument("--organization", required=True, help="код организации (slug), например demo-school")
        parser.add_argument("--dry-run", action="store_true", help="только проверить, ничего не менять")

    def handle(self, *args, file: str, organization: str, dry_run: bool, **options):
        org = Organization.objects.filter(slug=organization).first()
        if org is None:
            raise CommandError(f"Организация «{organization}» не найдена.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Файл «{file}» не найден.")
        try:
            report = import_people(
                content=path.read_bytes(), filename=path.name, organization=org, kind=STUDENTS, dry_run=dry_run
            )
        except ImportFileError as exc:
            self.stdout.write(f"Ошибка: {exc}")
            self.stdout.write("created=0 updated=0 skipped=0 errors=1")
            raise SystemExit(1) from exc
        for error in report.errors:
            self.stdout.write(f"Ошибка: {error.where}: {error.message}")
        if report.errors:
            self.stdout.write("Файл не загружен: исправьте ошибки. В базе ничего не изменилось.")
        elif dry_run:
            self.stdout.write("Проверка без загрузки (--dry-run): в базе ничего не изменилось.")
        self.stdout.write(report.summary)
        if report.errors:
            # Not CommandError: the summary stays the last line of the output, and the exit code is 1.
            raise SystemExit(1)
