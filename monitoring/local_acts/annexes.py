"""The approval order («Об утверждении положения о наставничестве, программы наставничества и дорожной
карты», kind ``regulations``) carries the Положение and the Программа as annexes of its own."""

from __future__ import annotations

from mentoring.models import AcademicYear
from mentoring.orders import registry
from monitoring.local_acts.documents import body_html
from monitoring.local_acts.models import LocalAct

ORDER_KIND = "regulations"


def _provider(kind: str):
    def provide(order) -> registry.AnnexDocument:
        year = AcademicYear.for_date(order.date)
        act = LocalAct.objects.filter(organization=order.organization, kind=kind, academic_year=year).first()
        return registry.AnnexDocument(html=body_html(kind=kind, organization=order.organization, year=year, act=act))

    return provide


def register() -> None:
    from monitoring.local_acts.services import approve_effect, approve_undo

    registry.register_annex(
        "regulations", title="Положение о наставничестве", kinds=[ORDER_KIND], provider=_provider("regulations")
    )
    registry.register_annex(
        "programme", title="Программа наставничества", kinds=[ORDER_KIND], provider=_provider("programme")
    )
    registry.register_effect(
        ORDER_KIND,
        approve_effect,
        undo=approve_undo,
        undo_text="положение и программа, утверждённые этим приказом, снова станут проектами",
    )
