"""Forms of the annual report pages. They read what was posted under the field
names the page prints (``used``, ``count-0``, ``answer-c2`` …) and only
translate it; the services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.money import KronerField

from .models import Answer

# More participants than any unit has staff; a typo beyond it is refused.
MAX_PARTICIPANTS = 100_000
MAX_TEXT = 10_000


def refusal_text(form: forms.Form) -> str:
    """Every error of ``form`` in one sentence per field, for the page's alert."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            parts.append(f"{label}: {error}" if label else str(error))
    return " ".join(parts)


class AnnualReportForm(forms.Form):
    """The report as the recipient (``full``) or a reader who may edit only the
    answers posts it. Money and participants are read only when ``full``."""

    lock_version = forms.IntegerField(required=False, min_value=0)
    used = KronerField(label=_("Money used (kroner)"))
    unused = KronerField(label=_("Money unused (kroner)"))
    co_financing_documented = KronerField(label=_("Own financing documented (kroner)"))

    def __init__(self, data, *, report, answer_keys, full: bool):
        super().__init__(data)
        self.report = report
        self.full = full
        self.answer_keys = list(answer_keys)
        if not full:
            for name in ("used", "unused", "co_financing_documented"):
                del self.fields[name]
        else:
            for i, row in enumerate(report.participants):
                label = row.get("unit", "")
                if row.get("target_group"):
                    label = f"{label} – {row['target_group']}"
                self.fields[f"count-{i}"] = forms.IntegerField(
                    label=label or _("Participants"),
                    required=False,
                    min_value=0,
                    max_value=MAX_PARTICIPANTS,
                )
        for key in self.answer_keys:
            self.fields[f"answer-{key}"] = forms.ChoiceField(
                choices=[("", "–"), *Answer.choices], required=False
            )
            self.fields[f"text-{key}"] = forms.CharField(
                required=False, max_length=MAX_TEXT, strip=False
            )

    def values(self) -> dict[str, Decimal] | None:
        if not self.full:
            return None
        return {
            name: self.cleaned_data[name] for name in ("used", "unused", "co_financing_documented")
        }

    def participants(self) -> list[dict] | None:
        if not self.full:
            return None
        return [
            {**row, "count": self.cleaned_data.get(f"count-{i}") or 0}
            for i, row in enumerate(self.report.participants)
        ]

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            key: (self.cleaned_data[f"answer-{key}"], self.cleaned_data[f"text-{key}"])
            for key in self.answer_keys
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(required=False, max_length=MAX_TEXT)


class ApproveForm(forms.Form):
    carried_over = KronerField(label=_("Carried over (kroner)"), required=False)
    unused_reason = forms.CharField(required=False, max_length=MAX_TEXT)

    def carried(self) -> Decimal:
        return self.cleaned_data["carried_over"] or Decimal(0)


class StartForm(forms.Form):
    # Four ASCII digits: int() would also read "２０２６" and "²".
    year = forms.RegexField(regex=r"^[0-9]{4}$")

    def clean_year(self) -> int:
        return int(self.cleaned_data["year"])


class OfficeReportForm(forms.Form):
    assessment = forms.CharField(
        label=_("The office's assessment"), required=False, max_length=MAX_TEXT * 5
    )
    lock_version = forms.IntegerField(required=False, min_value=0)
