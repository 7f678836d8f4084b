"""Load the statutory timescales from ../shared/reference/statutory-rules.md, for Wales and England.

Each figure keeps the source and the status the reference gives it (confirmed, predecessor,
unconfirmed). Where the reference gives no England figure, the Welsh figure is loaded for England
as unconfirmed, with a note saying so. The reference gives no commencement dates: every version
starts on a baseline date (2000-01-01) so historical clocks have a version; an administrator
records later changes as new versions.
"""

from datetime import date

from django.db import migrations

BASELINE = date(2000, 1, 1)
NO_ENGLAND = (
    "No England figure in the statutory reference: the Welsh figure is used until verified."
)

# code, English name, Welsh name
RULES = [
    ("referral-decision", "Decision on a report (referral)", "Penderfyniad ar adroddiad (atgyfeiriad)"),
    ("assessment", "Assessment of a child's needs", "Asesiad o anghenion plentyn"),
    ("strategy-discussion", "Strategy discussion", "Trafodaeth strategaeth"),
    ("initial-conference", "Initial child protection conference", "Cynhadledd amddiffyn plant gychwynnol"),
    ("conference-outline-plan", "Outline plan circulated after the initial conference", "Cynllun amlinellol wedi'i ddosbarthu ar ôl y gynhadledd gychwynnol"),
    ("core-group-first", "First core group meeting", "Cyfarfod cyntaf y grŵp craidd"),
    ("core-group-next", "Next core group meeting", "Cyfarfod nesaf y grŵp craidd"),
    ("review-conference-first", "First review child protection conference", "Cynhadledd adolygu amddiffyn plant gyntaf"),
    ("review-conference-next", "Next review child protection conference", "Cynhadledd adolygu amddiffyn plant nesaf"),
    ("lac-plan", "Care and support plan for a looked-after child", "Cynllun gofal a chymorth ar gyfer plentyn sy'n derbyn gofal"),
    ("placement-plan", "Placement plan", "Cynllun lleoliad"),
    ("lac-visit-first", "First statutory visit after a placement starts", "Ymweliad statudol cyntaf ar ôl i leoliad ddechrau"),
    ("lac-visit-next", "Next statutory visit", "Ymweliad statudol nesaf"),
    ("lac-review-first", "First looked-after review", "Adolygiad cyntaf plentyn sy'n derbyn gofal"),
    ("lac-review-second", "Second looked-after review", "Ail adolygiad plentyn sy'n derbyn gofal"),
    ("lac-review-next", "Next looked-after review", "Adolygiad nesaf plentyn sy'n derbyn gofal"),
    ("gp-registration", "Registration with a GP", "Cofrestru gyda meddyg teulu"),
    ("dental-check", "Dental check", "Archwiliad deintyddol"),
    ("health-assessment", "Initial health assessment", "Asesiad iechyd cychwynnol"),
    ("return-interview", "Return interview after a missing episode", "Cyfweliad dychwelyd ar ôl cyfnod ar goll"),
    ("care-leaver-assessment", "Care leaver's needs assessment", "Asesiad o anghenion person ifanc sy'n gadael gofal"),
    ("pathway-plan-review", "Pathway plan review", "Adolygiad o'r cynllun llwybr"),
]

WD, CD, WK, MO, HR = "working_days", "calendar_days", "weeks", "months", "hours"
C, P, U = "confirmed", "predecessor", "unconfirmed"

# code: (start event, meeting event, responsible role, then_rule)
EVENTS = {
    "referral-decision": ("Report (referral) received", "Next actions decided and recorded", "team_manager", None),
    "assessment": ("Point of referral", "Assessment completed", "social_worker", None),
    "strategy-discussion": ("Decision to hold a strategy discussion", "Strategy discussion held", "team_manager", None),
    "initial-conference": ("Strategy discussion (the last one, if several)", "Initial child protection conference held", "reviewing_officer", None),
    "conference-outline-plan": ("Initial child protection conference", "Outline plan and summary of decisions circulated", "social_worker", None),
    "core-group-first": ("Conference at which the child was registered", "First core group meeting held", "social_worker", "core-group-next"),
    "core-group-next": ("Previous core group meeting", "Core group meeting held", "social_worker", "core-group-next"),
    "review-conference-first": ("Initial child protection conference", "First review conference held", "reviewing_officer", "review-conference-next"),
    "review-conference-next": ("Previous review conference", "Review conference held", "reviewing_officer", "review-conference-next"),
    "lac-plan": ("Start of the first placement", "Care and support plan in place", "social_worker", None),
    "placement-plan": ("Start of the placement", "Placement plan agreed", "social_worker", None),
    "lac-visit-first": ("Start of the placement", "Child visited", "social_worker", "lac-visit-next"),
    "lac-visit-next": ("Previous statutory visit", "Child visited", "social_worker", "lac-visit-next"),
    "lac-review-first": ("Child became looked after", "First review held", "reviewing_officer", "lac-review-second"),
    "lac-review-second": ("First review", "Second review held", "reviewing_officer", "lac-review-next"),
    "lac-review-next": ("Previous review", "Review held", "reviewing_officer", "lac-review-next"),
    "gp-registration": ("Start of the placement", "Registered with a GP", "social_worker", None),
    "dental-check": ("Child became looked after", "Seen by a dentist", "social_worker", None),
    "health-assessment": ("Start of the placement", "Health assessment done", "social_worker", None),
    "return-interview": ("Child returned", "Return interview held", "social_worker", None),
    "care-leaver-assessment": ("16th birthday (or becoming category 1 after 16)", "Needs assessment completed", "social_worker", None),
    "pathway-plan-review": ("Previous pathway plan review", "Pathway plan reviewed", "personal_adviser", "pathway-plan-review"),
}

