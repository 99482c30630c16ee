"""A synthetic news corpus for the scale benchmark (``numcheck bench --docs N``).

SYNTHETIC DATA.  Every article this module writes is invented: the sentences
are templates written by the numcheck team, in its own words, following the
patterns of the bundled example story (a policy that separated children from
their parents, a funding shortfall, a pilot program in one city, the month a
policy was announced, fund-raising blurbs repeated at the foot of an article,
one outlet running another's story).  Figures, outlets, people, places and
dates are drawn from small word lists with :class:`random.Random` seeded by
``seed``, so one ``(n_docs, seed)`` always gives the same bytes.  No text from
any real article is used, and no figure is a real one.  Each article names
itself as synthetic in its ``url:`` header (``https://example.invalid/...``).

The corpus is shaped like news, not like a test fixture:

* articles come in **stories**: one story (an agency, a program, a place, a
  year, two things it counts) is covered by 1 to about 30 articles from
  different outlets, published over the following months;
* each article states the story's figures with its own wording: exact
  ("2,914 children"), rounded with a qualifier ("nearly 3,000", "more than
  2,900"), and about one article in eight gets a figure or a month wrong,
  which is what the rules are there to find;
* a count grows over a story's life (later articles give larger totals);
* a pilot program in another city gives a part of the whole;
* most sentences carry no figure (quotes, background, reactions);
* every outlet has a fund-raising blurb with its own figures, and about a
  third of articles print it twice (boilerplate);
* about 4% of articles are syndicated copies of another outlet's article,
  with a few words changed and a "first ran in" line (duplicates).

Articles average about 4 KB, so 10,000 of them are about 40 MB.  Files are
``NNNNN_<outlet>.txt`` with ``source:``/``date:``/``title:``/``url:`` header
lines or front matter; a hidden ``.synthetic.json`` records the seed and size.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from .synthetic_prose import filler

GENERATOR_VERSION = "1"
MANIFEST = ".synthetic.json"

_OUTLET_FIRST = ("Westward", "Civic", "Valley", "Metro", "Capitol", "Harbor", "Prairie", "Lakeside",
                 "Northern", "Southern", "Coastal", "River", "Summit", "Union", "Frontier", "Granite",
                 "Pine", "Desert", "Bay", "Highland", "Evening", "Morning", "County", "Tri-State")
_OUTLET_SECOND = ("Courier", "Gazette", "Dispatch", "Ledger", "Wire", "Herald", "Tribune", "Sentinel",
                  "Chronicle", "Observer", "Post", "Record", "Journal", "Bulletin", "Beacon", "Register",
                  "Examiner", "Monitor", "Star", "Review")
_PLACES = (("Reno", "Nev."), ("El Paso", "Texas"), ("Tucson", "Ariz."), ("Fresno", "Calif."),
           ("Boise", "Idaho"), ("Spokane", "Wash."), ("Albany", "N.Y."), ("Dayton", "Ohio"),
           ("Tulsa", "Okla."), ("Omaha", "Neb."), ("Wichita", "Kan."), ("Macon", "Ga."),
           ("Mobile", "Ala."), ("Duluth", "Minn."), ("Akron", "Ohio"), ("Eugene", "Ore."),
           ("Provo", "Utah"), ("Laredo", "Texas"), ("Yuma", "Ariz."), ("Erie", "Pa."),
           ("Toledo", "Ohio"), ("Lansing", "Mich."), ("Madison", "Wis."), ("Savannah", "Ga."),
           ("Pueblo", "Colo."), ("Billings", "Mont."), ("Fargo", "N.D."), ("Bangor", "Maine"),
           ("Burlington", "Vt."), ("Trenton", "N.J."), ("Camden", "N.J."), ("Flint", "Mich."),
           ("Gary", "Ind."), ("Peoria", "Ill."), ("Joliet", "Ill."), ("Salem", "Ore."),
           ("Modesto", "Calif."), ("Stockton", "Calif."), ("Odessa", "Texas"), ("Lubbock", "Texas"))
_FIRST = ("Ana", "Ben", "Carla", "Dev", "Elena", "Frank", "Grace", "Hector", "Irene", "Jonah", "Kemal",
          "Lena", "Marcus", "Nadia", "Omar", "Paula", "Quinn", "Rosa", "Samir", "Tessa", "Victor", "Wendy")
_LAST = ("Alvarez", "Brooks", "Chen", "Dorsey", "Ellison", "Farrow", "Garza", "Holt", "Ibarra", "Jansen",
         "Keller", "Lindqvist", "Moreno", "Novak", "Okafor", "Pruitt", "Quintero", "Reyes", "Stroud",
         "Tanaka", "Underwood", "Vance", "Whitaker", "Yates")
_AGENCIES = (("the Justice Department", "attorney general"), ("the state housing agency", "housing director"),
             ("the county health department", "health commissioner"), ("the Labor Department", "labor secretary"),
             ("the school board", "superintendent"), ("the transit authority", "transit chief"),
             ("the state prison system", "corrections secretary"), ("the water district", "district manager"),
             ("the immigration agency", "agency director"), ("the city council", "mayor"),
             ("the state election office", "secretary of state"), ("the parks department", "parks director"))
_PROGRAM_FIRST = ("zero tolerance", "Safe Streets", "Fresh Start", "Clean Slate", "Open Doors", "Fair Share",
                  "Bright Futures", "Second Chance", "Firm Line", "Home First", "Fast Track", "Steady Ground")
_PROGRAM_SECOND = ("policy", "plan", "program", "initiative", "order", "rule")
# (what is counted, as written; what happened to it, a participle phrase)
_SUBJECTS = (("children", "separated from their parents"), ("families", "evicted from their homes"),
             ("workers", "laid off"), ("students", "moved to other schools"), ("patients", "turned away"),
             ("tenants", "forced out"), ("migrants", "held in detention"), ("teachers", "hired"),
             ("voters", "removed from the rolls"), ("homes", "flooded"), ("buses", "taken off the road"),
             ("inmates", "released early"), ("nurses", "hired"), ("wells", "tested"), ("claims", "denied"),
             ("loans", "forgiven"), ("trees", "planted"), ("jobs", "cut"), ("complaints", "filed"),
             ("permits", "issued"), ("drivers", "fined"), ("clinics", "closed"), ("veterans", "housed"),
             ("cases", "dismissed"))
_RESOURCES = ("beds", "caseworkers", "interpreters", "buses", "classrooms", "inspectors", "judges")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True, slots=True)
class Article:
    """One generated article: its file name, its full text (headers included) and the number
    (0, 1... in generation order) of the story it belongs to, a syndicated copy its original's:
    the truth a story grouping is scored against (it is not written into the text)."""

    name: str
    text: str
    story: int = 0


@dataclass(frozen=True, slots=True)
class _Story:
    agency: str
    title: str
    official: str
    program: str
    place: tuple[str, str]
    pilot_place: str
    year: int
    month: int
    subject: tuple[str, str]
    second: tuple[str, str]
    count: int          # the main count at the story's start; it grows by up to 30% over its life
    second_count: int
    pilot_share: float  # the pilot's part of the main count
    shortfall: int      # millions of dollars
    resource: str
    lack: int
    percent: int
    days: int


def generate(out_dir: str | os.PathLike, n_docs: int = 10_000, seed: int = 0) -> list[Path]:
    """Write ``n_docs`` synthetic articles into ``out_dir`` (created); return their paths."""
    if not isinstance(n_docs, int) or n_docs < 1:
        raise ValueError(f"n_docs must be a positive int, not {n_docs!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in iter_articles(n_docs, seed):
        path = out / article.name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    manifest = {"synthetic": True, "generator": f"numcheck.synthetic {GENERATOR_VERSION}",
                "n_docs": n_docs, "seed": seed}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return paths


def iter_articles(n_docs: int, seed: int = 0) -> Iterator[Article]:
    """The articles of a corpus, in file-name order; the same (n_docs, seed) gives the same texts."""
    rng = random.Random(f"numcheck-synthetic-{GENERATOR_VERSION}-{seed}")
    outlets = [f"{a} {b}" for a in _OUTLET_FIRST for b in _OUTLET_SECOND]
    rng.shuffle(outlets)
    outlets = outlets[:max(8, min(len(outlets), n_docs // 25))]
    blurbs = {o: _blurb(rng, o) for o in outlets}
    n = 0
    for number in itertools.count():
        if n >= n_docs:
            break
        story = _story(rng)
        size = min(n_docs - n, max(1, int(rng.paretovariate(1.3) * 3)))
        size = min(size, 30)
        written: list[tuple[str, str, date, str]] = []  # (outlet, body, published, title)
        for k in range(size):
            published = date(story.year, story.month, 1) + timedelta(days=rng.randint(3, 40) + k * rng.randint(2, 25))
            if written and rng.random() < 0.04:
                outlet, dated, title, body = _syndicated(rng, written, outlets)
                text = _with_header(rng, outlet, dated, title, n, seed, body)
            else:
                outlet = rng.choice(outlets)
                growth = 1 + 0.3 * k / max(1, size - 1)
                title = _title(rng, story)
                body = _body(rng, story, growth, published)
                written.append((outlet, body, published, title))
                text = _with_header(rng, outlet, published, title, n, seed, body + _foot(rng, outlet, blurbs))
            yield Article(f"{n:05d}_{_slug(outlet)}.txt", text, number)
            n += 1


def _story(rng: random.Random) -> _Story:
    agency, title = rng.choice(_AGENCIES)
    subject, second = rng.sample(_SUBJECTS, 2)
    place, pilot = rng.sample(_PLACES, 2)
    return _Story(
        agency=agency, title=title, official=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
        program=f"{rng.choice(_PROGRAM_FIRST)} {rng.choice(_PROGRAM_SECOND)}", place=place,
        pilot_place=pilot[0], year=rng.randint(2006, 2023), month=rng.randint(1, 12), subject=subject,
        second=second, count=_log_uniform(rng, 80, 120_000), second_count=_log_uniform(rng, 20, 40_000),
        pilot_share=rng.uniform(0.05, 0.3), shortfall=rng.choice((2, 5, 12, 27, 48, 90, 140, 227, 310, 480)),
        resource=rng.choice(_RESOURCES), lack=_log_uniform(rng, 20, 5000), percent=rng.randint(3, 85),
        days=rng.choice((10, 14, 20, 30, 45, 60, 90)))


def _log_uniform(rng: random.Random, low: int, high: int) -> int:
    return int(round(low * (high / low) ** rng.random()))


# -- wording a figure -----------------------------------------------------------------------

def _round2(x: int) -> int:
    """x rounded to two significant figures."""
    digits = len(str(abs(x))) - 2
    return int(round(x, -digits)) if digits > 0 else x


def _worded(rng: random.Random, x: int, wrong: bool = False) -> str:
    """A figure as a reporter writes it: exact, or rounded with a qualifier that holds."""
    if wrong:
        x = int(x * rng.choice((0.6, 0.7, 1.4, 1.6)))
    r = _round2(x)
    roll = rng.random()
    if roll < 0.3 or r == x:
        return f"{x:,}"
    if roll < 0.55:
        return f"{rng.choice(('about', 'roughly', 'some', 'around'))} {r:,}"
    if r < x:
        return f"{rng.choice(('more than', 'over', 'at least'))} {r:,}"
    return f"{rng.choice(('nearly', 'almost', 'close to'))} {r:,}"


def _month_year(month: int, year: int, shift: int = 0) -> str:
    m = (month - 1 + shift) % 12
    return f"{_MONTHS[m]} {year}"


# -- an article -----------------------------------------------------------------------------

def _title(rng: random.Random, s: _Story) -> str:
    last = s.official.split()[1]
    return rng.choice((
        f"{last} defends the {s.program} as {s.subject[0]} keep paying the price",
        f"Watchdog faults {s.agency.removeprefix('the ')} over the {s.program}",
        f"What the {s.program} has meant for {s.subject[0]} in {s.place[0]}",
        f"Report puts the blame for the {s.program} on {last}",
        f"{s.place[0]} asks hard questions about the {s.program}",
    ))


def _body(rng: random.Random, s: _Story, growth: float, published: date) -> str:
    wrong = rng.random() < 0.125
    count = int(s.count * growth)
    figures = _figure_sentences(rng, s, count, wrong)
    rng.shuffle(figures)
    fillers = list(dict.fromkeys(filler(rng, s) for _ in range(rng.randint(17, 27))))
    sentences = figures[:1] + _merge(rng, figures[1:], fillers)
    city, state = s.place
    weekday = _WEEKDAYS[published.weekday()] if published.weekday() < 5 else "Friday"
    lead = (f"{city.upper()}, {state} -- {s.official}, the {s.title}, spoke about the {s.program} "
            f"on {weekday}, as questions about its effect on {s.subject[0]} kept coming.")
    paragraphs, k = [lead], 0
    while k < len(sentences):
        step = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[k:k + step]))
        k += step
    return "\n\n".join(paragraphs) + "\n"


def _merge(rng: random.Random, a: list[str], b: list[str]) -> list[str]:
    out = []
    while a or b:
        pick = a if a and (not b or rng.random() < len(a) / (len(a) + len(b))) else b
        out.append(pick.pop(0))
    return out


def _figure_sentences(rng: random.Random, s: _Story, count: int, wrong: bool) -> list[str]:
    noun, event = s.subject
    noun2, event2 = s.second
    bad = rng.randrange(5) if wrong else -1
    w = lambda x, k: _worded(rng, x, wrong=(k == bad))  # noqa: E731
    said = rng.choice(("the report found", "officials said", "records show", f"according to {s.agency}"))
    out = [
        rng.choice((
            f"The {s.program} went on to leave {w(count, 0)} {noun} {event}.",
            f"In all, {w(count, 0)} {noun} were {event} under the {s.program}, {said}.",
            f"{said.capitalize()} that {w(count, 0)} {noun} ended up {event}.",
            f"By the end of the year, {w(count, 0)} {noun} had been {event}.")),
        rng.choice((
            f"It also meant that {w(s.second_count, 1)} {noun2} were {event2} in {s.year}.",
            f"A separate tally shows {w(s.second_count, 1)} {noun2} were {event2} in {s.year}.")),
        rng.choice((
            f"{s.agency.capitalize()} warned that the plan would leave it with a funding shortfall of "
            f"${w(s.shortfall, 2)} million in {s.year + 1}.",
            f"Officials expect a funding shortfall of ${w(s.shortfall, 2)} million in {s.year + 1}.")),
        rng.choice((
            f"It also foresaw a lack of {w(s.lack, 3)} {s.resource}.",
            f"Staff warned of a lack of {w(s.lack, 3)} {s.resource} by the summer.")),
        rng.choice((
            f"{s.official.split()[1]} announced the {s.program} in "
            f"{_month_year(s.month, s.year, 1 if bad == 4 else 0)}.",
            f"The {s.program} was announced in {_month_year(s.month, s.year, 1 if bad == 4 else 0)} "
            f"by {s.official.split()[1]}.")),
    ]
    pilot = max(3, int(s.count * s.pilot_share))
    optional = [
        f"A pilot program in {s.pilot_place} in {s.year - 1} had already left {_worded(rng, pilot)} {noun} {event}.",
        f"About {s.percent} percent of the {noun} were still waiting for help, the agency said.",
        f"Some {noun} were held for more than {s.days} days.",
        f"{s.official} took office as {s.title} in {_month_year(s.month, s.year - 1, rng.randint(-3, 3))}.",
    ]
    return out + rng.sample(optional, rng.randint(1, len(optional)))


def _blurb(rng: random.Random, outlet: str) -> str:
    goal = rng.choice((125_000, 253_000, 390_000, 75_000, 40_000, 610_000))
    month, day = rng.choice(_MONTHS), rng.randint(1, 28)
    return rng.choice((
        f"READER-FUNDED NEWS\n\nKeeping a newsroom going is hard, and the {outlet} must raise ${goal:,} "
        f"in online gifts by {month} {day}. Readers, not advertisers, pay for this reporting. If 10 percent "
        f"of those reading this note gave a few dollars, we would get there.",
        f"HELP US CLOSE THE GAP\n\nOur online fundraising budget has a ${goal:,} gap, and we have to close "
        f"it by {month} {day}. We have already cut every cost we can. If reporting like this matters to you, "
        f"please chip in today.",
        f"SUPPORT LOCAL REPORTING\n\nThe {outlet} needs 2,500 new members by {month} {day} to keep its "
        f"reporters on the beat. Membership starts at $5 a month and you can cancel at any time.",
    ))


def _foot(rng: random.Random, outlet: str, blurbs: dict[str, str]) -> str:
    blurb = blurbs[outlet]
    repeat = 2 if rng.random() < 0.35 else 1
    tail = rng.choice((f"Sign up for the {outlet} daily email.", "Newsletter | Podcasts | Donate",
                       "Get our morning briefing by email.", f"(c) {outlet}. Reuse by subscribers only."))
    return "\n" + "\n\n".join([blurb] * repeat) + "\n\n" + tail + "\n"


def _with_header(rng: random.Random, outlet: str, published: date | None, title: str, n: int, seed: int,
                 body: str) -> str:
    url = f"https://example.invalid/synthetic/{seed}/{n:05d}"
    fields = [f"source: {outlet}"] + ([f"date: {published.isoformat()}"] if published else [])
    fields += [f"title: {title}", f"url: {url}"]
    if rng.random() < 0.5:
        return "---\n" + "\n".join(fields) + "\n---\n" + title + "\n\n" + body
    return "\n".join(fields) + "\n\n" + title + "\n\n" + body


_SWAPS = (("kept coming", "kept piling up"), ("did not respond", "did not reply"), ("rushed", "hasty"),
          ("poorly planned", "badly planned"), ("raised concerns", "voiced concerns"))


def _syndicated(rng: random.Random, written: list, outlets: list[str]) -> tuple[str, date | None, str, str]:
    """(outlet, date, title, body) of a copy of an earlier article of the story, run by another
    outlet with a few words changed and, half the time, no date of its own."""
    original, body, first_date, title = rng.choice(written)
    outlet = rng.choice([o for o in outlets if o != original] or outlets)
    for a, b in rng.sample(_SWAPS, 2):
        body = body.replace(a, b, 1)
    foot = f"\nThis story first ran in the {original} and is shared through the Regional News Exchange.\n"
    dated = first_date if rng.random() < 0.5 else None
    return outlet, dated, title, body + foot


def _slug(name: str) -> str:
    return "".join(c.lower() if c.isalnum() else "_" for c in name).strip("_")
