"""Bench-only middleware: how long the server spent on a request, and how many queries it ran.

Only `bench.settings` installs it. It adds two response headers:
`X-Gofal-Server-Ms` (wall time inside Django, from the first middleware in to the last out)
`X-Gofal-Server-Cpu-Ms` (CPU time of the worker thread over the same span: Python and, on
SQLite, the database; it is less disturbed by other load on the machine than wall time), and
`X-Gofal-Queries` (database queries run for the request, counted with an execute wrapper).
"""

import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        cpu_started = time.thread_time()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        response["X-Gofal-Server-Ms"] = f"{elapsed:.2f}"
        response["X-Gofal-Server-Cpu-Ms"] = f"{(time.thread_time() - cpu_started) * 1000:.2f}"
        response["X-Gofal-Queries"] = str(count)
        return response
