"""A finished job with a file, started by the staff member — for the permission matrix and the job tests."""

from django.core.files.base import ContentFile

from mentoring.models import Job

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def staff_job(world) -> Job:
    job = Job.objects.filter(user=world.staff, kind="test.document").first()
    if job is None:
        job = Job.objects.create(
            user=world.staff,
            organization=world.org,
            kind="test.document",
            title="Бланки согласий: 8 «Б» класс",
            status=Job.Status.DONE,
            result_name="Согласия 8Б.pdf",
        )
        job.result_file.save("Согласия 8Б.pdf", ContentFile(PDF), save=True)
    return job


def staff_import_preview(world) -> Job:
    """A finished background check of a class list, uploaded by the school's staff member."""
    job = Job.objects.filter(user=world.staff, kind="participants.import_preview").first()
    if job is None:
        report = {
            "kind": "students",
            "created": 1,
            "updated": 0,
            "skipped": 0,
            "errors": [],
            "warnings": [],
            "notes": [],
            "rows": [
                {
                    "action": "new",
                    "label": "будет добавлен",
                    "name": "Белов Илья Андреевич",
                    "where": "лист «5А», строка 2",
                    "fields": [["Класс", "5А"], ["Дата рождения", "03.03.2013"], ["Пол", "мужской"]],
                }
            ],
            "sheets_read": ["5А"],
            "sheets_skipped": [],
            "applied": False,
        }
        job = Job.objects.create(
            user=world.staff,
            organization=world.org,
            kind="participants.import_preview",
            title="Проверка списка обучающихся «5А.xlsx»",
            status=Job.Status.DONE,
            params={"token": "tok", "kind": "students", "filename": "5А.xlsx"},
            result_data={"report": report, "token": "tok"},
        )
    return job
