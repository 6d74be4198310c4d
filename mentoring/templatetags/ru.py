"""Russian agreement of a number with its noun: 1 строка, 2 строки, 5 строк, 11 строк, 21 строка."""

from django import template

register = template.Library()


def plural_form(n: int, one: str, few: str, many: str) -> str:
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


@register.filter
def ru_plural(value, forms: str) -> str:
    """{{ n|ru_plural:"строка,строки,строк" }} → «5 строк»."""
    one, few, many = (form.strip() for form in forms.split(","))
    try:
        return f"{int(value)} {plural_form(int(value), one, few, many)}"
    except (TypeError, ValueError):
        return str(value)
