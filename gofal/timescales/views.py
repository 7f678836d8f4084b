"""Timescale pages: thin views over selectors, services and presenters."""

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.timescales import clock, forms, presenters, selectors, services
from gofal.timescales.calendar import local_date
from gofal.timescales.models import ClosureDay, Deadline, Rule
from gofal.timescales.presenters import deadline_page
from gofal.timescales.registry import RuleRegistry
from gofal.timescales.rules import Perm

PAGE_SIZE = 50
TEAM_WORK_PAGE = 25  # Team work's clocks a page: the counts above give the whole picture


def _record_children_listed(request: HttpRequest, rows: Iterable[Deadline], context: str) -> None:
    """Each child whose timescales a list shows is a read of their record: one entry per child."""
    children = {d.child_id: d.child for d in rows}
    audit.record_list(actor=request.user, objects=children.values(), context=context)


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def deadline_detail(request: HttpRequest, deadline_id: str) -> HttpResponse:
    _require(request, Perm.VIEW_DEADLINES)
    deadline = selectors.deadline_get_for_user(user=request.user, deadline_id=deadline_id)
    audit.record_view(actor=request.user, obj=deadline)
    now = clock.now()
    authority = deadline.authority
    registry = RuleRegistry(authority_ids=[authority.pk])
    calendar, soon = selectors.work_calendar(authority=authority)
    exception_form = forms.ExceptionForm(request.POST or None, prefix="exception")
    if request.method == "POST" and "exception-reason" in request.POST:
        _require(request, Perm.RECORD_EXCEPTION)
        if exception_form.is_valid():
            try:
                services.deadline_exception_record(
                    deadline=deadline,
                    reason=exception_form.cleaned_data["reason"],
                    explanation=exception_form.cleaned_data["explanation"],
                    recorded_by=request.user,  # type: ignore[arg-type]
                    at=now,
                )
            except ValidationError as error:
                exception_form.add_error(None, error)
            else:
                messages.success(request, _("Reason recorded. A manager will decide on it."))
                return redirect("timescales:deadline_detail", deadline_id=deadline.pk)
    page = deadline_page(
        deadline=deadline,
        registry=registry,
        calendar=calendar,
        as_of=now,
        user=request.user,
        soon=soon,
    )
    return render(
        request,
        "timescales/deadline_detail.html",
        {"page": page, "deadline": deadline, "exception_form": exception_form},
    )


def exception_decide(request: HttpRequest, deadline_id: str, exception_id: str) -> HttpResponse:
    _require(request, Perm.DECIDE_EXCEPTION)
    deadline = selectors.deadline_get_for_user(user=request.user, deadline_id=deadline_id)
    exception = deadline.exceptions.filter(pk=exception_id).first()
    if exception is None or request.method != "POST":
        return redirect("timescales:deadline_detail", deadline_id=deadline.pk)
    form = forms.ExceptionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_exception_decide(
                exception=exception,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                decided_by=request.user,  # type: ignore[arg-type]
                at=clock.now(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("timescales:deadline_detail", deadline_id=deadline.pk)


# Work queues ---------------------------------------------------------------------------------


def _today(now: datetime) -> date:
    return local_date(now)


MY_WORK_LATER = 25  # clocks due after this week shown before "show all"


def my_work(request: HttpRequest) -> HttpResponse:
    """A worker's open deadlines across all their children: overdue first, then this week."""
    _require(request, Perm.VIEW_MY_WORK)
    now = clock.now()
    authority = request.acting.authority  # type: ignore[attr-defined]
    calendar, soon = selectors.work_calendar(authority=authority)
    # When each clock is due decides where it goes; only the clocks shown are read in full.
    plan = presenters.work_plan(
        due=selectors.my_work(user=request.user).values_list("pk", "due_on", "due_at"),
        as_of=now,
        later_limit=None if request.GET.get("later") == "all" else MY_WORK_LATER,
    )
    rows = selectors.my_work_rows(user=request.user, ids=plan.shown)
    groups = presenters.work_groups(
        plan=plan,
        rows=rows,
        as_of=now,
        calendar=calendar,
        soon=soon,
    )
    shown = [row.deadline for group in groups for row in group.rows]
    _record_children_listed(request, shown, "timescales:my_work")
    return render(request, "timescales/my_work.html", {"groups": groups, "total": plan.total})


def _work_filter(request: HttpRequest, form: forms.WorkFilterForm) -> selectors.WorkFilter:
    if not form.is_valid():
        return selectors.WorkFilter()
    data = form.cleaned_data
    return selectors.WorkFilter(
        team_id=uuid.UUID(data["team"]) if data["team"] else None,
        worker_id=uuid.UUID(data["worker"]) if data["worker"] else None,
        rule_id=uuid.UUID(data["rule"]) if data["rule"] else None,
        due=data["due"] or "",
    )


class _QueueRows:
    """A queue for the paginator: its length is known from its counts, and a page is read
    on its own (`selectors.team_work_page`)."""

    def __init__(self, rows: QuerySet[Deadline], total: int) -> None:
        self.rows, self.total = rows, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, page: slice) -> list[Deadline]:
        return selectors.team_work_page(self.rows, start=page.start or 0, stop=page.stop)


def team_work(request: HttpRequest) -> HttpResponse:
    """A manager's view of their teams' deadlines: by worker, by kind, overdue first."""
    _require(request, Perm.VIEW_TEAM_WORK)
    now = clock.now()
    today = _today(now)
    authority = request.acting.authority  # type: ignore[attr-defined]
    teams = selectors.teams_for_work(request.user)
    workers = selectors.workers_of_teams(
        team_ids=[t.pk for t in teams], as_of=today, authority_id=authority.pk
    )
    registry_rules = list(Rule.objects.order_by("code"))
    form = forms.WorkFilterForm(
        request.GET or None,
        teams=[(str(t.pk), t.name) for t in teams],
        workers=[(str(w.pk), str(w)) for w in workers],
        rules=[(str(r.pk), r.name) for r in registry_rules],
    )
    work_filter = _work_filter(request, form)
    rows = selectors.team_work(user=request.user, as_of=today, work_filter=work_filter)
    counts = selectors.team_work_counts(rows=rows, as_of=today)
    queue: Any = _QueueRows(rows, counts.total)  # a sequence as far as the paginator goes
    page: Page[Deadline] = Paginator(queue, TEAM_WORK_PAGE).get_page(request.GET.get("page"))
    _record_children_listed(request, page.object_list, "timescales:team_work")
    calendar, soon = selectors.work_calendar(authority=authority)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "timescales/team_work.html",
        {
            "form": form,
            "page": page,
            "rows": presenters.work_rows(
                rows=page.object_list,
                as_of=now,
                calendar=calendar,
                soon=soon,
            ),
            "by_worker": presenters.count_rows(
                counts.by_worker,
                base=query,
                key="worker",
                label=presenters.worker_label({w.pk: w for w in workers}),
            ),
            "by_rule": presenters.count_rows(
                counts.by_rule,
                base=query,
                key="rule",
                label=presenters.rule_label({r.pk: r for r in registry_rules}),
            ),
            "caseload_href": presenters.caseload_href(work_filter.team_id),
            "query": query.urlencode(),
        },
    )


