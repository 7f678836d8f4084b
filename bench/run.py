"""Benchmark Gofal's main pages on a generated council, behind a warm gunicorn.

    .venv/bin/python bench/run.py --size demo                      # SQLite under var/bench-demo/
    DATABASE_URL=postgres://... .venv/bin/python bench/run.py --size large

Steps: migrate; generate the dataset unless one is there already (`--fresh` rebuilds it);
on PostgreSQL VACUUM (ANALYZE) it, as autovacuum would on a live database;
start gunicorn on a free loopback port with persistent database connections
(GOFAL_CONN_MAX_AGE) and `bench.settings` (which adds the timing middleware); sign in as demo
users; request each page many times; report p50/p95 server time (measured inside Django by
the middleware, header X-Gofal-Server-Ms), client round trip on loopback, and queries per page
(header X-Gofal-Queries). The Markdown report goes to bench/results/ and to stdout.

Every person page writes its read-audit row as in production: the audit is always on.
"""

import argparse
import http.client
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "gofal-demo-2026"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Client:
    """A keep-alive HTTP client with a cookie jar, enough for Django's login and pages."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes, float]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, ConnectionError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
        content = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        for key, value in response.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content, elapsed

    def login(self, username: str) -> None:
        status, _, content, _ = self.request("GET", "/accounts/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or not match:
            raise SystemExit(f"login page answered {status}")
        status, headers, _, _ = self.request(
            "POST",
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "username": username,
                "password": PASSWORD,
            },
        )
        if status != 302:
            raise SystemExit(f"could not sign in as {username} (HTTP {status})")


class FormFields(HTMLParser):
    """The fields a browser would send for the page's main form (the last form with a submit
    button): hidden inputs and text as rendered, the first radio button of each group, the
    first real option of each select. Enough to save a form as a user who accepts the defaults."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.current: dict[str, str] | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.current = {}
            self.forms.append(self.current)
        if self.current is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if kind == "radio" and name not in self.current:
                    self.current[name] = a.get("value", "")
            elif kind not in ("submit", "button", "file"):
                self.current[name] = a.get("value", "")
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and a.get("value") and self.select not in self.current:
            self.current[self.select] = a["value"]
        elif tag == "textarea" and name:
            self.textarea = name
            self.current[name] = ""

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.textarea:
            self.current[self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def form_fields(content: bytes) -> dict[str, str]:
    parser = FormFields()
    parser.feed(content.decode("utf-8", "replace"))
    forms = [f for f in parser.forms if "csrfmiddlewaretoken" in f]
    if not forms:
        raise SystemExit("no form with a CSRF token on the page")
    return max(forms, key=len)


@dataclass
class Page:
    name: str
    user: str
    paths: list[str]
    target_ms: float | None = None  # the p95 server-time target, where issue 2 or another sets one
    post: dict[str, str] | None = None  # for a form: what to type, on top of the form's defaults
    server_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


def database_env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    env["GOFAL_CONN_MAX_AGE"] = "600"
    env.pop("GOFAL_FAST_PASSWORDS", None)
    env["PYTHONPATH"] = str(ROOT)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if not env.get("DATABASE_URL"):
        env["GOFAL_VAR_DIR"] = str(ROOT / "var" / f"bench-{args.size}")
    return env


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *command], env=env, check=True)


