from django.db import migrations

CATEGORIES = [
    ("gifted", "Проявившие выдающиеся способности", "student"),
    ("low_results", "Демонстрирующие неудовлетворительные образовательные результаты", "student"),
    ("disabilities", "С ограниченными возможностями здоровья (ОВЗ)", "student"),
    ("hard_situation", "Попавшие в трудную жизненную ситуацию", "student"),
    ("behaviour", "Имеющие проблемы с поведением", "student"),
    ("not_involved", "Не принимающие участия в жизни школы, отстранённые от коллектива", "student"),
    ("young_specialist", "Молодые специалисты (стаж 0–3 года)", "teacher"),
    ("burnout", "В состоянии эмоционального выгорания, хронической усталости", "teacher"),
    ("adaptation", "В процессе адаптации на новом месте работы", "teacher"),
    ("digital", "Желающие овладеть цифровыми навыками, ИКТ-компетенциями", "teacher"),
]


def add_categories(apps, schema_editor):
    MenteeCategory = apps.get_model("participants", "MenteeCategory")
    for order, (code, name, audience) in enumerate(CATEGORIES, start=1):
        MenteeCategory.objects.update_or_create(
            code=code, defaults={"name": name, "audience": audience, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("participants", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
