"""An order with a big annex (200 pairs take 2 s to lay out) printed as a background job (mentoring/jobs.py):
the same documents.render_order_pdf / render_order_docx as in the request, the file on the job's page."""

from __future__ import annotations

from mentoring.jobs import JobError, JobResult, Progress
from mentoring.models import Job
from mentoring.orders import documents
from mentoring.orders.access import sees_whole_order
from mentoring.orders.models import Order

ORDER_DOCUMENT = "orders.document"
FORMATS = {"pdf": documents.render_order_pdf, "docx": documents.render_order_docx}


def run_order_document(job: Job, progress: Progress) -> JobResult:
    order = Order.objects.filter(pk=job.params["order"], organization_id=job.organization_id).first()
    # Checked again when it runs: whoever lost the right to the whole order meanwhile gets nothing.
    if order is None or not sees_whole_order(job.user, order):
        raise JobError("Приказ не найден или больше не доступен вам целиком.")
    fmt = job.params["format"]
    progress.stage("Печать приказа и приложений", total=1)
    content = FORMATS[fmt](order)
    progress.advance(1)
    filename = documents.order_filename(order).removesuffix(".pdf") + f".{fmt}"
    return JobResult(
        summary=f"Приказ от {order.date:%d.%m.%Y} № {order.number} готов.", content=content, filename=filename
    )


def title(order: Order, fmt: str) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number} ({'Word' if fmt == 'docx' else 'PDF'})"
