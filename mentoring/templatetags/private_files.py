"""``{{ file|file_label }}`` — «PDF», «DOCX»… for the text of a link to a private file (no name on disk
is shown: it is random)."""

from django import template

from mentoring.files import file_label as _file_label

register = template.Library()


@register.filter
def file_label(file) -> str:
    return _file_label(file) if file else ""
