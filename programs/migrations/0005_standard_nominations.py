"""The three standard nominations (seed 001, «Мотивация и поощрение») are reference data written
once here, so that the awards page only reads them (GET never writes)."""

from django.db import migrations

STANDARD_NOMINATIONS = [
    ("Наставник года", False, "За высокие результаты наставнической деятельности в учебном году."),
    ("Лучшая пара", True, "Наставнической паре (группе), достигшей лучших результатов."),
    ("Наставник+", False, "Наставнику, сопровождавшему нескольких наставляемых или пары разных форм."),
]


def add_nominations(apps, schema_editor):
    Nomination = apps.get_model("programs", "Nomination")
    for order, (name, for_pair, description) in enumerate(STANDARD_NOMINATIONS):
        Nomination.objects.get_or_create(
            organization=None, name=name, defaults={"for_pair": for_pair, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0004_outreach"),
    ]

    operations = [
        migrations.RunPython(add_nominations, migrations.RunPython.noop),
    ]
