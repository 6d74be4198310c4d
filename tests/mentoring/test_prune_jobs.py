"""`manage.py prune_jobs` (mentoring/jobs.py ``prune``): old jobs go with their files, files and result data of
personal data go sooner, by age only and for every organization alike; --dry-run changes nothing."""

import datetime
import os
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from mentoring import jobs
from mentoring.models import Job
from tests.mentoring.jobs_objects import PDF

DAY = datetime.timedelta(days=1)


def finished_job(world, *, days_ago: float, organization=None, user=None, title="Бланки согласий", **fields) -> Job:
    """A done job with a PDF, created and finished ``days_ago`` days ago."""
    job = Job.objects.create(
        user=user or world.staff,
        organization=organization or world.org,
        kind="test.document",
        title=title,
        status=fields.pop("status", Job.Status.DONE),
        result_name="Согласия 8Б.pdf",
        result_data=fields.pop("result_data", {"report": {"rows": [{"name": "Белов Илья Андреевич"}]}}),
        **fields,
    )
    job.result_file.save("Согласия 8Б.pdf", ContentFile(PDF), save=True)
    when = timezone.now() - days_ago * DAY
    Job.objects.filter(pk=job.pk).update(created_at=when, finished_at=when)
    job.refresh_from_db()
    return job


def stored(job: Job) -> bool:
    return bool(job.result_file.name) and job.result_file.storage.exists(job.result_file.name)


@pytest.fixture
def ages(world, private_media_root):
    """The same kinds of job in two organizations: 45 days old, 10 days old (past the files' 7 days), 1 day old."""
    other_user = world.outsider
    made = {}
    for org, user, tag in ((world.org, world.staff, "ours"), (world.other_org, other_user, "theirs")):
        for days in (45, 10, 1):
            made[tag, days] = finished_job(world, days_ago=days, organization=org, user=user, title=f"{tag} {days}")
    return made


def test_prune_deletes_old_jobs_with_their_files_in_every_organization_by_age_alone(ages):
    old_files = {key: job.result_file.name for key, job in ages.items()}
    report = jobs.prune()
    assert (report.jobs, report.files) == (2, 2)
    for tag in ("ours", "theirs"):
        assert not Job.objects.filter(pk=ages[tag, 45].pk).exists()
        assert not ages[tag, 45].result_file.storage.exists(old_files[tag, 45])  # really gone from storage
        ten = Job.objects.get(pk=ages[tag, 10].pk)
        assert ten.result_file.name == "" and ten.result_data == {} and ten.file_expired
        assert not ten.result_file.storage.exists(old_files[tag, 10])
        assert ten.summary == ages[tag, 10].summary and ten.title == f"{tag} 10"  # the record stays listed
        fresh = Job.objects.get(pk=ages[tag, 1].pk)
        assert stored(fresh) and fresh.result_data and not fresh.file_expired


def test_a_dry_run_says_what_it_would_delete_in_russian_and_changes_nothing(ages):
    before = {job.pk: (job.result_file.name, job.result_data) for job in Job.objects.all()}
    out = StringIO()
    call_command("prune_jobs", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Будет удалено заданий старше 30 дней (вместе с файлами): 2" in text
    assert "завершённых более 7 дней назад: 2" in text and "Ничего не изменено" in text
    assert {job.pk: (job.result_file.name, job.result_data) for job in Job.objects.all()} == before
    assert all(stored(job) for job in Job.objects.all())


def test_the_command_prunes_with_its_own_ages_and_reports_in_russian(ages):
    out = StringIO()
    call_command("prune_jobs", "--days", "5", "--file-days", "1", stdout=out)
    assert "Удалено заданий старше 5 дней (вместе с файлами): 4" in out.getvalue()
    assert Job.objects.count() == 2
    assert not Job.objects.filter(files_removed_at=None).exists()  # the 1-day-old ones lost their files


def test_the_command_refuses_a_nonsense_age(ages):
    with pytest.raises(CommandError, match="не меньше 1"):
        call_command("prune_jobs", "--days", "0")
    assert Job.objects.count() == 6


def test_a_file_never_outlives_its_job_record(ages):
    call_command("prune_jobs", "--days", "5", "--file-days", "60", stdout=StringIO())
    assert Job.objects.count() == 2


def test_a_job_still_running_with_a_live_worker_is_kept_however_old(world, private_media_root):
    job = Job.objects.create(user=world.staff, organization=world.org, kind="x", title="x", status="running")
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - 40 * DAY, heartbeat_at=timezone.now())
    assert jobs.prune().jobs == 0 and Job.objects.filter(pk=job.pk).exists()


def test_an_expired_file_is_explained_on_the_page_and_not_offered(world, login, private_media_root):
    job = finished_job(world, days_ago=10)
    jobs.prune()
    page = login(world.staff).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Файл и подробности результата удалены" in page and "хранит их 7 дней" in page
    assert reverse("jobs:file", args=[job.pk]) not in page
    assert "Файл удалён по истечении срока хранения" in login(world.staff).get(reverse("jobs:list")).content.decode()
    assert login(world.staff).get(reverse("jobs:file", args=[job.pk])).status_code == 404


def test_finished_records_of_the_queue_are_pruned_too(world, private_media_root):
    from django_tasks_db.models import DBTaskResult

    from mentoring.tasks import run_job

    old = DBTaskResult.objects.create(
        task_path=run_job.module_path,
        args_kwargs={"args": [1], "kwargs": {}},
        priority=0,
        queue_name="default",
        backend_name="default",
        status="SUCCESSFUL",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=timezone.now() - 40 * DAY)
    assert jobs.prune(dry_run=True).task_results == 1
    assert jobs.prune().task_results == 1 and not DBTaskResult.objects.exists()


def _upload(root, folder, org_id, user_id, name, *, hours_ago):
    path = root / folder / str(org_id) / str(user_id) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 class list")
    when = (timezone.now() - datetime.timedelta(hours=hours_ago)).timestamp()
    os.utime(path, (when, when))
    return path


@pytest.mark.django_db
def test_uploads_never_confirmed_are_forgotten_after_a_day_whoever_left_them(settings, tmp_path):
    """A class list uploaded for a preview and never confirmed (children's names and birth dates) is removed by
    the same clean-up, in every organization, even for a user who never uploads again."""
    settings.MEDIA_ROOT = tmp_path
    stale = [
        _upload(tmp_path, "import-pending", 1, 7, "a.xlsx", hours_ago=30),
        _upload(tmp_path, "import-pending", 2, 9, "b.loading", hours_ago=25),
        _upload(tmp_path, "roadmap-import-pending", 1, 7, "c.docx", hours_ago=48),
    ]
    fresh = [
        _upload(tmp_path, "import-pending", 1, 7, "d.xlsx", hours_ago=2),
        _upload(tmp_path, "roadmap-import-pending", 2, 9, "e.xlsx", hours_ago=23),
    ]
    out = StringIO()
    call_command("prune_jobs", "--dry-run", stdout=out)
    assert "незавершённых загрузок списков: 2" in out.getvalue()
    assert "незавершённых загрузок дорожных карт: 1" in out.getvalue()
    assert all(p.exists() for p in stale + fresh)
    call_command("prune_jobs", stdout=StringIO())
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in fresh)
