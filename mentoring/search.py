"""Cyrillic-safe search over a model's normalized ``search_text`` column."""

from django.db.models import QuerySet

from mentoring.text import search_terms


def search_queryset(queryset: QuerySet, query: str, field: str = "search_text") -> QuerySet:
    for term in search_terms(query):
        queryset = queryset.filter(**{f"{field}__contains": term})
    return queryset
