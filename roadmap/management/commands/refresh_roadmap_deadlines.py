from django.core.management.base import BaseCommand

from roadmap.services import roadmap_refresh_deadlines


class Command(BaseCommand):
    help = "Пересчитывает повторяющиеся сроки («ежегодно», «раз в квартал») на текущую дату; запускать ежедневно."

    def handle(self, *args, **options):
        count = roadmap_refresh_deadlines()
        self.stdout.write(f"Пересчитано мероприятий: {count}.")
