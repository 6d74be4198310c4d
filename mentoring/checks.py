from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def demo_users_absent(app_configs, **kwargs) -> list[Error]:
    """Demo accounts have the password «demo»: a production database must not hold any."""
    from mentoring.models import User

    try:
        names = list(User.objects.filter(is_demo=True).values_list("username", flat=True)[:20])
    except DatabaseError:
        return []  # No database yet (before migrate): nothing to leak.
    if not names:
        return []
    return [
        Error(
            "В базе есть демонстрационные учётные записи с паролем «demo»: " + ", ".join(sorted(names)) + ".",
            hint="Удалите их (python manage.py seed_demo --delete) перед запуском в работу.",
            id="mentoring.E001",
        )
    ]


@register(Tags.security, deploy=True)
def site_url_set(app_configs, **kwargs) -> list[Warning]:
    """Reminder emails are sent by cron, without a request: links need the portal's address."""
    if settings.SITE_URL:
        return []
    return [
        Warning(
            "DJANGO_SITE_URL не задан: ссылки в письмах-напоминаниях не будут вести на портал.",
            hint="Задайте, например, DJANGO_SITE_URL=https://nastavnik.school.ru",
            id="mentoring.W001",
        )
    ]
