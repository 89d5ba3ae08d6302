"""A rule set's parameters: parsed and validated from the plain dict stored as data.

``RuleSetParameters.from_dict(data)`` returns ``(parameters, findings)``: the
parameters when the dict is valid (else ``None``) and one finding for every
problem, each tied to the parameter (``target``) it concerns. A new rule set
is a new dict, never new code; a new *kind* of parameter is a new field here
with a default, so stored rule sets stay valid.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from .findings import Finding, FindingKind, Severity, define

# The organisation kinds of the registry (kompetansemidler.registry.models.
# OrganisationKind); a test keeps the two lists equal.
ORGANISATION_KINDS = (
    "municipality",
    "county_municipality",
    "private_owner",
    "state_owner",
    "uh",
    "ks",
    "pbl",
    "union",
    "other",
)
# Who may receive a grant: an organisation of one of these kinds, or a network.
RECIPIENT_KINDS = (*ORGANISATION_KINDS, "network")
# The target groups the seed text names; Kompetanseløftet adds PPT, the other
# interdisciplinary services and the owners themselves.
TARGET_GROUPS = (
    "teachers",
    "leaders",
    "other_staff",
    "others_around_children",
    "ppt",
    "other_services",
    "owners",
)
# Recipients that are private parties: for them a grant is as a rule an
# enkeltvedtak with a right to appeal. Grants to municipalities and county
# municipalities are, in the Ministry of Finance's guidance on grant schemes,
# as a rule not; a state university or college is part of the state, not a party.
DEFAULT_APPEAL_RIGHT_KINDS = ("private_owner", "ks", "pbl", "union", "other")
BUDGET_NUMBER = re.compile(r"^[0-9]{1,4}$")
CATEGORY_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_DURATION_LIMIT = 10

PARAM_REQUIRED = define("PARAM_REQUIRED", Severity.ERROR, "This parameter is required.")
PARAM_NOT_A_MAPPING = define(
    "PARAM_NOT_A_MAPPING", Severity.ERROR, "The parameters must be a set of named values."
)
PARAM_UNKNOWN = define("PARAM_UNKNOWN", Severity.ERROR, "“%(name)s” is not a known parameter.")
PARAM_NOT_A_NUMBER = define("PARAM_NOT_A_NUMBER", Severity.ERROR, "“%(value)s” is not a number.")
PARAM_SHARE_RANGE = define(
    "PARAM_SHARE_RANGE",
    Severity.ERROR,
    "A share must be between 0 and 100 per cent; %(percent)s per cent was given.",
)
PARAM_NOT_A_WHOLE_NUMBER = define(
    "PARAM_NOT_A_WHOLE_NUMBER", Severity.ERROR, "“%(value)s” is not a whole number."
)
PARAM_DURATION_RANGE = define(
    "PARAM_DURATION_RANGE",
    Severity.ERROR,
    "The longest duration must be between 1 and %(limit)s years; %(value)s was given.",
)
PARAM_NOT_YES_NO = define("PARAM_NOT_YES_NO", Severity.ERROR, "This parameter must be yes or no.")
PARAM_NOT_A_LIST = define("PARAM_NOT_A_LIST", Severity.ERROR, "This parameter must be a list.")
PARAM_EMPTY = define("PARAM_EMPTY", Severity.ERROR, "Choose at least one.")
PARAM_UNKNOWN_CODE = define(
    "PARAM_UNKNOWN_CODE", Severity.ERROR, "“%(value)s” is not a known choice here."
)
PARAM_DUPLICATE = define("PARAM_DUPLICATE", Severity.ERROR, "“%(value)s” is listed more than once.")
PARAM_CATEGORY_CODE = define(
    "PARAM_CATEGORY_CODE",
    Severity.ERROR,
    "“%(value)s” is not a valid category code: use lower-case letters a–z, digits and "
    "underscores, starting with a letter.",
)
PARAM_CATEGORY_LABEL = define(
    "PARAM_CATEGORY_LABEL", Severity.ERROR, "The category “%(code)s” needs a name."
)
PARAM_CAP_WITHOUT_CATEGORIES = define(
    "PARAM_CAP_WITHOUT_CATEGORIES",
    Severity.ERROR,
    "An earmark cap needs at least one earmarked category.",
)
PARAM_CATEGORIES_WITHOUT_CAP = define(
    "PARAM_CATEGORIES_WITHOUT_CAP", Severity.ERROR, "Earmarked categories need an earmark cap."
)
PARAM_NOT_EARMARKED = define(
    "PARAM_NOT_EARMARKED",
    Severity.ERROR,
    "“%(value)s” is not one of this rule set's earmarked categories.",
)


@dataclass(frozen=True)
class Category:
    """An earmarked category of measures (Rekom), e.g. ``facilitation``."""

    code: str
    label: str


@dataclass(frozen=True)
class RuleSetParameters:
    """The parameters one scheme's rules use in one year."""

    # Rekom: the largest share of the funds that may go to earmarked categories.
    earmark_cap_share: Decimal | None
    # Dekom: the owner's own financing, as a share of the grant it receives.
    co_financing_share: Decimal | None
    earmarked_categories: tuple[Category, ...]
    eligible_recipient_kinds: tuple[str, ...]
    # The kinds of partner a measure needs; today only "uh".
    eligible_partner_kinds: tuple[str, ...]
    target_groups: tuple[str, ...]
    max_duration_years: int
    # The earmarked categories under which individual further education may be
    # funded (Rekom facilitation funds); empty: never.
    individual_further_education_categories: tuple[str, ...] = ()
    # The earmarked categories criterion C3's UH partnership does not apply to
    # (a craft certificate has no UH partner); empty: it applies to all.
    partner_exempt_categories: tuple[str, ...] = ()
    # Kompetanseløftet: a measure should include the team around the child
    # (PPT and other services) beyond the unit's own staff.
    team_around_child: bool = False
    # Rekom: the municipality as kindergarten authority sits in the forum.
    requires_kindergarten_authority: bool = False
    # Whether part of the funds may pay a partnership coordinator (anchored in the forum).
    coordinator_allowed: bool = True
    # The state budget's chapter and post the grant is paid from, as Udir enters
    # them; empty until entered (the letter then names neither).
    budget_chapter: str = ""
    budget_post: str = ""
    # The organisation kinds for which the decision is an enkeltvedtak with a right
    # to appeal; the others may ask the office to reconsider.
    appeal_right_kinds: tuple[str, ...] = DEFAULT_APPEAL_RIGHT_KINDS
    # Whether repayments the office receives may be reused in its round of the
    # year they arrive; by default they are returned to Udir.
    repayments_reusable: bool = False

    @property
    def individual_further_education_fundable(self) -> bool:
        return bool(self.individual_further_education_categories)

    @property
    def earmarked_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.earmarked_categories)

    def to_dict(self) -> dict[str, Any]:
        """The plain, JSON-safe dict ``from_dict`` reads back unchanged."""
        return {
            "earmark_cap_share": _share_out(self.earmark_cap_share),
            "co_financing_share": _share_out(self.co_financing_share),
            "earmarked_categories": [
                {"code": c.code, "label": c.label} for c in self.earmarked_categories
            ],
            "eligible_recipient_kinds": list(self.eligible_recipient_kinds),
            "eligible_partner_kinds": list(self.eligible_partner_kinds),
            "target_groups": list(self.target_groups),
            "max_duration_years": self.max_duration_years,
            "individual_further_education_categories": list(
                self.individual_further_education_categories
            ),
            "partner_exempt_categories": list(self.partner_exempt_categories),
            "team_around_child": self.team_around_child,
            "requires_kindergarten_authority": self.requires_kindergarten_authority,
            "coordinator_allowed": self.coordinator_allowed,
            "budget_chapter": self.budget_chapter,
            "budget_post": self.budget_post,
            "appeal_right_kinds": list(self.appeal_right_kinds),
            "repayments_reusable": self.repayments_reusable,
        }

    @classmethod
    def from_dict(cls, data: Any) -> tuple["RuleSetParameters | None", list[Finding]]:
        """Parse ``data``; return the parameters (or None) and every problem found."""
        if not isinstance(data, dict):
            return None, [PARAM_NOT_A_MAPPING(target="")]
        parser = _Parser(data)
        values: dict[str, Any] = {
            "earmark_cap_share": parser.share("earmark_cap_share"),
            "co_financing_share": parser.share("co_financing_share"),
            "earmarked_categories": parser.categories("earmarked_categories"),
            "eligible_recipient_kinds": parser.codes(
                "eligible_recipient_kinds", RECIPIENT_KINDS, required=True
            ),
            "eligible_partner_kinds": parser.codes(
                "eligible_partner_kinds", ORGANISATION_KINDS, required=True
            ),
            "target_groups": parser.codes("target_groups", TARGET_GROUPS, required=True),
            "max_duration_years": parser.duration("max_duration_years"),
            "requires_kindergarten_authority": parser.yes_no(
                "requires_kindergarten_authority", default=False
            ),
            "coordinator_allowed": parser.yes_no("coordinator_allowed", default=True),
            "team_around_child": parser.yes_no("team_around_child", default=False),
            "budget_chapter": parser.budget_number("budget_chapter"),
            "budget_post": parser.budget_number("budget_post"),
            "appeal_right_kinds": parser.codes(
                "appeal_right_kinds",
                ORGANISATION_KINDS,
                required=False,
                default=DEFAULT_APPEAL_RIGHT_KINDS,
            ),
            "repayments_reusable": parser.yes_no("repayments_reusable", default=False),
        }
        codes = tuple(c.code for c in values["earmarked_categories"] or ())
        # Until the categories parse, which codes are earmarked is unknown; calling
        # every listed code "not earmarked" would only mislead.
        values["individual_further_education_categories"] = parser.codes(
            "individual_further_education_categories",
            None if "earmarked_categories" in parser.failed else codes,
            required=False,
            unknown=PARAM_NOT_EARMARKED,
            default=(),
        )
        values["partner_exempt_categories"] = parser.codes(
            "partner_exempt_categories",
            None if "earmarked_categories" in parser.failed else codes,
            required=False,
            unknown=PARAM_NOT_EARMARKED,
            default=(),
        )
        if "earmark_cap_share" not in parser.failed and "earmarked_categories" not in parser.failed:
            if values["earmark_cap_share"] is not None and not codes:
                parser.add(PARAM_CAP_WITHOUT_CATEGORIES(target="earmarked_categories"))
            if values["earmark_cap_share"] is None and codes:
                parser.add(PARAM_CATEGORIES_WITHOUT_CAP(target="earmark_cap_share"))
        known = {f.name for f in fields(cls)}
        for name in data:
            if name not in known:
                parser.add(PARAM_UNKNOWN(target=str(name), name=str(name)))
        if parser.findings:
            return None, parser.findings
        return cls(**values), []


