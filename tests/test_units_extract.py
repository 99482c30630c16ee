"""Units, notations and ranges the extractor reads (numcheck/extract/notation.py, fractions.py,
unitexpr.py, the range and shared-unit readers in numcheck/extract/figures.py).

Our own sentences, one row per expected figure: (text, surface, value, pint unit).
``low``/``high`` rows check the interval where the wording sets it.
"""

from __future__ import annotations

import math

import pytest

from numcheck.extract import extract_text
from numcheck.extract.numbers import find_numbers

# (text, surface, value, unit)
FIGURES = [
    # scientific notation
    ("The probe measured 3.2e-4 grams of dust.", "3.2e-4 grams", 3.2e-4, "gram"),
    ("Stars emit about 4E26 W each.", "about 4E26 W", 4e26, "watt"),
    ("The error was 1.5×10−3 metres.", "1.5×10−3 metres", 1.5e-3, "metre"),
    ("The drive holds 3 x 10^4 files.", "3 x 10^4", 3e4, "count"),
    # slash, mixed and vulgar fractions
    ("Cut a 3/8 inch groove.", "3/8 inch", 0.375, "inch"),
    ("The board is 1 3/4 inches thick.", "1 3/4 inches", 1.75, "inch"),
    ("Add ¾ cup of milk.", "¾ cup", 0.75, "cup"),
    ("The trail runs 4½ miles.", "4½ miles", 4.5, "mile"),
    ("They walked three and a half miles home.", "three and a half miles", 3.5, "mile"),
    ("The well is one-quarter mile from the road.", "one-quarter mile", 0.25, "mile"),
    ("The bond pays 6 1/4 % interest.", "6 1/4 %", 6.25, "percent"),
    # compound units
    ("The car reached 12 m/s2 in the test.", "12 m/s2", 12, "metre / second ** 2"),
    ("The ray hit 8 J/cm^2 at the peak.", "8 J/cm^2", 8, "joule / centimetre ** 2"),
    ("The pump moved 30 L/min.", "30 L/min", 30, "litre / minute"),
    ("The wave ran at 2e9 s-1 then.", "2e9 s-1", 2e9, "1 / second"),
    ("The lake holds 7 km cubed of water.", "7 km cubed", 7, "kilometre ** 3"),
    ("The farm made 12 MWh last week.", "12 MWh", 12, "megawatt * hour"),
    ("Drivers earn $22.5/hour there.", "$22.5/hour", 22.5, "USD / hour"),
    # ranges with the unit written twice, uncertainty, shared units
    ("Doses went from 20 mg to 40 mg daily.", "from 20 mg to 40 mg", 20, "milligram"),
    ("The pipe is between 3 km and 5 km long.", "between 3 km and 5 km", 3, "kilometre"),
    ("It weighs 7.2 ± 0.3 kg in total.", "7.2 ± 0.3 kg", 7.2, "kilogram"),
    ("Patients got 10 and 20 mg doses.", "10", 10, "milligram"),
    # temperature scales after a degree (corrections.temperature_scale)
    ("It was 31 deg C at noon.", "31 deg C", 31, "degree_Celsius"),
    ("The bath was 104 degrees F.", "104 degrees F", 104, "degree_Fahrenheit"),
    ("Lead melts at 327° Celsius.", "327° Celsius", 327, "degree_Celsius"),
    # symbols that are words, where the context makes them units (corrections.reject_ambiguous_symbol)
    ("The slab is 3 in thick.", "3 in", 3, "inch"),
    ("The nail is 4 in.", "4 in", 4, "inch"),
    ("The grid pitch is 3.7 pm here.", "3.7 pm", 3.7, "picometre"),
    ("The dose is 120 μg a day.", "120 μg a day", 120, "microgram / day"),
    ("The mill shipped 45,000 t last year.", "45,000 t", 45000, "tonne"),
    ("Stir in 25 g, then bake.", "25 g", 25, "gram"),
    ("A 2 m x 3 m tarp covered it.", "2 m", 2, "metre"),
    # money
    ("Coffee cost 4 dollars 20 cents there.", "4 dollars 20 cents", 4.2, "USD"),
    ("He sent 30 usd home.", "30 usd", 30, "USD"),
    ("A coin fetched 0.5 BTC.", "0.5 BTC", 0.5, "BTC"),
    ("The firm made a profit of 80 million pounds.", "80 million pounds", 80e6, "GBP"),
    ("The shop earned £ 4 million.", "£ 4 million", 4e6, "GBP"),
    ("The index stood at $-3 at the close.", "$-3", -3, "USD"),
    ("The stock paid $1.20 a share.", "$1.20 a share", 1.2, "USD / share"),
    ("Sales were $9 billion a year earlier.", "$9 billion", 9e9, "USD"),
    ("The jet flew 500 miles an hour.", "500 miles an hour", 500, "mile / hour"),
    # a rate after what is measured
    ("The field yields 80,000 barrels of crude a day.", "80,000 barrels", 80000, "barrel / day"),
    ("The firm sold 12 tons of rice a year ago.", "12 tons", 12, "short_ton"),
    # ages (corrections.age_in_years)
    ("A woman aged 42 was charged.", "42", 42, "year"),
    ("He retired at the age of 67.", "67", 67, "year"),
    ("The clinic saw a 70 yo farmer.", "70 yo", 70, "year"),
    ("Pupils aged 6 to 9 took part.", "6 to 9", 6, "year"),
    ("The crew worked 4 hrs.", "4 hrs", 4, "hour"),  # a plural symbol, not hour times second
    # fractions of a scale word
    ("Half a million people fled the floods.", "Half a million", 500000, "count"),
    ("The grant was a quarter million dollars.", "a quarter million dollars", 250000, "USD"),
    # frequencies, and thousands grouped by spaces before a unit
    ("The ferry sails three times a day.", "three times a day", 3, "count / day"),
    ("The road adds 2 500 km of lanes.", "2 500 km", 2500, "kilometre"),
    ("The prize was 20 000 euros.", "20 000 euros", 20000, "EUR"),
]


