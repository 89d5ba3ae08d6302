"""The appeal deadline: three weeks from notice, moved past weekends and public
holidays. Each expected date is worked out by hand from the calendar."""

import datetime

import pytest

from kompetansemidler.core.dates import appeal_deadline

D = datetime.date


@pytest.mark.parametrize(
    ("notified", "deadline"),
    [
        # An ordinary Monday: three weeks on is a Monday.
        (D(2026, 3, 2), D(2026, 3, 23)),
        # Notice on a Saturday: three weeks on is a Saturday, so Monday 30 March.
        (D(2026, 3, 7), D(2026, 3, 30)),
        # Easter 2027 (Easter Sunday 28 March): three weeks from Thursday 4 March is
        # Maundy Thursday; Good Friday, Saturday, Easter Sunday and Easter Monday
        # follow, so the deadline is Tuesday 30 March.
        (D(2027, 3, 4), D(2027, 3, 30)),
        # Easter 2026 (Easter Sunday 5 April): Easter Monday 6 April → Tuesday 7 April.
        (D(2026, 3, 16), D(2026, 4, 7)),
        # Christmas Day 2026 is a Friday: then a weekend, so Monday 28 December.
        (D(2026, 12, 4), D(2026, 12, 28)),
        # Christmas Eve is not a public holiday: the deadline stays on it.
        (D(2026, 12, 3), D(2026, 12, 24)),
        # New Year's Day 2027 is a Friday: then a weekend, so Monday 4 January.
        (D(2026, 12, 11), D(2027, 1, 4)),
        # Whit Monday and Constitution Day share 17 May 2027; Sunday 16 is Whit Sunday.
        (D(2027, 4, 25), D(2027, 5, 18)),
        # Ascension Day 2027 (Thursday 6 May) → Friday 7 May.
        (D(2027, 4, 15), D(2027, 5, 7)),
    ],
)
def test_appeal_deadline_is_three_weeks_moved_to_the_next_working_day(notified, deadline):
    assert appeal_deadline(notified) == deadline
