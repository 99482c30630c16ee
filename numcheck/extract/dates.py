"""Dates and years in running text, kept at the precision the text gives.

"April 2018" is the month 2018-04, "May 7, 2018" the day 2018-05-07, "2019"
the year.  A date without a year ("March 3", "Jan. 14") is resolved with
dateparser against the document's publication date (``RELATIVE_BASE`` pinned,
``PREFER_DATES_FROM="current_period"``), or against the last year named before
it; "May of that year" takes the last year named before it.  With neither,
the date keeps no year (ISO ``--03-03``) and an unbounded interval.

Each date's value/low/high are proleptic ordinal days (``date.toordinal()``)
of its first and last day, so dates compare as intervals.

>>> [(d.surface, d.iso) for d in find_dates("announced in April 2018; on May 7, 2018 and in 2019.")]
[('April 2018', '2018-04'), ('May 7, 2018', '2018-05-07'), ('2019', '2019')]
>>> [(d.surface, d.iso) for d in find_dates("In April 2018 it began. In May of that year it grew.")]
[('April 2018', '2018-04'), ('May of that year', '2018-05')]
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from .spans import Spans
from ..records import slot_init

# what DATE_RE needs after a digit to match there (its day-month and ISO forms; the month names
# are written with a capital): a cheap test that skips the full pattern at most numbers
_DIGIT_DATE_GATE = re.compile(r"[0-3]?\d(?:st|nd|rd|th)?\s+[JFMASOND]|\d{4}-")

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
#: the weekday names in lower case, the one list the readers of dates, labels and case share
WEEKDAYS = frozenset(day.lower() for day in calendar.day_name)
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"

DATE_RE = re.compile(
    rf"""
      (?P<md>(?P<m1>{_MONTH})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>{_YEAR})\b)?)
    | (?P<dm>\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR})\b)?)
    | (?P<my>(?P<m3>{_MONTH})(?:\s+of)?,?\s+(?P<y3>{_YEAR}|that\s+year|the\s+same\s+year|last\s+year)\b)
    | (?P<iso>\b(?P<y4>{_YEAR})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)\b)
    | (?P<mo>(?P<m5>January|February|March|April|May|June|July|August|September|October|November|December)\b)
    """,
    re.VERBOSE,
)
# a run of days of one month ("July 14-16, 2021", "between 10 and 12 May"): the other day's
# number after a month-day date, or before a day-month one; read only where a date was found
_DAY_RUN_AFTER_RE = re.compile(rf"\s?[-–]\s?([0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+({_YEAR})\b)?")
_DAY_RUN_BEFORE_RE = re.compile(r"(?<![\d.,])\b([0-3]?\d)(?:st|nd|rd|th)?(?:\s?[-–]\s?|\s+(?:and|to)\s+)$")
YEAR_RE = re.compile(rf"(?<![\d,.$£€#/-])\b(?P<year>{_YEAR}|21\d\d|1[0-7]\d\d)(?P<decade>(?<=0)s)?\b(?!\d|,\d|%|\.\d|-\d)")


# A year after 2100 is read only after a preposition of time ("by 2150", "until 2105", "in the
# year 2120"): projections name such years, while a bare "2150" in news is more often an amount
# written without its comma ("the index closed at 2150").  Years up to 2100 are read as before.
_FAR_YEAR_BEFORE_RE = re.compile(r"\b(?:by|in|until|till|through|before|after|since|from|to|year)\s+$",
                                 re.IGNORECASE)
# A year before 1800 ("in 1769", "since 1066") is read after the prepositions that place a time only
# (not "by", "from", "to", "through": "rose by 1500", "from 1200 to 1450" are amounts written without a comma).
_EARLY_YEAR_BEFORE_RE = re.compile(r"\b(?:in|until|till|before|after|since|year)\s+$", re.IGNORECASE)
_NUMBER_LIST_AFTER_RE = re.compile(r"\s*(?:,|and\b|or\b|to\b)\s*(?:and\s+)?\d")


# A year glued by a hyphen to a lowercase prefix word ("mid-2013", "pre-2008", "post-2019"): English
# hyphenates a time prefix to the year it qualifies; YEAR_RE alone refuses a hyphen before the
# digits, where it is a code or a minus ("F-2019", "-2019").
_PREFIX_BEFORE_YEAR_RE = re.compile(r"(?<![\w-])[a-z]{3,5}-$")
_YEAR_AFTER_PREFIX_RE = re.compile(rf"(?P<year>{_YEAR})(?P<decade>(?<=0)s)?\b(?!\d|,\d|%|\.\d|-\d)")


def _prefixed_year(text: str, pos: int) -> re.Match | None:
    if _PREFIX_BEFORE_YEAR_RE.search(text, max(0, pos - 7), pos) is None:
        return None
    return _YEAR_AFTER_PREFIX_RE.match(text, pos)


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    surface: str
    iso: str
    low: float  # ordinal day of the first day
    high: float  # ordinal day of the last day
    kind: str  # "date" or "year"


# DateMatch.__init__: the fields stored through their slots (records.slot_init says why)
def _date_match_init(self, start, end, surface, iso, low, high, kind):
    set_ = _DATE_MATCH_SLOTS
    set_[0](self, start)
    set_[1](self, end)
    set_[2](self, surface)
    set_[3](self, iso)
    set_[4](self, low)
    set_[5](self, high)
    set_[6](self, kind)


_DATE_MATCH_SLOTS = slot_init(DateMatch, _date_match_init)


@lru_cache(maxsize=4096)  # a calendar lookup, asked for every date and year of a text (profiled)
def _span(year: int | None, month: int | None, day: int | None) -> tuple[str, float, float] | None:
    try:
        if year is None:
            return (f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"), -math.inf, math.inf
        if month is None:
            return f"{year}", date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return f"{year}-{month:02d}", date(year, month, 1).toordinal(), date(year, month, last).toordinal()
        d = date(year, month, day).toordinal()
        return f"{year}-{month:02d}-{day:02d}", d, d
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def parse_yearless(surface: str, base: date) -> date | None:
    """Resolve "March 3" against a base date with dateparser, or None."""
    import dateparser

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": "current_period", "REQUIRE_PARTS": ["day", "month"],
                "STRICT_PARSING": False}
    parsed = dateparser.parse(surface.replace(".", ""), languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _last_year_before(text: str, pos: int) -> int | None:
    years = [int(m.group("year")) for m in YEAR_RE.finditer(text, 0, pos) if _reads_as_year(text, m)]
    return years[-1] if years else None


def _reads_as_year(text: str, m: re.Match) -> bool:
    """A YEAR_RE match read as a year: 1800-2100 always, others after a preposition of time."""
    year = m.group("year")
    if "1800" <= year <= "2100":
        return True
    if year > "2100":
        return _FAR_YEAR_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()) is not None
    # "come in 1200, 1500 and 1800 watts": a list of amounts sharing a unit, not a year
    return _EARLY_YEAR_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()) is not None \
        and _NUMBER_LIST_AFTER_RE.match(text, m.end()) is None


_MONTH_ALONE_AFTER = re.compile(r"\b(?:in|since|by|until|through|during|from|early|late|mid|last|next|"
                                r"this|of|before|after)[\s-]$", re.IGNORECASE)


def _resolve(m: re.Match, text: str, base: date | None) -> tuple[str, float, float] | None:
    g = m.groupdict()
    if g["mo"]:
        # "in March": a month alone, only after a preposition (else "May" is a verb or a name)
        if not _MONTH_ALONE_AFTER.search(text, max(0, m.start() - 8), m.start()):
            return None
        year = base.year if base else _last_year_before(text, m.start())
        return _span(year, MONTHS[g["m5"].lower()], None) if year else _span(None, MONTHS[g["m5"].lower()], None)
    if g["iso"]:
        return _span(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    if g["my"]:
        month = MONTHS[g["m3"].lower().rstrip(".")]
        ytext = g["y3"]
        if ytext.isdigit():
            year = int(ytext)
        elif ytext.startswith("last") and base:
            year = base.year - 1
        else:
            year = _last_year_before(text, m.start())
        return _span(year, month, None) if year else _span(None, month, None)
    month = MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
    day = int(g["d1"] or g["d2"])
    ytext = g["y1"] or g["y2"]
    if ytext:
        return _span(int(ytext), month, day)
    if base is not None:
        resolved = parse_yearless(m.group(0), base)
        if resolved:
            return _span(resolved.year, resolved.month, resolved.day)
    return _span(None, month, day)


def _day_run(m: re.Match, text: str, span: tuple[str, float, float]) -> tuple[int, int, tuple[str, float, float]]:
    """ "July 14-16, 2021", "between 10 and 12 May": a run of days of one month is one date whose
    interval ends on its last day, not a date and a bare figure; (start, end, span) of the date."""
    start, end = m.start(), m.end()
    month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    if m.group("md"):
        run = None if m.group("y1") else _DAY_RUN_AFTER_RE.match(text, end)
        first, last = int(m.group("d1")), int(run.group(1)) if run else 0
    else:
        run = _DAY_RUN_BEFORE_RE.search(text, max(0, start - 14), start)
        first, last = (int(run.group(1)), int(m.group("d2"))) if run else (0, 0)
    if run is None or not 0 < first < last:
        return start, end, span
    year = int(run.group(2)) if m.group("md") and run.group(2) else (
        int(span[0][:4]) if span[0][:1].isdigit() else None)
    a, b = _span(year, month, first), _span(year, month, last)
    if a is None or b is None:
        return start, end, span
    return (start, run.end(), (a[0], a[1], b[2])) if m.group("md") else (run.start(), end, (a[0], a[1], b[2]))


# A span of years written with a dash or slash: "2010-2015", "1939-45", "2003–22", "fiscal 2023/24"
_YEAR_SPAN_RE = re.compile(rf"(?<![\d,.$£€#/-])\b(?P<y1>{_YEAR})\s?[-–/]\s?(?P<y2>{_YEAR}|\d\d)\b(?!\d|,\d|%|\.\d|[-–/]\d)")


_SPAN_SEPARATORS = "-–/"


def _year_span(text: str, pos: int) -> DateMatch | None:
    """ "during 2010-2015", "the 1939-45 war", "from 2003–22", "the 2019-20 season": two years joined
    by a dash or a slash, the second later than the first (written whole or by its last two
    digits) and at most a century after it, are one span of time, from the first day of the
    first year to the last day of the second; not two figures, nor a range of counts ("2000-2500
    people" is read as a range where the count is, :func:`.text._year_is_count`)."""
    m = _YEAR_SPAN_RE.match(text, pos) if text.startswith(("1", "2"), pos) else None
    if m is None:
        return None
    first, second = int(m.group("y1")), m.group("y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first < last <= first + 100 or "/" in m.group(0) and last != first + 1:
        return None  # "2019/05" is no span; a slash joins only a year to the next ("2023/24")
    low, high = date(first, 1, 1).toordinal(), date(last, 12, 31).toordinal()
    return DateMatch(m.start(), m.end(), m.group(0), f"{first}/{last}", low, high, "year")


def find_dates(text: str, base: date | None = None, masked=None, starts=None) -> list[DateMatch]:
    """Dates (with a month) and bare years, in text order; a year inside a date is not repeated.

    ``starts`` = (month-word offsets, digit offsets) from :mod:`.scan`; the
    regexes are matched only there.  Without it the text is scanned first.
    """
    if starts is None:
        from .scan import MONTH_WORDS, scan, starts as _starts

        hits = scan(text)
        starts = (_starts(hits, MONTH_WORDS), _starts(hits, digits=True))
    month_starts, digit_starts = starts
    hidden = Spans(masked or ())
    found: list[DateMatch] = []
    covered = -1
    for pos in sorted(month_starts + digit_starts):
        if pos < covered or hidden.covers(pos):
            continue
        if "0" <= text[pos] <= "9" and _DIGIT_DATE_GATE.match(text, pos) is None:
            continue  # at a digit only "5 May" and "2019-05-06" open a date: most numbers open neither
        m = DATE_RE.match(text, pos)
        if m is None or (pos > 0 and text[pos - 1].isalnum()):
            continue
        span = _resolve(m, text, base)
        if span:
            start, end = m.start(), m.end()
            if m.group("md") or m.group("dm"):
                start, end, span = _day_run(m, text, span)
            found.append(DateMatch(start, end, text[start:end], *span, "date"))
            covered = end
    in_dates = Spans((d.start, d.end) for d in found)
    spanned = -1
    for pos in digit_starts:
        if pos < spanned:
            continue  # the second year of a span already read
        # a span needs a dash or slash after four characters (or one space and it): tested here,
        # before the call, since this runs at every digit (profiled)
        sep = text[pos + 4:pos + 5] or " "
        if sep == " ":
            sep = text[pos + 5:pos + 6] or " "
        span_match = _year_span(text, pos) if sep in _SPAN_SEPARATORS else None
        if span_match is not None and not hidden.covers(pos) and not in_dates.covers(pos):
            found.append(span_match)
            spanned = span_match.end
            continue
        m = YEAR_RE.match(text, pos)
        if m is None and pos > 3 and text[pos - 1] == "-":
            m = _prefixed_year(text, pos)
        if m is None or hidden.covers(pos) or in_dates.covers(m.start()):
            continue
        year = int(m.group("year"))
        if not 1800 <= year <= 2100 and not _reads_as_year(text, m):
            continue
        iso, low, high = _span(year, None, None)
        if m.group("decade"):  # "the 1970s"
            iso, high = f"{year}s", date(year + 9, 12, 31).toordinal()
        found.append(DateMatch(m.start(), m.end(), m.group(0), iso, low, high, "year"))
    return sorted(found, key=lambda d: d.start)