def council_work(request: HttpRequest) -> HttpResponse:
    """Head of service: open deadlines by team and kind; timeliness for any period."""
    _require(request, Perm.VIEW_COUNCIL_WORK)
    now = clock.now()
    today = _today(now)
    authority = request.acting.authority  # type: ignore[attr-defined]
    registry_rules = list(Rule.objects.order_by("code"))
    rules_by_id = {r.pk: r for r in registry_rules}
    visible = selectors.restricted_filter(request.user)
    counts = selectors.work_counts(
        rows=selectors.council_work(user=request.user, visible=visible),
        as_of=today,
        by=("team_id", "rule_id"),
    )
    teams_by_id = selectors.council_teams(user=request.user)
    form = forms.TimelinessForm(
        request.GET if "rule" in request.GET else None,
        rules=[(str(r.pk), r.name) for r in registry_rules],
    )
    timeliness = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        group = request.GET.get("group", "team")
        group = group if group in ("team", "worker") else "team"
        team_id = _uuid_or_none(request.GET.get("team", ""))
        timeliness = presenters.timeliness_table(
            rule=rules_by_id.get(uuid.UUID(data["rule"])),
            council=selectors.timeliness_by(
                authority_id=authority.pk,
                rule_id=uuid.UUID(data["rule"]),
                period_start=data["period_start"],
                period_end=data["period_end"],
                team_id=team_id,
                visible=visible,
            ),
            rows=selectors.timeliness_by(
                authority_id=authority.pk,
                rule_id=uuid.UUID(data["rule"]),
                period_start=data["period_start"],
                period_end=data["period_end"],
                group_by=group,
                team_id=team_id,
                visible=visible,
            ),
            group=group,
            query=request.GET,
        )
    return render(
        request,
        "timescales/council_work.html",
        {
            "table": presenters.council_table(
                counts, rules_by_id=rules_by_id, teams_by_id=teams_by_id
            ),
            "form": form,
            "timeliness": timeliness,
        },
    )