def wipe(env: dict[str, str]) -> None:
    """Start from an empty database: delete the SQLite file, or empty the PostgreSQL schema."""
    if not env.get("DATABASE_URL"):
        shutil.rmtree(env["GOFAL_VAR_DIR"], ignore_errors=True)
        return
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def sample(args: argparse.Namespace) -> dict[str, object]:
    """Pick the children, searches and users to request, from the database (seeded)."""
    from django.db.models import Count

    from gofal.authorities.models import Authority
    from gofal.authorities.tenancy import system_access
    from gofal.casework.models import Allocation, Involvement
    from gofal.people.models import Person

    rng = random.Random(args.seed)
    with system_access():
        council = Authority.objects.get(memberships__user__username="social.worker")
        caseload = list(
            Allocation.objects.filter(worker__username="social.worker", ended_on__isnull=True)
            .order_by("child_id")
            .values_list("child_id", flat=True)
        )
        children = list(
            Involvement.objects.filter(authority=council)
            .order_by("child_id")
            .values_list("child_id", flat=True)
            .distinct()[:5000]
        )
        people = list(
            Person.objects.filter(authority=council, restricted=False)
            .exclude(family_name="")
            .order_by("id")
            .values_list("id", "given_name", "family_name", "date_of_birth")[:5000]
        )
        counts = {
            "councils": Authority.objects.count(),
            "people": Person.objects.count(),
            "people in the benchmarked council": Person.objects.filter(authority=council).count(),
            "involvements": Involvement.objects.count(),
            "open allocations of social.worker": len(caseload),
        }
        per_council = (
            Person.objects.values("authority").annotate(n=Count("id")).order_by("-n").first()
        )
    restricted = set()
    with system_access():
        restricted = set(
            Person.objects.filter(id__in=children, restricted=True).values_list("id", flat=True)
        )
    children = [c for c in children if c not in restricted]
    rng.shuffle(children)
    with system_access():
        extra = sample_other_areas(council, set(caseload))
        counts["open deadlines"] = extra.pop("open deadlines")
        counts["contacts in the council"] = extra.pop("contacts in the council", 0)
    searches = []
    for _, given, family, born in rng.sample(people, min(len(people), 200)):
        kind = rng.random()
        if kind < 0.4:  # a misspelt surname
            i = rng.randrange(1, max(2, len(family) - 1))
            searches.append({"q": family[:i] + family[i + 1 :] if len(family) > 3 else family})
        elif kind < 0.8:
            searches.append({"q": f"{given} {family}"})
        elif born:
            searches.append(
                {
                    "q": family,
                    "date_of_birth-day": str(born.day),
                    "date_of_birth-month": str(born.month),
                    "date_of_birth-year": str(born.year),
                }
            )
        else:
            searches.append({"q": family})
    return {
        **extra,
        "caseload": caseload,
        "children": children,
        "searches": searches,
        "counts": counts,
        "largest council": per_council["n"] if per_council else 0,
    }


def _ids(queryset, limit: int = 300) -> list[object]:  # type: ignore[no-untyped-def]
    return list(queryset.values_list("id", flat=True)[:limit])