@pytest.mark.parametrize("text, surface, value, unit", FIGURES, ids=[f[1] for f in FIGURES])
def test_unit_figure(text: str, surface: str, value: float, unit: str) -> None:
    claims = {c.surface: c for c in extract_text(text)}
    assert surface in claims, f"{surface!r} not among {list(claims)}"
    claim = claims[surface]
    assert math.isclose(claim.value, value, rel_tol=1e-9)
    assert claim.unit == unit


# (text, surface, low, high)
INTERVALS = [
    ("Doses went from 20 mg to 40 mg daily.", "from 20 mg to 40 mg", 20, 40),
    ("It weighs 7.2 ± 0.3 kg in total.", "7.2 ± 0.3 kg", 6.9, 7.5),
    ("The price rose from $5 per kg to $8 per kg.", "from $5 per kg to $8 per kg", 5, 8),
]


@pytest.mark.parametrize("text, surface, low, high", INTERVALS, ids=[i[1] for i in INTERVALS])
def test_unit_interval(text: str, surface: str, low: float, high: float) -> None:
    claim = {c.surface: c for c in extract_text(text)}[surface]
    assert (round(claim.interval.low, 9), round(claim.interval.high, 9)) == (low, high)


# numbers that are not fractions or powers: (text, surfaces find_numbers gives)
NOT_NOTATION = [
    ("The hotline runs 24/7 now.", []),
    ("A 50/50 split was agreed.", []),
    ("In 2019 1/3 of voters stayed home.", ["2019", "1/3"]),  # a year, then a fraction
    ("Flight 3e was late.", ["3"]),  # a label, not 3 x 10^e
    ("In 2019 250 people moved.", ["2019", "250"]),  # no unit after: two numbers
    ("On June 5 100 km were shut.", ["5", "100"]),  # a date's day, then a distance
]


@pytest.mark.parametrize("text, surfaces", NOT_NOTATION, ids=[c.values[0] if hasattr(c, "values") else c[0] for c in NOT_NOTATION])
def test_not_notation(text: str, surfaces: list[str]) -> None:
    assert [n.surface for n in find_numbers(text)] == surfaces


# (text, surface, unit): figures whose unit must stay a count
NOT_UNITS = [
    ("Only 20 in the town voted.", "20", "count"),
    ("He scored 20 in 2019.", "20", "count"),
    ('She said "one hundred and two" twice.', "one hundred and two", "count"),
    ("They bought 5 m more shares.", "5", "count"),  # "m" before a word stays no metre
]


@pytest.mark.parametrize("text, surface, unit", NOT_UNITS, ids=[t for t, _, _ in NOT_UNITS])
def test_not_a_unit(text: str, surface: str, unit: str) -> None:
    assert {c.surface: c.unit for c in extract_text(text)}[surface] == unit


def test_clock_times_are_no_figures() -> None:
    assert extract_text("We meet at 3 pm and leave at 10.30 am.") == []


@pytest.mark.parametrize("text, surfaces", [
    ("The trail is two and a half miles long.", ["two and a half miles"]),
    ("The shed sits roughly one-half miles away.", ["roughly one-half miles"]),
    ("Turnout fell by a fifth.", ["a fifth"]),
    ("Two-thirds of members agreed.", ["Two-thirds"]),
])
def test_a_fraction_word_is_read_once(text: str, surfaces: list[str]) -> None:
    assert [c.surface for c in extract_text(text)] == surfaces


@pytest.mark.parametrize("text, surfaces", [
    ("The laser pulses at 5e12 s-1 now.", ["5e12 s-1"]),
    ("The panel takes 30 W/m^2 at noon.", ["30 W/m^2"]),
    ("The tank holds 6 m^3 of water.", ["6 m^3"]),
    ("Tickets cost 12 $ 15 $ and 20 $.", ["12 $", "$ 15", "20 $"]),  # a shared sign is no overlap
])
def test_a_number_inside_a_unit_is_no_figure(text: str, surfaces: list[str]) -> None:
    assert [c.surface for c in extract_text(text)] == surfaces
