from django.core.management.base import BaseCommand

from roadmap import catalog


class Command(BaseCommand):
    help = "Перечисляет шаблоны дорожных карт: ключ и наименование, по одному в строке."

    def handle(self, *args, **options):
        for template in catalog.templates().values():
            self.stdout.write(f"{template.key}\t{template.title}")
