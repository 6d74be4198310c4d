from django.apps import AppConfig


class LocalActsConfig(AppConfig):
    name = "local_acts"
    verbose_name = "Положение и программа наставничества"

    def ready(self) -> None:
        from local_acts import annexes
        from mentoring import navigation
        from mentoring.access import READERS

        annexes.register()
        navigation.register(
            "Положение и программа", "local_acts:index", "journal-text", set(READERS), order=35, group="Программы"
        )
