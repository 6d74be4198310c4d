"""Figures read far more often than written (the region's KPI aggregates over 65k memberships), cached
and invalidated by the writes themselves.

An app registers a *scope* with the tables its figures are computed from (``register``). Every INSERT,
UPDATE or DELETE on one of those tables — a form, an import's ``bulk_create``, a queryset ``update()``,
a cascade — bumps the scope, whatever code path sent it: a wrapper around every SQL statement sees it
(signals would miss bulk writes). A bump is two counters:

- the process's own generation, at once, so the writing process never reads its old figures (inside
  its transaction too: a test's wrapping transaction never commits);
- a row of ``CacheVersion`` in the database after commit, so every other worker and server sees it
  (the value is cached per process, keyed by the version: nothing is shared but the row).

A value is read under the version it was computed after, so a process that read the version before
a commit and the data after it merely caches newer figures under the old version, never older ones
under the new."""

from __future__ import annotations

import atexit
import hashlib
import logging
import re
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.core.signals import request_finished
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import F

logger = logging.getLogger(__name__)
T = TypeVar("T")

TIMEOUT_S = 3600  # a safety net only: a key changes with every write to its tables
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)

_scopes_of_table: dict[str, set[str]] = {}
_generation: dict[str, int] = {}
_lock = threading.Lock()
# Scopes written in autocommit whose version row is not bumped yet, per thread and connection alias.
_pending = threading.local()


def register(scope: str, tables: Iterable[str]) -> None:
    """The scope's figures are computed from these tables (``Model._meta.db_table``)."""
    for table in tables:
        _scopes_of_table.setdefault(table, set()).add(scope)


def cached(scope: str, key: str, compute: Callable[[], T], *, using: str = "default") -> T:
    """The value of ``compute()`` for this key, recomputed after any write to the scope's tables."""
    full_key = f"portal:{scope}:{version(scope, using=using)}:{_generation.get(scope, 0)}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, TIMEOUT_S)
    return value


def ids_key(ids: Iterable[int]) -> str:
    """A short key for a set of ids (the 50 organizations of a region)."""
    return hashlib.blake2b(",".join(map(str, sorted(ids))).encode(), digest_size=16).hexdigest()


def version(scope: str, *, using: str = "default") -> int:
    from mentoring.models import CacheVersion

    return CacheVersion.objects.using(using).filter(scope=scope).values_list("version", flat=True).first() or 0


def bump(scope: str, *, using: str = "default") -> None:
    """Invalidates the scope in this process now and in every process once the write is committed."""
    with _lock:
        _generation[scope] = _generation.get(scope, 0) + 1
    connection = connections[using]
    if not connection.in_atomic_block:
        # Autocommit: the writing statement is still open here (SQLite reads INSERT … RETURNING after this
        # wrapper returns, and a statement run now would end it), so the row is bumped just before the
        # connection's next statement, or when the request ends.
        _pending_scopes(using).add(scope)
        return
    # One database bump per transaction and scope, however many rows it writes (a 2,000-row import).
    if any(getattr(func, "cache_scope", None) == scope for _sids, func, _robust in connection.run_on_commit):
        return

    def bump_version() -> None:
        _bump_version(scope, using)

    bump_version.cache_scope = scope
    transaction.on_commit(bump_version, using=using)


def reset() -> None:
    """Forgets every cached figure of this process (tests roll back writes that bumped nothing)."""
    with _lock:
        for scope in {s for scopes in _scopes_of_table.values() for s in scopes}:
            _generation[scope] = _generation.get(scope, 0) + 1


def _bump_version(scope: str, using: str) -> None:
    from mentoring.models import CacheVersion

    versions = CacheVersion.objects.using(using)
    try:
        if not versions.filter(scope=scope).update(version=F("version") + 1):
            try:
                with transaction.atomic(using=using):
                    versions.create(scope=scope, version=1)
            except IntegrityError:  # another process created it first
                versions.filter(scope=scope).update(version=F("version") + 1)
    except DatabaseError:
        # Before the migration that creates the table (data migrations write watched tables): nothing is cached yet.
        logger.warning("cache version of %s not bumped", scope, exc_info=True)


def _pending_scopes(using: str) -> set[str]:
    if not hasattr(_pending, "scopes"):
        _pending.scopes = {}
    return _pending.scopes.setdefault(using, set())


def flush_pending(using: str | None = None) -> None:
    """Bumps the version rows of the scopes written in autocommit (see ``bump``)."""
    for alias, scopes in list(getattr(_pending, "scopes", {}).items()):
        if scopes and (using is None or alias == using):
            taken = sorted(scopes)
            scopes.clear()  # before the bumps: their own statements pass through _watch
            for scope in taken:
                _bump_version(scope, alias)


def _watch(execute, sql, params, many, context):
    alias = context["connection"].alias
    if getattr(_pending, "scopes", None) and _pending.scopes.get(alias):
        flush_pending(alias)
    result = execute(sql, params, many, context)
    if _scopes_of_table and sql[:1] in "IUDiud":
        match = _WRITE.match(sql)
        if match:
            for scope in _scopes_of_table.get(match[1], ()):
                bump(scope, using=context["connection"].alias)
    return result


def _install(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        # First, not last: ``connection.execute_wrapper()`` blocks pop the last wrapper when they end.
        connection.execute_wrappers.insert(0, _watch)


def _request_finished(sender, **kwargs) -> None:
    flush_pending()


def _flush_at_exit() -> None:
    # A management command's last write in autocommit: other processes must still see it.
    try:
        flush_pending()
    except Exception:  # the interpreter is going away; the figures expire within TIMEOUT_S anyway
        logger.warning("pending cache versions not bumped at exit", exc_info=True)


def connect() -> None:
    connection_created.connect(_install, dispatch_uid="mentoring.cache")
    request_finished.connect(_request_finished, dispatch_uid="mentoring.cache")
    atexit.register(_flush_at_exit)
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


def per_request(request, key: str, compute: Callable[[], T]) -> T:
    """A figure two parts of one page both show (the home page's panels), computed once per request."""
    memo = request.__dict__.setdefault("_portal_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]