# code: (duration, unit, source, status, note)
WALES = {
    "referral-decision": (1, WD, "Wales Safeguarding Procedures s.3 pt 1, \"Action following a report: initial checks and decisions\", safeguarding.wales/en/chi-i/chi-i-c3pt1/c3pt1-p4", C, ""),
    "assessment": (42, WD, "PM24 definition: \"Number of assessments for children completed during the year within 42 working days from the point of referral\", StatsWales quantitativesocialservicesperformancechildren-by-measures; National Autistic Society Wales guidance", C, "Confirmed as the statutory timescale used for measurement; the exact Part 3 Code paragraph was not seen."),
    "strategy-discussion": (24, HR, "Council standard: 24 hours from the decision to hold one (the 2018 report named in issue 3). Wales Safeguarding Procedures s.3 pt 1, safeguarding.wales/en/chi-i/chi-i-c3pt1/c3pt1-p8, refers to \"the above timescales\" without a checked figure.", U, "The reference marks the timing unconfirmed: verify before relying on it."),
    "initial-conference": (15, WD, "Conwy annual report 2014-15 (indicator \"held within 15 days of strategy discussion/referral\", All Wales Child Protection Procedures era); Wales Safeguarding Procedures use 15 working days for transfer conferences (c4-p9)", P, "Current Wales Safeguarding Procedures paragraph not checked. Encode 15 working days and verify."),
    "conference-outline-plan": (5, WD, "Wales Safeguarding Procedures s.3 pt 2, c3pt2-p11", C, ""),
    "core-group-first": (10, WD, "Wales Safeguarding Procedures s.4 \"The core group\", safeguarding.wales/en/chi-i/chi-i-c4/c4-p4", C, ""),
    "core-group-next": (6, WK, "Wales Safeguarding Procedures s.4, c4-p5", C, "At least every 6 weeks."),
    "review-conference-first": (3, MO, "Wales Safeguarding Procedures s.4 \"The review conference\", c4-p8", C, ""),
    "review-conference-next": (6, MO, "Wales Safeguarding Procedures s.4 \"The review conference\", c4-p8", C, "At least every 6 months."),
    "lac-plan": (10, WD, "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg 4(3), legislation.gov.uk/wsi/2015/1818/part/2", C, "Before the first placement, or within 10 working days of its start."),
    "placement-plan": (5, WD, "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg 10, legislation.gov.uk/wsi/2015/1818/part/3/made", C, "Before the placement; if not practicable, within 5 working days."),
    "lac-visit-first": (1, WK, "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg 31, legislation.gov.uk/wsi/2015/1818/part/5", C, "Within 1 week of the start of any placement."),
    "lac-visit-next": (6, WK, "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg 31, legislation.gov.uk/wsi/2015/1818/part/5", C, "Within 6 weeks in the first year; after that 3 months if the placement is intended to last to 18, otherwise 6 weeks. Other intervals apply to placements with parents (reg 20) and connected persons (reg 26)."),
    "lac-review-first": (20, WD, "Care Planning, Placement and Case Review (Wales) Regulations 2015 Part 6 reg 39 (not checked); Review of Children's Cases (Wales) Regulations 2007 reg 4 (predecessor, timing text not checked)", U, "Expected figure, to verify. Some non-authoritative sources say 28 days (the pre-2016 Wales figure)."),
    "lac-review-second": (3, MO, "Care Planning, Placement and Case Review (Wales) Regulations 2015 Part 6 reg 39 (not checked)", U, "Expected figure, to verify."),
    "lac-review-next": (6, MO, "Care Planning, Placement and Case Review (Wales) Regulations 2015 Part 6 reg 39 (not checked)", U, "Expected figure, to verify."),
    "gp-registration": (10, WD, "PM31 (2016 framework) \"registered with a GP within 10 working days of the start of their placement\"; Placement of Children (Wales) Regulations 2007 reg 8(3)(a)", C, "Confirmed as a measure (PM31); the regulation is a predecessor (2007 reg 8(3)(a))."),
    "dental-check": (3, MO, "PM30 (2016 framework): seen by a registered dentist within 3 months of becoming looked after", C, "Confirmed as a performance measure."),
    "health-assessment": (14, WD, "Placement of Children (Wales) Regulations 2007 reg 8(1)(a), legislation.gov.uk/wsi/2007/310/regulation/8/made", P, "Unconfirmed for the 2015 regulations (reg 7). Predecessor: before placement or within 14 working days."),
    "return-interview": (72, HR, "England statutory guidance (DfE 2014), cited in a Herefordshire FOI; no Wales timescale found (All Wales practice guide not checked)", U, "Wales timescale unconfirmed: the England figure is used until verified."),
    "care-leaver-assessment": (3, MO, "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg 49, legislation.gov.uk/wsi/2015/1818/part/7/crossheading/category-1-young-persons/made", C, "Within 3 months of the 16th birthday (or of becoming category 1 after 16)."),
    "pathway-plan-review": (6, MO, "Children (Leaving Care) (Wales) Regulations 2001 reg 9 (predecessor)", P, "Unconfirmed for Care Leavers (Wales) Regulations 2015 reg 7. Predecessor: at intervals of no more than 6 months."),
}