def percent(share: Decimal) -> Decimal:
    """A share as a percentage for messages: Decimal("0.30") → Decimal("30")."""
    return (share * 100).normalize() + 0


def _share_out(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class _Parser:
    data: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)
        self.failed.add(finding.target)

    def share(self, name: str) -> Decimal | None:
        """A share 0–1, or None (null) when the scheme has no such rule. Required key."""
        if name not in self.data:
            self.add(PARAM_REQUIRED(target=name))
            return None
        raw = self.data[name]
        if raw is None:
            return None
        if isinstance(raw, bool):
            self.add(PARAM_NOT_A_NUMBER(target=name, value=str(raw)))
            return None
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            self.add(PARAM_NOT_A_NUMBER(target=name, value=str(raw)))
            return None
        if not value.is_finite():
            self.add(PARAM_NOT_A_NUMBER(target=name, value=str(raw)))
            return None
        if not Decimal(0) <= value <= Decimal(1):
            self.add(PARAM_SHARE_RANGE(target=name, percent=percent(value)))
            return None
        return value

    def duration(self, name: str) -> int | None:
        if name not in self.data:
            self.add(PARAM_REQUIRED(target=name))
            return None
        raw = self.data[name]
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            self.add(PARAM_NOT_A_WHOLE_NUMBER(target=name, value=str(raw)))
            return None
        try:
            value = int(str(raw).strip())
        except ValueError:
            self.add(PARAM_NOT_A_WHOLE_NUMBER(target=name, value=str(raw)))
            return None
        if not 1 <= value <= MAX_DURATION_LIMIT:
            self.add(PARAM_DURATION_RANGE(target=name, value=value, limit=MAX_DURATION_LIMIT))
            return None
        return value

    def yes_no(self, name: str, *, default: bool) -> bool:
        raw = self.data.get(name, default)
        if not isinstance(raw, bool):
            self.add(PARAM_NOT_YES_NO(target=name))
            return default
        return raw

    def budget_number(self, name: str) -> str:
        """A budget chapter or post: up to four digits, or empty when not entered."""
        raw = self.data.get(name) or ""
        value = str(raw).strip()
        if value and (isinstance(raw, bool) or not BUDGET_NUMBER.match(value)):
            self.add(PARAM_NOT_A_WHOLE_NUMBER(target=name, value=value))
            return ""
        return value

    def _list(self, name: str, *, required: bool) -> list[Any] | None:
        if name not in self.data:
            if required:
                self.add(PARAM_REQUIRED(target=name))
            return None
        raw = self.data[name]
        if not isinstance(raw, list | tuple):
            self.add(PARAM_NOT_A_LIST(target=name))
            return None
        return list(raw)

    def codes(
        self,
        name: str,
        allowed: Collection[str] | None,
        *,
        required: bool,
        unknown: FindingKind = PARAM_UNKNOWN_CODE,
        default: tuple[str, ...] | None = None,
    ) -> tuple[str, ...] | None:
        """A list of distinct codes from ``allowed`` (None: any text)."""
        raw = self._list(name, required=required)
        if raw is None:
            return default
        seen: list[str] = []
        ok = True
        for item in raw:
            if (
                allowed is None
                and not isinstance(item, str)
                or (allowed is not None and item not in allowed)
            ):
                self.add(unknown(target=name, value=str(item)))
                ok = False
            elif item in seen:
                self.add(PARAM_DUPLICATE(target=name, value=str(item)))
                ok = False
            else:
                seen.append(item)
        if required and not raw:
            self.add(PARAM_EMPTY(target=name))
            ok = False
        return tuple(seen) if ok else default

    def categories(self, name: str) -> tuple[Category, ...] | None:
        raw = self._list(name, required=True)
        if raw is None:
            return None
        result: list[Category] = []
        ok = True
        for item in raw:
            code = item.get("code") if isinstance(item, dict) else None
            label = item.get("label") if isinstance(item, dict) else None
            if not isinstance(code, str) or not CATEGORY_CODE.match(code):
                self.add(PARAM_CATEGORY_CODE(target=name, value=str(code if code else item)))
                ok = False
                continue
            if code in {c.code for c in result}:
                self.add(PARAM_DUPLICATE(target=name, value=code))
                ok = False
                continue
            if not isinstance(label, str) or not label.strip():
                self.add(PARAM_CATEGORY_LABEL(target=name, code=code))
                ok = False
                continue
            result.append(Category(code=code, label=label.strip()))
        return tuple(result) if ok else None