def sample_other_areas(council, caseload: set[object]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Contacts, assessments and plans the demo users may open, newest first; empty lists when
    the dataset has none (the page is then skipped and the report says so)."""
    from django.apps import apps

    from gofal.people.models import Person

    found: dict[str, object] = {}
    if apps.is_installed("gofal.front_door"):
        from gofal.front_door.models import Contact, ContactPerson

        recent = list(
            Contact.objects.filter(authority=council)
            .order_by("-received_at")
            .values_list("id", flat=True)[:400]
        )
        hidden = set(
            ContactPerson.objects.filter(
                contact_id__in=recent, person__restricted=True
            ).values_list("contact_id", flat=True)
        )
        found["contacts"] = [c for c in recent if c not in hidden][:300]
        found["contacts in the council"] = Contact.objects.filter(authority=council).count()

    def visible_pairs(model, user_caseload: set[object]) -> tuple[list[tuple[object, object]], str]:  # type: ignore[no-untyped-def]
        rows = model.objects.filter(authority=council).order_by("-pk")
        own = list(rows.filter(child_id__in=user_caseload).values_list("child_id", "id")[:400])
        pairs = own or list(rows.values_list("child_id", "id")[:400])
        hidden = set(
            Person.objects.filter(pk__in=[c for c, _ in pairs], restricted=True).values_list(
                "pk", flat=True
            )
        )
        return [p for p in pairs if p[0] not in hidden][:300], (
            "social.worker" if own else "team.manager"
        )

    if apps.is_installed("gofal.assessments"):
        from gofal.assessments.models import Assessment

        found["assessments"], found["assessments user"] = visible_pairs(Assessment, caseload)
    if apps.is_installed("gofal.planning"):
        from gofal.planning.models import CareAndSupportPlan

        found["plans"], found["plans user"] = visible_pairs(CareAndSupportPlan, caseload)
    found["open deadlines"] = 0
    if apps.is_installed("gofal.timescales"):
        from gofal.timescales.models import Deadline

        found["open deadlines"] = Deadline.objects.open().count()
    return found


# p95 server-time targets (ms): issue 2 item 8 for the foundation pages, the issues that built
# the others for theirs.
TARGETS = {
    "search": 20,
    "child": 50,
    "caseload": 50,
    "work": 50,
    "contact": 50,
    "contact_save": 100,
    "assessment": 50,
    "plan": 50,
    "risk_profile": 1000,  # issue 5 item 9: the council's risk profile within a second
}


def pages(data: dict[str, object]) -> list[Page]:
    from django.urls import NoReverseMatch, reverse

    children = list(data["children"])[:300]  # type: ignore[call-overload]
    caseload = list(data["caseload"]) or children[:20]  # type: ignore[call-overload]
    found: list[Page] = []

    def add(
        name: str,
        user: str,
        url_name: str,
        per_child: list[object] | None = None,
        target: float | None = None,
    ) -> None:
        try:
            if per_child is None:
                paths = [reverse(url_name)]
            else:
                paths = [reverse(url_name, args=[pk]) for pk in per_child]
        except NoReverseMatch:
            print(f"skipped {name}: no URL {url_name} yet")
            return
        found.append(Page(name, user, paths, target))

    def add_each(
        name: str, user: str, url_name: str, args: list[tuple[object, ...]], target: float | None
    ) -> None:
        if not args:
            print(f"skipped {name}: no such records in this dataset")
            return
        try:
            paths = [reverse(url_name, args=list(a)) for a in args]
        except NoReverseMatch:
            print(f"skipped {name}: no URL {url_name} yet")
            return
        found.append(Page(name, user, paths, target))

    T = TARGETS  # noqa: N806
    add(
        "Child summary (people:person_detail)",
        "social.worker",
        "people:person_detail",
        caseload,
        T["child"],
    )
    add(
        "Child summary, any child (team manager)",
        "team.manager",
        "people:person_detail",
        children,
        T["child"],
    )
    add(
        "My caseload (casework:my_caseload)",
        "social.worker",
        "casework:my_caseload",
        None,
        T["caseload"],
    )
    add("Team caseload (casework:team_caseload)", "team.manager", "casework:team_caseload")
    add("Chronology (casework:chronology)", "social.worker", "casework:chronology", caseload)
    add("Case notes (casework:notes)", "social.worker", "casework:notes", caseload)
    add_each("My work (timescales:my_work)", "social.worker", "timescales:my_work", [()], T["work"])
    add_each(
        "Team work (timescales:team_work)", "team.manager", "timescales:team_work", [()], T["work"]
    )
    add_each(
        "Council work (timescales:council_work)",
        "head.of.service",
        "timescales:council_work",
        [()],
        T["work"],
    )
    contacts = [(c,) for c in data.get("contacts", [])]  # type: ignore[attr-defined]
    add_each(
        "Contact with history (front_door:contact_detail)",
        "front.door",
        "front_door:contact_detail",
        contacts,
        T["contact"],
    )
    try:
        base = reverse("front_door:contact_new")
        found.append(
            Page(
                "Saving a contact (front_door:contact_new, POST)",
                "front.door",
                [f"{base}?child={c}" for c in children[:100]],
                T["contact_save"],
                post=CONTACT,
            )
        )
    except NoReverseMatch:
        print("skipped saving a contact: no URL front_door:contact_new yet")
    add_each(
        "Assessment (assessments:detail)",
        str(data.get("assessments user", "social.worker")),
        "assessments:detail",
        list(data.get("assessments", [])),  # type: ignore[call-overload]
        T["assessment"],
    )
    add_each(
        "Care and support plan (planning:detail)",
        str(data.get("plans user", "social.worker")),
        "planning:detail",
        list(data.get("plans", [])),  # type: ignore[call-overload]
        T["plan"],
    )
    add_each(
        "Risk profile for the council (quality:report_flags)",
        "head.of.service",
        "quality:report_flags",
        [()],
        T["risk_profile"],
    )
    try:
        base = reverse("people:person_search")
        paths = [f"{base}?{urllib.parse.urlencode(s)}" for s in data["searches"]]  # type: ignore[attr-defined]
        found.insert(
            0, Page("Person search (people:person_search)", "social.worker", paths, T["search"])
        )
    except NoReverseMatch:
        print("skipped person search: no URL yet")
    return found


# What the front door worker types when saving a contact (the date and time are filled in when
# it is sent); radio buttons and selects keep the form's first choice.
CONTACT = {
    "received_time": "09:30",
    "referrer_name": "Bench Referrer",
    "referrer_organisation": "Ysgol y Bench",
    "concerns": "Benchmark contact: the child arrived at school hungry and without a coat.",
    "consent_reason": "Benchmark: consent not sought",
}


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "gofal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def post_form(
    client: Client, path: str, typed: dict[str, str]
) -> tuple[int, dict[str, str], float]:
    """Open the form (not measured), as a user would, so each save carries the fresh one-time
    token the form hands out; then send it with what the user typed. Only the POST is timed."""
    status, _, content, _ = client.request("GET", path)
    if status != 200:
        return status, {}, float("nan")
    fields = form_fields(content)
    now = datetime.now()
    for name in list(fields):  # the date inputs: received_on_day, _month, _year
        for part, value in (("day", now.day), ("month", now.month), ("year", now.year)):
            if name.startswith("received_on") and name.endswith(part):
                fields[name] = str(value)
    fields.update(typed)
    fields["received_time"] = f"{max(0, now.hour - 1):02d}:{now.minute:02d}"
    status, headers, content, elapsed = client.request("POST", path, fields)
    if status == 200 and b"govuk-error-summary" in content:
        errors = re.findall(rb'<a href="#[^"]*">([^<]+)</a>', content)
        raise SystemExit(f"the contact form refused the save: {errors[:5]}")
    return status, headers, elapsed


def measure(port: int, page_list: list[Page], requests: int, warmup: int) -> None:
    clients: dict[str, Client] = {}
    for page in page_list:
        client = clients.get(page.user)
        if client is None:
            client = clients[page.user] = Client(port)
            client.login(page.user)
        for i in range(warmup + requests):
            path = page.paths[i % len(page.paths)]
            if page.post is None:
                status, headers, _, elapsed = client.request("GET", path)
            else:
                status, headers, elapsed = post_form(client, path, page.post)
            if i < warmup:
                continue
            page.statuses[status] = page.statuses.get(status, 0) + 1
            page.client_ms.append(elapsed)
            if "x-gofal-server-ms" in headers:
                page.server_ms.append(float(headers["x-gofal-server-ms"]))
                page.cpu_ms.append(float(headers["x-gofal-server-cpu-ms"]))
                page.queries.append(int(headers["x-gofal-queries"]))


def verdict(page: Page) -> str:
    if page.target_ms is None:
        return "none set"
    if not page.server_ms or page.statuses.keys() - {200, 302}:
        return f"≤ {page.target_ms:g} ms: not measured (errors)"
    met = percentile(page.server_ms, 0.95) <= page.target_ms
    return f"≤ {page.target_ms:g} ms: **{'met' if met else 'not met'}**"


RECONCILE_TARGET_S = 120


def time_reconcile(env: dict[str, str]) -> str:
    """`manage.py timescales reconcile` over every open deadline, timed (target 2 minutes)."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "timescales", "reconcile"],
        env={**env, "DJANGO_SETTINGS_MODULE": "gofal.settings"},
        capture_output=True,
        text=True,
    )
    elapsed = time.monotonic() - started
    said = (result.stdout.strip().splitlines() or [""])[-1]
    if result.returncode != 0:
        error = result.stderr.strip()[-200:].replace("\n", " ")
        return f"| `timescales reconcile` | failed (exit {result.returncode}) | | {error} |"
    met = "met" if elapsed <= RECONCILE_TARGET_S else "not met"
    return (
        f"| `timescales reconcile` (every open deadline) | {elapsed:.1f} s "
        f"| ≤ {RECONCILE_TARGET_S} s: **{met}** | {said} |"
    )