ENGLAND = {
    "referral-decision": (1, WD, "Working Together 2023 / KCSIE para 229 (school policy excerpt)", C, ""),
    "assessment": (45, WD, "Working Together", U, "Well established, not re-read."),
    "strategy-discussion": (24, HR, "Council standard: 24 hours from the decision to hold one (the 2018 report named in issue 3). " + NO_ENGLAND, U, "Verify before relying on it."),
    "initial-conference": (15, WD, "English LSCP procedures (e.g. West Mercia): 15 working days from the strategy discussion at which s47 was initiated", P, ""),
    "conference-outline-plan": (5, WD, "Wales Safeguarding Procedures s.3 pt 2, c3pt2-p11. " + NO_ENGLAND, U, ""),
    "core-group-first": (10, WD, "Tees procedures: first within 10 working days of the initial conference", P, ""),
    "core-group-next": (6, WK, "Wales Safeguarding Procedures s.4, c4-p5. " + NO_ENGLAND, U, ""),
    "review-conference-first": (3, MO, "Working Together", U, ""),
    "review-conference-next": (6, MO, "Working Together", U, ""),
    "lac-plan": (10, WD, "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg 4(3). " + NO_ENGLAND, U, ""),
    "placement-plan": (5, WD, "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg 10. " + NO_ENGLAND, U, ""),
    "lac-visit-first": (1, WK, "Care Planning, Placement and Case Review (England) Regulations 2010 reg 28, legislation.gov.uk/uksi/2010/959/regulation/28 (same structure as Wales reg 31)", C, ""),
    "lac-visit-next": (6, WK, "Care Planning, Placement and Case Review (England) Regulations 2010 reg 28, legislation.gov.uk/uksi/2010/959/regulation/28 (same structure as Wales reg 31)", C, "Within 6 weeks in the first year; after that 3 months if the placement is intended to last to 18, otherwise 6 weeks."),
    "lac-review-first": (20, WD, "Care Planning, Placement and Case Review (England) Regulations 2010 reg 33", U, ""),
    "lac-review-second": (3, MO, "Care Planning, Placement and Case Review (England) Regulations 2010 reg 33", U, ""),
    "lac-review-next": (6, MO, "Care Planning, Placement and Case Review (England) Regulations 2010 reg 33", U, ""),
    "gp-registration": (10, WD, "PM31 (Wales 2016 framework). " + NO_ENGLAND, U, ""),
    "dental-check": (3, MO, "PM30 (Wales 2016 framework). " + NO_ENGLAND, U, ""),
    "health-assessment": (14, WD, "Placement of Children (Wales) Regulations 2007 reg 8(1)(a). " + NO_ENGLAND, U, ""),
    "return-interview": (72, HR, "DfE statutory guidance 2014, cited in a Herefordshire FOI", C, ""),
    "care-leaver-assessment": (3, MO, "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg 49. " + NO_ENGLAND, U, ""),
    "pathway-plan-review": (6, MO, "Children (Leaving Care) (Wales) Regulations 2001 reg 9. " + NO_ENGLAND, U, ""),
}


def load(apps, schema_editor):
    Rule = apps.get_model("timescales", "Rule")
    RuleVersion = apps.get_model("timescales", "RuleVersion")
    rules = {}
    for code, name_en, name_cy in RULES:
        rules[code], _ = Rule.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_cy": name_cy}
        )
    for jurisdiction, table in (("wales", WALES), ("england", ENGLAND)):
        for code, (duration, unit, source, status, note) in table.items():
            start_event, meeting_event, role, then_code = EVENTS[code]
            RuleVersion.objects.get_or_create(
                rule=rules[code],
                jurisdiction=jurisdiction,
                effective_from=BASELINE,
                defaults={
                    "start_event": start_event,
                    "meeting_event": meeting_event,
                    "duration": duration,
                    "unit": unit,
                    "then_rule": rules[then_code] if then_code else None,
                    "responsible_role": role,
                    "source": source,
                    "status": status,
                    "note": note,
                },
            )


def unload(apps, schema_editor):
    apps.get_model("timescales", "RuleVersion").objects.filter(effective_from=BASELINE).delete()


class Migration(migrations.Migration):
    dependencies = [("timescales", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
