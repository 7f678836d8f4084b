"""Print the demo accounts: `manage.py gofal_demo_logins`."""

from datetime import date

from django.core.management.base import BaseCommand

from gofal.authorities.models import Membership
from gofal.demo.logins import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "List the demo logins (username, role, team) and their shared password."

    def handle(self, *args, **options):
        today = date.today()
        memberships = {
            m.user.username: m
            for m in Membership.objects.select_related("user", "team", "authority").filter(
                user__username__in=[login.username for login in DEMO_LOGINS]
            )
            if m.ended_on is None or m.ended_on > today
        }
        if not memberships:
            self.stdout.write("No demo council yet: run manage.py gofal_generate first.")
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        width = max(len(login.username) for login in DEMO_LOGINS)
        for login in DEMO_LOGINS:
            membership = memberships.get(login.username)
            if membership is None:
                continue
            team = membership.team.name_en if membership.team else membership.authority.name_en
            role = membership.get_role_display()
            self.stdout.write(f"  {login.username:<{width}}  {role:<32}  {team}")