def report(args, env, data, page_list: list[Page], generation: str) -> str:
    vendor = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    lines = [
        f"## {vendor}, size `{args.size}` (seed {args.seed})",
        "",
        f"- When: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, {cpu}",
        f"- Server: gunicorn, {args.workers} sync workers, persistent connections "
        "(GOFAL_CONN_MAX_AGE=600), read-audit on (every person page and search hit audited)",
        f"- Dataset: {generation}; " + ", ".join(f"{k} {v}" for k, v in data["counts"].items()),
        f"- Load average before and after: {data['load']} / {os.getloadavg()[0]:.2f} "
        "(the machine is shared: other work running at the same time slows every figure)",
        f"- Requests: {args.requests} measured per page after {args.warmup} warm-up, one client "
        "on loopback, sequential",
        "",
        "| Page | n | server p50 ms | server p95 ms | server CPU p50 / p95 ms | client p95 ms "
        "| queries | statuses | p95 target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for page in page_list:
        queries = (
            f"{min(page.queries)}" if min(page.queries) == max(page.queries)
            else f"{min(page.queries)}–{max(page.queries)}"
        ) if page.queries else "?"  # fmt: skip
        statuses = ", ".join(f"{k}×{v}" for k, v in sorted(page.statuses.items()))
        lines.append(
            f"| {page.name} | {len(page.server_ms)} | {percentile(page.server_ms, 0.5):.1f} "
            f"| {percentile(page.server_ms, 0.95):.1f} "
            f"| {percentile(page.cpu_ms, 0.5):.1f} / {percentile(page.cpu_ms, 0.95):.1f} "
            f"| {percentile(page.client_ms, 0.95):.1f} "
            f"| {queries} | {statuses} | {verdict(page)} |"
        )

    if data.get("reconcile"):
        lines += [
            "",
            "| Step | wall time | target | what it said |",
            "|---|---|---|---|",
            str(data["reconcile"]),
        ]
    lines.append("")
    lines.append(
        "Server time is measured inside Django by `bench.middleware` (header X-Gofal-Server-Ms): "
        "all middleware, view, template rendering and the audit write; not the socket or "
        "gunicorn. Server CPU is the worker thread's CPU time over the same span (on PostgreSQL "
        "the database's own work is not in it). Queries are counted per request "
        "(header X-Gofal-Queries)."
    )
    return "\n".join(lines) + "\n"


def vacuum() -> None:
    """On PostgreSQL, VACUUM (ANALYZE) as autovacuum would have done on a live database: a
    freshly loaded one has no visibility map, so no index-only scans. Quick when nothing has
    changed since the last run."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="demo", choices=["tiny", "demo", "large", "wales"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="rebuild the dataset")
    parser.add_argument(
        "--only", default="", help="measure only pages whose name contains this (case-insensitive)"
    )
    parser.add_argument(
        "--skip-reconcile", action="store_true", help="do not time `timescales reconcile`"
    )
    args = parser.parse_args()
    env = database_env(args)
    if args.fresh:
        wipe(env)
    manage(env, "gofal_compilemessages")
    manage(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    manage(env, "gofal_generate", "--seed", str(args.seed), "--size", args.size, "--if-empty")
    generation = f"generated or reused in {time.monotonic() - started:.0f}s"
    setup_django(env)
    vacuum()
    data = sample(args)
    expected_councils = 22 if args.size == "wales" else 1
    if data["counts"]["councils"] != expected_councils:  # type: ignore[index]
        raise SystemExit("the database holds another size of dataset: rerun with --fresh")
    page_list = [p for p in pages(data) if args.only.lower() in p.name.lower()]
    data["load"] = f"{os.getloadavg()[0]:.2f}"
    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        measure(port, page_list, args.requests, args.warmup)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    if not args.skip_reconcile:
        data["reconcile"] = time_reconcile(env)
    text = report(args, env, data, page_list, generation)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    vendor = "postgresql" if env.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    path = out / f"{vendor}-{args.size}.md"
    path.write_text(text)
    print(text)
    print(f"written to {path.relative_to(ROOT)}")
    for page in page_list:
        if page.statuses.keys() - ({200, 302} if page.post else {200}):
            print(f"warning: {page.name} answered {page.statuses}")
    if statistics.mean(len(p.server_ms) for p in page_list) == 0:
        raise SystemExit("no server timings: is bench.settings in use?")


if __name__ == "__main__":
    main()
