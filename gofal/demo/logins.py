"""The demo accounts: one known password, one account per kind of user people try first."""

from dataclasses import dataclass

from gofal.authorities.models import Role, TeamKind

DEMO_PASSWORD = "gofal-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    last_name: str
    role: str
    team_kind: str | None  # the kind of team (the first of that kind); None: council-wide


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("social.worker", "Cerys", "Llywelyn", Role.SOCIAL_WORKER, TeamKind.LOCALITY),
    DemoLogin("team.manager", "Gareth", "Pennant", Role.TEAM_MANAGER, TeamKind.LOCALITY),
    DemoLogin("senior.practitioner", "Rhian", "Tudur", Role.SENIOR_PRACTITIONER, TeamKind.LOCALITY),
    DemoLogin("front.door", "Dylan", "Meirion", Role.SOCIAL_WORKER, TeamKind.FRONT_DOOR),
    DemoLogin("head.of.service", "Angharad", "Teifi", Role.HEAD_OF_SERVICE, None),
    DemoLogin("director", "Emyr", "Glyndwr", Role.DIRECTOR, None),
    DemoLogin("iro", "Sioned", "Mabon", Role.REVIEWING_OFFICER, TeamKind.REVIEWING_OFFICERS),
    DemoLogin(
        "personal.adviser", "Osian", "Prydderch", Role.PERSONAL_ADVISER, TeamKind.FOURTEEN_PLUS
    ),
    DemoLogin(
        "placements.officer",
        "Bethan",
        "Caerwyn",
        Role.PLACEMENTS_OFFICER,
        TeamKind.FAMILY_PLACEMENT,
    ),
    DemoLogin("qa.officer", "Huw", "Aerona", Role.QA_OFFICER, TeamKind.QUALITY_ASSURANCE),
    DemoLogin("privacy.officer", "Ffion", "Elfed", Role.PRIVACY_OFFICER, None),
    DemoLogin("admin", "Iwan", "Madog", Role.SYSTEM_ADMINISTRATOR, None),
    DemoLogin(
        "business.support", "Megan", "Gwynedd", Role.BUSINESS_SUPPORT, TeamKind.BUSINESS_SUPPORT
    ),
)
