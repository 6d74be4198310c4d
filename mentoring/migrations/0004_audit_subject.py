"""The access log names its participant by id instead of a foreign key to participants.Person,
so that the core depends on no feature app; existing rows keep their participant."""

from django.db import migrations, models
from django.db.models import F


def copy_person_to_subject(apps, schema_editor):
    Event = apps.get_model("mentoring", "PersonalDataEvent")
    Event.objects.filter(person__isnull=False).update(subject_id=F("person_id"))


def copy_subject_to_person(apps, schema_editor):
    Event = apps.get_model("mentoring", "PersonalDataEvent")
    Event.objects.filter(subject_id__isnull=False).update(person_id=F("subject_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0003_outreach"),
    ]

    operations = [
        migrations.AddField(
            model_name="personaldataevent",
            name="subject_id",
            field=models.PositiveIntegerField(blank=True, db_index=True, null=True, verbose_name="участник"),
        ),
        migrations.RunPython(copy_person_to_subject, copy_subject_to_person),
        migrations.RemoveField(model_name="personaldataevent", name="person"),
    ]