def _uuid_or_none(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def timeliness_children(request: HttpRequest) -> HttpResponse:
    """Drill-down: the children behind a timeliness figure (completed in the period)."""
    _require(request, Perm.VIEW_COUNCIL_WORK)
    authority = request.acting.authority  # type: ignore[attr-defined]
    rules = list(Rule.objects.order_by("code"))
    form = forms.TimelinessForm(request.GET, rules=[(str(r.pk), r.name) for r in rules])
    if not form.is_valid():
        return redirect("timescales:council_work")
    data = form.cleaned_data
    rows = selectors.completed_in_period(
        authority_id=authority.pk,
        rule_id=uuid.UUID(data["rule"]),
        period_start=data["period_start"],
        period_end=data["period_end"],
    ).filter(pk__in=selectors.deadlines_visible_to(request.user).values("pk"))
    team_id = _uuid_or_none(request.GET.get("team", ""))
    worker_id = _uuid_or_none(request.GET.get("worker", ""))
    if team_id:
        rows = rows.filter(team_id=team_id)
    if worker_id:
        rows = rows.filter(worker_id=worker_id)
    rows = rows.select_related("rule", "child", "worker", "team").order_by("met_on", "pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    _record_children_listed(request, page.object_list, "timescales:timeliness_children")
    return render(
        request,
        "timescales/timeliness_children.html",
        {"page": page, "rule": next(r for r in rules if str(r.pk) == data["rule"]), "data": data},
    )


# The registry: rules, local standards, closure days -----------------------------------------


def rule_list(request: HttpRequest) -> HttpResponse:
    """Every rule with its versions, source and status, and this council's own standards."""
    _require(request, Perm.VIEW_RULES)
    authority = request.acting.authority  # type: ignore[attr-defined]
    return render(
        request,
        "timescales/rule_list.html",
        {
            "rules": presenters.rule_rows(authority=authority),
            "changes": selectors.registry_changes(authority_id=authority.pk)[:20],
            "can_change": request.user.has_perm(Perm.CHANGE_RULES),
        },
    )


def rule_version_add(request: HttpRequest, code: str) -> HttpResponse:
    _require(request, Perm.CHANGE_RULES)
    rule = get_object_or_404(Rule, code=code)
    form = forms.RuleVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_version_add(
                rule=rule,
                changed_by=request.user,  # type: ignore[arg-type]
                at=clock.now(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("New version recorded."))
            return redirect("timescales:rule_list")
    return render(
        request, "timescales/rule_form.html", {"form": form, "rule": rule, "kind": "version"}
    )


def local_standard_set(request: HttpRequest, code: str) -> HttpResponse:
    _require(request, Perm.CHANGE_RULES)
    rule = get_object_or_404(Rule, code=code)
    form = forms.LocalStandardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.local_standard_set(
                authority=request.acting.authority,  # type: ignore[attr-defined]
                rule=rule,
                set_by=request.user,  # type: ignore[arg-type]
                at=clock.now(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Local standard recorded."))
            return redirect("timescales:rule_list")
    return render(
        request, "timescales/rule_form.html", {"form": form, "rule": rule, "kind": "standard"}
    )


def closure_list(request: HttpRequest) -> HttpResponse:
    """The council's closure days, and its reminder setting."""
    _require(request, Perm.CHANGE_RULES)
    authority = request.acting.authority  # type: ignore[attr-defined]
    now = clock.now()
    form = forms.ClosureDayForm(request.POST if "add" in request.POST else None, prefix="add")
    setting = selectors.council_setting(authority_id=authority.pk)
    setting_form = forms.ReminderSettingForm(
        request.POST if "setting" in request.POST else None,
        prefix="setting",
        initial={"remind_working_days": setting},
    )
    if request.method == "POST" and "add" in request.POST and form.is_valid():
        try:
            services.closure_day_add(
                authority=authority,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                added_by=request.user,  # type: ignore[arg-type]
                at=now,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Closure day added."))
            return redirect("timescales:closure_list")
    if request.method == "POST" and "setting" in request.POST and setting_form.is_valid():
        services.council_setting_set(
            authority=authority,
            remind_working_days=setting_form.cleaned_data["remind_working_days"],
            reason=setting_form.cleaned_data["reason"],
            set_by=request.user,  # type: ignore[arg-type]
            at=now,
        )
        messages.success(request, _("Reminder setting saved."))
        return redirect("timescales:closure_list")
    return render(
        request,
        "timescales/closure_list.html",
        {
            "closures": ClosureDay.objects.filter(authority=authority).order_by("-on"),
            "form": form,
            "setting_form": setting_form,
            "errors_form": form if form.errors else setting_form,
        },
    )


def closure_remove(request: HttpRequest, closure_id: str) -> HttpResponse:
    _require(request, Perm.CHANGE_RULES)
    authority = request.acting.authority  # type: ignore[attr-defined]
    closure = get_object_or_404(ClosureDay, pk=closure_id, authority=authority)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.closure_day_remove(
            closure=closure,
            reason=form.cleaned_data["reason"],
            removed_by=request.user,  # type: ignore[arg-type]
            at=clock.now(),
        )
        messages.success(request, _("Closure day removed."))
        return redirect("timescales:closure_list")
    return render(request, "timescales/closure_remove.html", {"form": form, "closure": closure})
