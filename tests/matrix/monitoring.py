"""Permission matrix rows of monitoring (monitoring/urls.py).

Results, dashboards and reports: director, curators and the psychologist of the organization;
building questionnaires, targets and assessments: director and curator; the region coordinator
has its own aggregate page; respondents reach only their own answers."""

from mentoring.models import AcademicYear
from monitoring import services
from monitoring.models import Response
from tests.matrix.base import answers
from tests.monitoring.factories import make_pair, make_programme, student, teacher

READ = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=200)
READ_OBJECT = answers(403, anonymous=302, director=200, curator=200, psychologist=200, outsider=404)
EDIT = answers(403, anonymous=302, director=200, curator=200, outsider=200)
EDIT_OBJECT = answers(403, anonymous=302, director=200, curator=200, outsider=404)
POST_ONLY = answers(405)


def _questionnaire(w):
    made = services.standard_questionnaires_seed(organization=w.org, academic_year=AcademicYear.current())
    return {"pk": made[0].pk}


def _question(w):
    q = services.standard_questionnaires_seed(organization=w.org, academic_year=AcademicYear.current())[0]
    return {"pk": q.pk, "question_pk": q.questions.first().pk}


def _assessment(w):
    programme = make_programme(w.org)
    scores = dict.fromkeys(range(1, 10), (2, ""))
    assessment = services.assessment_save(
        organization=w.org, programme=programme, academic_year=programme.academic_year, scores=scores
    )
    return {"pk": assessment.pk}


def _programme(w):
    return {"pk": make_programme(w.org).pk}


def _mentee_fill(w):
    """The mentee persona answers for their Person, who is in a pair of this year."""
    me = student(w.org, user=w.mentee)
    make_pair(make_programme(w.org), teacher(w.org), [me])
    made = services.standard_questionnaires_seed(organization=w.org, academic_year=AcademicYear.current())
    return {"pk": next(q for q in made if q.standard_key == "satisfaction-mentee").pk}


def _mentee_response(w):
    kwargs = _mentee_fill(w)
    response = Response.objects.create(questionnaire_id=kwargs["pk"], person=w.mentee.person)
    return {"pk": response.pk}


def _token(w):
    person = student(w.org)
    make_pair(make_programme(w.org), teacher(w.org), [person])
    q = services.standard_questionnaires_seed(organization=w.org, academic_year=AcademicYear.current())[2]
    return {"token": services.links_issue(questionnaire=q, people=[person])[0].token}


# The mentee answers their own questionnaire; everyone else has no Person in its audience (404).
FILL = answers(404, anonymous=302, mentee=200)
# Own response: the respondent and the organization's readers; others 404; another org 404.
OWN_RESPONSE = answers(404, anonymous=302, mentee=200, director=200, curator=200, psychologist=200)

MATRIX = {
    "monitoring:dashboard": (None, READ),
    "monitoring:region": (None, answers(403, anonymous=302, region=200)),
    "monitoring:questionnaires": (None, READ),
    "monitoring:questionnaires_seed": (None, POST_ONLY),
    "monitoring:questionnaire_new": (None, EDIT),
    "monitoring:questionnaire": (_questionnaire, READ_OBJECT),
    "monitoring:question_add": (_questionnaire, POST_ONLY),
    "monitoring:question_delete": (_question, POST_ONLY),
    "monitoring:results": (_questionnaire, READ_OBJECT),
    "monitoring:links": (_questionnaire, EDIT_OBJECT),
    "monitoring:my": (None, answers(200, anonymous=302)),
    "monitoring:fill": (_mentee_fill, FILL),
    "monitoring:response": (_mentee_response, OWN_RESPONSE),
    "monitoring:fill_token": (_token, answers(200)),
    "monitoring:assessments": (None, READ),
    "monitoring:assessment_new": (None, EDIT),
    "monitoring:assessment_edit": (_assessment, EDIT_OBJECT),
    "monitoring:assessment_pdf": (_assessment, READ_OBJECT),
    "monitoring:assessment_docx": (_assessment, READ_OBJECT),
    "monitoring:assessment_xlsx": (_assessment, READ_OBJECT),
    "monitoring:kpis": (None, READ),
    "monitoring:kpi_target": (None, POST_ONLY),
    "monitoring:kpi_preset": (None, POST_ONLY),
    "monitoring:school_annual_pdf": (None, READ),
    "monitoring:school_annual_xlsx": (None, READ),
    "monitoring:school_annual_docx": (None, READ),
    "monitoring:region_xlsx": (None, answers(403, anonymous=302, region=200)),
    "monitoring:annual_pdf": (_programme, READ_OBJECT),
    "monitoring:annual_docx": (_programme, READ_OBJECT),
    "monitoring:annual_xlsx": (_programme, READ_OBJECT),
}
