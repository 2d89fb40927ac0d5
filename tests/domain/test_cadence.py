"""Cadence arithmetic across time zones and month ends (no Flask)."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from journal.domain.followups import days_overdue, effective_cadence, next_follow_up

UTC = ZoneInfo("UTC")
TOKYO = ZoneInfo("Asia/Tokyo")
LA = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    ("stage", "cadence", "expected"),
    [
        ("new", 7, 7),
        ("interviewing", 14, 14),
        ("offer", 3, 3),
        ("placed", 7, None),
        ("on_hold", 7, None),
        ("not_a_fit", 7, None),
        ("new", None, None),
    ],
)
def test_only_active_stages_have_a_cadence(stage, cadence, expected):
    assert effective_cadence(stage, cadence) == expected


def test_the_day_is_the_recruiters_local_day():
    late_utc = datetime(2026, 1, 31, 23, 30, tzinfo=timezone.utc)  # already 1 February in Tokyo
    assert next_follow_up(late_utc, "new", 7, UTC) == date(2026, 2, 7)
    assert next_follow_up(late_utc, "new", 7, TOKYO) == date(2026, 2, 8)
    early_utc = datetime(2026, 3, 1, 3, 0, tzinfo=timezone.utc)  # still 28 February in Los Angeles
    assert next_follow_up(early_utc, "new", 1, LA) == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("touched", "days", "due"),
    [
        (datetime(2026, 1, 28, 12, tzinfo=timezone.utc), 7, date(2026, 2, 4)),
        (datetime(2028, 2, 25, 12, tzinfo=timezone.utc), 7, date(2028, 3, 3)),  # leap year
        (datetime(2026, 12, 29, 12, tzinfo=timezone.utc), 7, date(2027, 1, 5)),  # year end
        (datetime(2026, 4, 30, 12, tzinfo=timezone.utc), 31, date(2026, 5, 31)),
    ],
)
def test_month_and_year_ends(touched, days, due):
    assert next_follow_up(touched, "contacted", days, UTC) == due


def test_daylight_saving_change_does_not_shift_the_day():
    before_change = datetime(2026, 3, 7, 20, 0, tzinfo=timezone.utc)  # noon in LA, the day before DST
    assert next_follow_up(before_change, "new", 7, LA) == date(2026, 3, 14)


def test_days_overdue():
    now = datetime(2026, 2, 10, 1, 0, tzinfo=timezone.utc)  # 9 February in Los Angeles
    assert days_overdue(date(2026, 2, 9), now, LA) == 0
    assert days_overdue(date(2026, 2, 9), now, UTC) == 1
