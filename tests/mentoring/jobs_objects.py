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
