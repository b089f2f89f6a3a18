"""Query parameters read without FastAPI's validation, when they are plain.

FastAPI validates every parameter of every request through pydantic, which cost the API's busiest routes
(a page of events, an event, an actor, stats) about a fifth of a millisecond of CPU a request, as much
as some of their queries. `QuickRoute` reads the parameters its route declares, when each is of a kind
read here (text with a length limit or a pattern, whole numbers within bounds, ISO dates, true or false,
an enum's values) and is written plainly (`limit=50`, `since=2024-01-01`, `type=ASSAULT`, each once),
into the values FastAPI would give, then calls the dependencies and the endpoint as FastAPI does. Any
other request (a value out of bounds, empty, repeated or written otherwise, or a route declaring
something else) goes to FastAPI, which answers it as before, 422s included: the same answers
(`tests/serve/test_quick.py` compares them byte for byte).
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
import types
from collections.abc import Callable, Coroutine
from typing import Any, Union, get_args, get_origin, get_type_hints

from annotated_types import Ge, Le, MaxLen
from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

__all__ = ["QuickRoute"]

Read = Callable[[str], Any]  # a plain value -> what FastAPI gives; raises _NotPlain otherwise
Handler = Callable[[Request], Coroutine[Any, Any, Response]]

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE = re.compile(r"[1-9][0-9]{0,8}|0")
_FLAGS = {"true": True, "false": False}


class _NotPlain(Exception):
    """A value this module does not read: FastAPI will."""


class QuickRoute(APIRoute):
    """An API route whose plain requests skip FastAPI's validation of parameters (the module's
    docstring); the app turns it off with `app.state.quick_params = False`."""

    def get_route_handler(self) -> Handler:
        full = super().get_route_handler()
        plan = _plan(self.dependant)
        if plan is None or not _answers_itself(self.endpoint):
            return full
        endpoint = self.endpoint
        is_async = inspect.iscoroutinefunction(endpoint)

        async def handler(request: Request) -> Response:
            if not getattr(request.app.state, "quick_params", True):
                return await full(request)
            try:
                values = await plan(request)
            except _NotPlain:
                return await full(request)
            if is_async:
                return await endpoint(**values)  # type: ignore[no-any-return]
            return await run_in_threadpool(endpoint, **values)  # type: ignore[no-any-return]

        return handler


Plan = Callable[[Request], Coroutine[Any, Any, dict[str, Any]]]


def _answers_itself(endpoint: Callable[..., Any]) -> bool:
    """Whether the endpoint returns a response (FastAPI has nothing to write or validate after it)."""
    try:
        answer = get_type_hints(endpoint).get("return")
    except NameError:  # an annotation that names nothing importable: leave the route to FastAPI
        return False
    return isinstance(answer, type) and issubclass(answer, Response)


def _plan(dependant: Dependant) -> Plan | None:
    """How to give `dependant.call` its arguments from a plain request, or None when it declares
    something this module does not read (a body, headers, a nested dependency, an unknown type)."""
    if (
        dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or dependant.background_tasks_param_name
        or dependant.response_param_name
        or dependant.websocket_param_name
        or dependant.http_connection_param_name
        or dependant.security_scopes_param_name
    ):
        return None
    readers: list[tuple[str, Read, Any]] = []
    for field in dependant.query_params:
        read = _reader(field.field_info.annotation, field.field_info.metadata)
        if read is None or field.alias != field.name:
            return None
        readers.append((field.name, read, field.field_info.default))
    paths = [field.name for field in dependant.path_params if field.field_info.annotation is str]
    if len(paths) != len(dependant.path_params):
        return None
    subs: list[tuple[str, Callable[..., Any], Plan]] = []
    for sub in dependant.dependencies:
        sub_plan = _plan(sub)
        if sub_plan is None or sub.name is None or sub.call is None or sub.dependencies:
            return None
        if not inspect.iscoroutinefunction(sub.call):  # FastAPI runs it in a thread: not here
            return None
        subs.append((sub.name, sub.call, sub_plan))
    request_name = dependant.request_param_name

    async def plan(request: Request) -> dict[str, Any]:
        given = request.query_params
        values: dict[str, Any] = {}
        for name, read, default in readers:
            found = given.getlist(name)
            if not found:
                values[name] = default
            elif len(found) > 1 or not found[0]:
                raise _NotPlain(name)
            else:
                values[name] = read(found[0])
        for name in paths:
            values[name] = request.path_params[name]
        for name, call, sub_plan in subs:
            values[name] = await call(**(await sub_plan(request)))
        if request_name is not None:
            values[request_name] = request
        return values

    return plan


def _reader(annotation: Any, metadata: list[Any]) -> Read | None:
    """How a plain value of this type and these constraints is read, or None for another kind."""
    kinds = [a for a in get_args(annotation) if a is not type(None)] if _optional(annotation) else []
    kinds = kinds or [annotation]
    if len(kinds) != 1:
        return None
    kind = kinds[0]
    limits: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, MaxLen):
            limits["max_length"] = item.max_length
        elif isinstance(item, Ge):
            limits["ge"] = item.ge
        elif isinstance(item, Le):
            limits["le"] = item.le
        elif getattr(item, "pattern", None) is not None and not (set(vars(item)) - {"pattern"}):
            limits["pattern"] = item.pattern
        else:
            return None
    if kind is str and set(limits) <= {"max_length", "pattern"}:
        return _text(limits.get("max_length"), limits.get("pattern"))
    if kind is int and set(limits) == {"ge", "le"}:
        return _whole(limits["ge"], limits["le"])
    if not limits and kind is dt.date:
        return _day
    if not limits and kind is bool:
        return _flag
    if not limits and isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _member(kind) if all(isinstance(m.value, str) for m in kind) else None
    return None


def _optional(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(annotation)


def _text(max_length: int | None, pattern: str | None) -> Read:
    matcher = re.compile(pattern) if pattern is not None else None

    def read(value: str) -> str:
        if max_length is not None and len(value) > max_length:
            raise _NotPlain(value)
        # a pattern is only compared on ASCII, where Python's and pydantic's expressions agree
        if matcher is not None and not (value.isascii() and matcher.fullmatch(value)):
            raise _NotPlain(value)
        return value

    return read


def _whole(low: int, high: int) -> Read:
    def read(value: str) -> int:
        if not (value.isascii() and _WHOLE.fullmatch(value)) or not low <= int(value) <= high:
            raise _NotPlain(value)
        return int(value)

    return read


def _day(value: str) -> dt.date:
    if not (value.isascii() and _DAY.fullmatch(value)):
        raise _NotPlain(value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _NotPlain(value) from None


def _flag(value: str) -> bool:
    if value not in _FLAGS:
        raise _NotPlain(value)
    return _FLAGS[value]


def _member(kind: type[enum.Enum]) -> Read:
    members = {member.value: member for member in kind}

    def read(value: str) -> Any:
        if value not in members:
            raise _NotPlain(value)
        return members[value]

    return read
