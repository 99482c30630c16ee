"""Tests of numcheck.accuracy: the matcher, the unit and qualifier mappings, exclusions, run().

Every sentence here is written for these tests; the shared gold sets are only
read in place (and only by the tests at the bottom).
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from numcheck.accuracy import (COLUMNS, EXCLUSIONS, QUANTULUM3_EXCLUSIONS, GoldQuantity, Prediction, Score,
                               articles_as_one, labels_as_numbers,
                               claim_qualifier, claim_to_prediction, claim_unit_key, evaluate,
                               exclusion_name, format_table, fractions_as_numbers, fractions_as_ratio,
                               generations_as_names, gold_unit_key, load_gold, match, no_ages_in_apposition, no_dates, no_ordinals, one_of_as_one, run,
                               score_file, score_sentence, tasks_for, things_match, units_agree, values_agree,
                               years_as_numbers)

ALL_EXCLUSIONS = "one-of-as-one+no-dates+no-ordinals+fractions-as-ratio+no-ages-in-apposition+generations-as-names"
from numcheck.errors import InputError
from numcheck.records import Change, Claim, Interval, Kind, Qualifier



# -- helpers -----------------------------------------------------------------------------------


def quantity(value=None, unit="-", qualifier="=", entity=None, range=None) -> dict:
    return {"surface": None, "span": None, "value": value, "range": range,
            "value_raw": str(value), "unit": unit, "unit_surface": None,
            "qualifier": qualifier, "entity": entity}


def write_gold(path: Path, rows: list[tuple[str, list[dict]]]) -> Path:
    lines = [json.dumps({"id": f"{path.stem}:{i:04d}", "text": text, "quantities": qs,
                         "origin": "tests"}) for i, (text, qs) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def claim(text: str, surface: str, value: float, *, kind=Kind.COUNT, unit="count", noun="",
          low=None, high=None, qualifier=Qualifier.EXACT, change=Change.NONE,
          context=()) -> Claim:
    start = text.index(surface)
    return Claim(start=start, end=start + len(surface), surface=surface, value=value,
                 interval=Interval(value if low is None else low, value if high is None else high),
                 kind=kind, qualifier=qualifier, unit=unit, noun=noun, change=change,
                 context=tuple(context))


def pred(value, low=None, high=None, **kw) -> Prediction:
    return Prediction(value=value, low=value if low is None else low,
                      high=value if high is None else high, **kw)


BUSES = "The council spent $4.5 million on 12 buses in 2019."
HIKERS = "Dozens of hikers walked between 8 and 10 km, about 30% more than last spring."
NURSE = "She is one of the 40 nurses who joined the ward."


def fake_extract(text: str) -> list[Claim]:
    """What a good extractor would say about the sentences above."""
    table = {
        BUSES: [claim(BUSES, "$4.5 million", 4.5e6, kind=Kind.MONEY, unit="USD", context=("spend",)),
                claim(BUSES, "12 buses", 12, noun="bus"),
                claim(BUSES, "2019", 737060, kind=Kind.YEAR, unit="")],
        HIKERS: [claim(HIKERS, "Dozens of hikers", 24, low=12, high=120, noun="hiker",
                       qualifier=Qualifier.VAGUE),
                 claim(HIKERS, "between 8 and 10 km", 8, low=8, high=10, kind=Kind.MEASURE,
                       unit="kilometer", qualifier=Qualifier.RANGE),
                 claim(HIKERS, "about 30%", 30, kind=Kind.PERCENT, unit="percent",
                       qualifier=Qualifier.ABOUT, change=Change.UP, context=("walk", "hiker"))],
        NURSE: [claim(NURSE, "40 nurses", 40, noun="nurse")],
    }
    return table.get(text, [])


@pytest.fixture
def tiny_newsquant(tmp_path: Path) -> Path:
    """A NewsQuant-shaped file (the name starts with newsquant, so its exclusions apply)."""
    return write_gold(tmp_path / "newsquant_tiny.jsonl", [
        (BUSES, [quantity(4.5e6, "dollar", entity="council"), quantity(12, "-", entity="bus")]),
        (HIKERS, [quantity(None, "hiker", "=", "hiker", range=[120, 12]),
                  quantity(None, "kilometre", "=", None, range=[8, 10]),
                  quantity(30, "percentage", "~", "hiker")]),  # NewsQuant marks the bound, not the change
        (NURSE, [quantity(1, "-", entity="nurse"), quantity(40, "nurse", entity="nurse")]),
        ("Nothing to count in this line.", []),
    ])


# -- Score and the matcher --------------------------------------------------------------------------


def test_score_rates_and_empty_denominators():
    assert Score.of(2, 2, 0).precision == 0.5 and Score.of(2, 2, 0).recall == 1.0
    assert Score.of(0, 0, 0).f1 == 0.0
    assert Score.of(1, 0, 1) + Score.of(1, 2, 0) == Score.of(2, 2, 1)
    with pytest.raises(ValueError, match="fp"):
        Score(1, -1, 0, 0.0, 0.0, 0.0)


def test_exact_value_match_within_relative_tolerance():
    gold = GoldQuantity(4.5e6)
    assert values_agree(gold, pred(4.5e6 * (1 + 1e-7)))
    assert not values_agree(gold, pred(4.5e6 * (1 + 1e-5)))
    assert values_agree(GoldQuantity(0.0), pred(0.0))


def test_range_match_in_either_order():
    gold = GoldQuantity(None, low=12, high=120)  # load_gold sorts the bounds
    assert values_agree(gold, pred(24, low=12, high=120))
    assert not values_agree(gold, pred(24, low=24, high=120))
    assert not values_agree(gold, pred(12, low=12, high=math.inf))


def test_range_order_from_file_does_not_matter(tmp_path):
    path = write_gold(tmp_path / "r.jsonl", [("x", [quantity(None, range=[120, 12])])])
    assert load_gold(path)[0].quantities[0].low == 12


def test_each_gold_matched_at_most_once():
    gold = [GoldQuantity(12.0)]
    preds = [pred(12.0), pred(12.0)]
    assert score_sentence(gold, preds, "value") == Score.of(1, 1, 0)
    assert score_sentence(gold * 2, preds[:1], "value") == Score.of(1, 0, 1)


def test_maximum_matching_not_first_come():
    # gold 0 could take either prediction; gold 1 only the first.  A greedy
    # matcher would give gold 0 the first prediction and leave gold 1 unmatched.
    gold = [GoldQuantity(1.0), GoldQuantity(2.0)]
    preds = [pred(1.0), pred(2.0)]
    agree = {(0, 0), (0, 1), (1, 0)}
    pairs = match(gold, preds, lambda g, p: (gold.index(g), preds.index(p)) in agree)
    assert pairs == [(0, 1), (1, 0)]


# -- units -----------------------------------------------------------------------------------


@pytest.mark.parametrize("gold_unit, kind, unit, noun, agrees", [
    ("dollar", Kind.MONEY, "USD", "", True),
    ("dollar", Kind.MONEY, "EUR", "", False),
    ("pound sterling", Kind.MONEY, "GBP", "", True),
    ("percentage", Kind.PERCENT, "percent", "", True),
    ("% interest", Kind.PERCENT, "percent", "", True),
    ("people", Kind.COUNT, "count", "person", True),
    ("people", Kind.COUNT, "count", "people", True),
    ("people", Kind.COUNT, "count", "", False),
    ("Kia Hyundai vehicle", Kind.COUNT, "count", "vehicle", True),
    ("-", Kind.COUNT, "count", "", True),
    ("-", Kind.COUNT, "count", "bus", False),
    (None, Kind.COUNT, "dimensionless", "", True),
    ("dimensionless", Kind.COUNT, "count", "bus", True),
    ("count", Kind.COUNT, "count", "", True),
    ("kilometre per hour", Kind.MEASURE, "kilometer / hour", "", True),
    ("square metre", Kind.MEASURE, "meter ** 2", "", True),
    ("metric ton", Kind.MEASURE, "metric_ton", "", True),
    ("pound-mass", Kind.MEASURE, "pound", "", True),
    ("celsius", Kind.MEASURE, "degree_Celsius", "", True),
    ("degree Celsius", Kind.MEASURE, "degC", "", True),
    ("degree", Kind.MEASURE, "degree_Fahrenheit", "", True),
    ("fahrenheit", Kind.MEASURE, "degree_Celsius", "", False),
    ("year of age", Kind.DURATION, "year", "", True),
    ("year", Kind.YEAR, "", "", False),
    ("dollar per share", Kind.MONEY, "USD / share", "", True),
    ("millilitre", Kind.MEASURE, "centimeter ** 3", "", True),
    ("barrel of oil", Kind.MEASURE, "barrel", "", True),
    ("point", Kind.COUNT, "count", "point", True),
    ("year", Kind.COUNT, "count", "year", True),
    ("point", Kind.COUNT, "count", "share", False),
    ("mile per gallon", Kind.COUNT, "count", "mpg", True),
    ("troops", Kind.COUNT, "count", "soldier", True),
    # spellings read through quantulum3's surfaces and pint's plurals, not an alias table
    ("miles per hour", Kind.MEASURE, "mile / hour", "", True),
    ("kilometres", Kind.MEASURE, "kilometer", "", True),
    ("square feet", Kind.MEASURE, "foot ** 2", "", True),  # numcheck folds troop into soldier
    ("households", Kind.COUNT, "count", "family", True),
    # known units come from pint's registry and quantulum3's catalogue, not from a list here
    ("nautical mile", Kind.MEASURE, "nautical_mile", "", True),
    ("troy ounce", Kind.MEASURE, "troy_ounce", "", True),
    ("megawatt hour", Kind.MEASURE, "megawatt_hour", "", True),
    ("carat", Kind.MEASURE, "carat", "", True),
    ("hotel chain", Kind.COUNT, "count", "chain", True),  # a registry word counted as a noun
    ("bus", Kind.COUNT, "count", "bus", True),  # pint reads "bus" as bushels; a noun here
    ("bus", Kind.MEASURE, "bushel", "", False),
    ("degree Celsius", Kind.MEASURE, "degree", "", False),  # pint's alias "celsius" makes it a unit
    ("dimensionless", Kind.COUNT, "count", "sigma", True),  # a counted noun stays a count
    ("dimensionless", Kind.COUNT, "count", "point", True),  # a counted noun that is a unit's abbreviation
    ("percentage point", Kind.PERCENT, "percent", "", True),
    ("point", Kind.PERCENT, "percent", "", False),
    # pint converts 1:1 (same_unit): the names differ, the unit does not
    ("millilitre", Kind.MEASURE, "cubic centimetre", "", True),
    ("radian", Kind.MEASURE, "rad", "", True),
    ("ton", Kind.MEASURE, "short_ton", "", True),
    ("kilometre per square second", Kind.MEASURE, "kilometre / second ** 2", "", True),
    ("inverse second", Kind.MEASURE, "1 / second", "", True),
    ("watt hour", Kind.MEASURE, "watt * hour", "", True),
    # pint glues a prefix to a name of several words, CQE sets it apart
    ("dollar per mega british thermal unit", Kind.MONEY, "USD / megabritish_thermal_unit", "", True),
    ("british thermal unit", Kind.MEASURE, "megabritish_thermal_unit", "", False),
    ("pound-foot", Kind.MEASURE, "foot_pound", "", True),  # a torque; pint's foot_pound is ft·lbf
    ("pound-mass", Kind.MEASURE, "foot_pound", "", False),
    ("kelvin", Kind.MEASURE, "degree_Celsius", "", False),
    ("metre", Kind.MEASURE, "foot", "", False),
    ("tonne", Kind.MEASURE, "short_ton", "", False),
    # currencies: gold names and numcheck's ISO codes meet through numcheck.currencies
    ("russian ruble", Kind.MONEY, "RUB", "", True),
    ("malaysian ringgit", Kind.MONEY, "MYR", "", True),
    ("singaporean dollar", Kind.MONEY, "SGD", "", True),
    ("brazilian real per share", Kind.MONEY, "BRL / share", "", True),
    ("hong kong dollar", Kind.MONEY, "USD", "", False),
    ("dollar", Kind.MONEY, "CAD", "", False),
    ("pound", Kind.MONEY, "GBP", "", False),  # a bare gold "pound" is the mass
    # a counted word that is also an ISO code in lower case ("the top", "a cup") is a noun, not a currency
    ("top", Kind.COUNT, "count", "top", True),
    ("pen", Kind.COUNT, "count", "pen", True),
    ("peruvian sol", Kind.MONEY, "PEN", "", True),
    ("peruvian sol", Kind.COUNT, "count", "pen", False),
    ("israeli new shekel per year", Kind.MONEY, "ILS / year", "", True),  # a code in a rate
])
def test_unit_mapping(gold_unit, kind, unit, noun, agrees):
    c = claim("42", "42", 42, kind=kind, unit=unit, noun=noun)
    assert units_agree(gold_unit_key(gold_unit), claim_unit_key(c)) is agrees


@pytest.mark.parametrize("gold_unit, counted, agrees", [
    ("", False, True), ("death toll", False, False),  # "the death toll was 63": what 63 is, not counts
    ("", True, False), ("death toll", True, True),
])
def test_a_noun_the_count_does_not_count_is_no_unit(gold_unit, counted, agrees):
    c = replace(claim("the toll was 63", "63", 63, noun="death toll"), noun_counted=counted)
    assert units_agree(gold_unit_key(gold_unit), claim_unit_key(c)) is agrees
    assert "toll" in claim_to_prediction(c).lemmas  # it still names the measured thing


def test_counted_noun_gold_is_not_a_unit():
    assert gold_unit_key("people") == "count:people"
    assert gold_unit_key("assist per game").startswith("count:")
    assert gold_unit_key("dollar per share") == "dollar per share"
    assert gold_unit_key("top") == "count:top"  # a word, though "TOP" is a currency's code
    assert gold_unit_key("bitcoin") == gold_unit_key("BTC") == "btc"  # a currency named by its code


# -- qualifiers --------------------------------------------------------------------------------


@pytest.mark.parametrize("qualifier, change, gold", [
    (Qualifier.EXACT, Change.NONE, "="), (Qualifier.RANGE, Change.NONE, "="),
    (Qualifier.ABOUT, Change.NONE, "~"), (Qualifier.VAGUE, Change.NONE, "="),  # NewsQuant: "dozens" is "="
    (Qualifier.MORE_THAN, Change.NONE, ">"), (Qualifier.AT_LEAST, Change.NONE, ">"),
    (Qualifier.LESS_THAN, Change.NONE, "<"), (Qualifier.AT_MOST, Change.NONE, "<"),
    (Qualifier.NEARLY, Change.NONE, "~"),
    (Qualifier.ABOUT, Change.UP, "~"), (Qualifier.EXACT, Change.UP, "up"), (Qualifier.EXACT, Change.DOWN, "down"),
    # "rose from $5 to $7": NewsQuant gives a from-to range "=", the direction stays in `change`
    (Qualifier.RANGE, Change.UP, "="), (Qualifier.RANGE, Change.DOWN, "="),
])
def test_qualifier_mapping(qualifier, change, gold):
    assert claim_qualifier(claim("7", "7", 7, qualifier=qualifier, change=change)) == gold


@pytest.mark.parametrize("text, surface, gold", [
    ("It took nearly 7 hours.", "nearly 7", "~"),
    ("It took almost 7 hours.", "almost 7", "~"),
    ("It took just under 7 hours.", "just under 7", "<"),
    ("It fell just shy of 7 hours.", "just shy of 7", "<"),
    ("It fell short of 7 hours.", "short of 7", "<"),
])
def test_nearly_is_about_unless_worded_as_below(text, surface, gold):
    assert claim_qualifier(claim(text, surface, 7, qualifier=Qualifier.NEARLY)) == gold


# -- exclusions ----------------------------------------------------------------------------------


def test_exclusions_are_listed_and_named():
    assert EXCLUSIONS == (one_of_as_one, no_dates, no_ordinals, fractions_as_ratio, no_ages_in_apposition,
                          generations_as_names)
    assert exclusion_name(EXCLUSIONS) == ALL_EXCLUSIONS
    assert exclusion_name(()) == "none"


def test_no_ages_in_apposition_drops_the_age_after_a_name_only():
    text = "Dana Reyes, 41, said 41 homes and 9 barns burned; Lee, 7, was hurt."
    gold = [GoldQuantity(41.0, None, None, "home", "=", None), GoldQuantity(9.0, None, None, "barn", "=", None),
            GoldQuantity(7.0, None, None, "year", "=", None)]
    preds = [Prediction(41.0, 41.0, 41.0, kind="duration", start=12, end=14),
             Prediction(41.0, 41.0, 41.0, kind="count", start=21, end=23),
             Prediction(7.0, 7.0, 7.0, kind="duration", start=55, end=56)]
    kept_gold, kept_preds = no_ages_in_apposition(text, gold, preds)
    assert kept_gold == gold[:2]  # 41 is written twice: its gold may be the homes; 7 only as the age
    assert kept_preds == [preds[1]]
    assert no_ages_in_apposition("The plant, 41 years old, closed.", gold, preds) == (gold, preds)


def test_generations_as_names_drops_the_generation_gold_only():
    text = "Carriers moved from 3G and 4G to 5G in 5 years."
    gold = [GoldQuantity(3.0, None, None, "count:generation wireless", "=", None),
            GoldQuantity(5.0, None, None, "count:generation wireless", "=", None),
            GoldQuantity(5.0, None, None, "year", "=", None)]
    kept_gold, kept_preds = generations_as_names(text, gold, [])
    assert kept_gold == [gold[2]]
    assert generations_as_names("Sales rose 5% in 2023.", gold, []) == (gold, [])


def test_no_ordinals_drops_ordinal_predictions_only():
    preds = [Prediction(22.0, 22.0, 22.0, kind="ordinal"), Prediction(5.0, 5.0, 5.0, kind="count")]
    gold = [GoldQuantity(5.0)]
    assert no_ordinals("The 22nd amendment has 5 clauses.", gold, preds) == (gold, preds[1:])


def test_fractions_as_ratio_rescales_spelt_fractions_not_digits():
    text = "Half of the 10% share"
    half = Prediction(50.0, 50.0, 50.0, kind="percent", start=0, end=4)
    ten = Prediction(10.0, 10.0, 10.0, kind="percent", start=12, end=15)
    _, (a, b) = fractions_as_ratio(text, [], [half, ten])
    assert (a.value, a.low, a.high) == (0.5, 0.5, 0.5)
    assert b == ten


@pytest.mark.parametrize("text, span, rescaled", [
    ("Half of the 10% share", (0, 4), True),
    ("Two-thirds of voters", (0, 10), True),
    ("Prices rose five percent", (11, 24), False),
    ("Rates fell two points", (11, 21), False),
])
def test_fractions_as_ratio_leaves_percents_in_words(text, span, rescaled):
    pred = Prediction(5.0, 5.0, 5.0, kind="percent", start=span[0], end=span[1])
    _, (got,) = fractions_as_ratio(text, [], [pred])
    assert (got.value == 0.05) is rescaled
def test_fractions_as_numbers_rescales_and_drops_the_unit():
    text = "Two thirds of 9%"
    two_thirds = Prediction(200 / 3, 200 / 3, 200 / 3, unit="percentage", kind="percent", start=0, end=10)
    nine = Prediction(9.0, 9.0, 9.0, unit="percentage", kind="percent", start=14, end=16)
    _, (a, b) = fractions_as_numbers(text, [], [two_thirds, nine])
    assert (round(a.value, 6), a.unit) == (0.666667, "")
    assert b == nine
    assert QUANTULUM3_EXCLUSIONS == (fractions_as_numbers, years_as_numbers, articles_as_one, labels_as_numbers)


def test_each_gold_family_has_its_conventions():
    from numcheck.accuracy import RECOGNIZERS_EXCLUSIONS, exclusions_for

    assert exclusions_for(Path("newsquant_dev.jsonl")) == EXCLUSIONS
    assert exclusions_for(Path("quantulum3_en.jsonl")) == QUANTULUM3_EXCLUSIONS
    assert exclusions_for(Path("recognizers_text_age.jsonl")) == RECOGNIZERS_EXCLUSIONS == (no_dates, no_ordinals)
    assert exclusions_for(Path("other.jsonl")) == ()


def test_articles_as_one_drops_article_gold_and_predictions_inside_it():
    text = "Buy a litre of milk and 3 eggs."
    litre = GoldQuantity(1.0, unit="litre", surface="a litre", span=(4, 11))
    eggs = GoldQuantity(3.0, unit="count", surface="3", span=(24, 25))
    inside = Prediction(1.0, 1.0, 1.0, start=4, end=11)
    three = Prediction(3.0, 3.0, 3.0, start=24, end=25)
    assert articles_as_one(text, [litre, eggs], [inside, three]) == ([eggs], [three])


def test_labels_as_numbers_drops_numbers_after_names_and_codes():
    text = "The Apollo 11 crew and model X5 300 sold 40 units."
    apollo = GoldQuantity(11.0, unit="count", surface="11", span=(11, 13))
    code = GoldQuantity(300.0, unit="count", surface="300", span=(32, 35))
    units = GoldQuantity(40.0, unit="count", surface="40", span=(41, 43))
    kept, _ = labels_as_numbers(text, [apollo, code, units], [])
    assert kept == [units]


def test_one_of_drops_gold_one_only_without_other_evidence():
    gold = [GoldQuantity(1.0), GoldQuantity(40.0)]
    kept, _ = one_of_as_one(NURSE, gold, [])
    assert kept == [GoldQuantity(40.0)]
    kept, _ = one_of_as_one("One of the 40 nurses worked one night.", gold, [])
    assert kept == gold
    kept, _ = one_of_as_one("Only 1 nurse of 40 stayed.", gold, [])
    assert kept == gold


def test_one_of_also_drops_a_prediction_on_the_phrase():
    at = NURSE.index("one of")
    _, kept = one_of_as_one(NURSE, [], [pred(1.0, start=at, end=at + 3), pred(40.0, start=19)])
    assert [p.value for p in kept] == [40.0]


def test_exclusions_counted(tiny_newsquant):
    sentences = load_gold(tiny_newsquant)
    predictions = [[claim_to_prediction(c) for c in fake_extract(s.text)] for s in sentences]
    raw = evaluate(sentences, predictions, ("value",))
    assert (raw.n_gold, raw.n_pred) == (7, 7)
    assert raw.scores["value"] == Score.of(6, 1, 1)  # the year is an fp, "one of" an fn
    one = evaluate(sentences, predictions, ("value",), (one_of_as_one,))
    assert (one.excluded_gold, one.excluded_pred) == (1, 0)
    assert one.scores["value"] == Score.of(6, 1, 0)
    dates = evaluate(sentences, predictions, ("value",), (no_dates,))
    assert (dates.excluded_gold, dates.excluded_pred) == (0, 1)
    assert dates.scores["value"] == Score.of(6, 0, 1)


# -- score_file and run ---------------------------------------------------------------------------


def test_score_file_all_tasks(tiny_newsquant):
    scores = score_file(tiny_newsquant, extract=fake_extract, exclusions=EXCLUSIONS)
    assert set(scores) == {"value", "value+unit", "value+qualifier", "value+measured-thing"}
    assert scores["value"] == Score.of(6, 0, 0)
    # "12 buses" has a noun but the gold says "-": a unit miss; the rest agree
    assert scores["value+unit"] == Score.of(5, 1, 1)
    # "about 30% more" keeps its bound "~"; the vague dozens is "=", as NewsQuant marks it
    assert scores["value+qualifier"] == Score.of(6, 0, 0)


def test_measured_thing_is_partial_lemma_overlap(tiny_newsquant):
    scores = score_file(tiny_newsquant, extract=fake_extract, exclusions=EXCLUSIONS)
    # "$4.5 million" carries only the context "spend"; gold says "council"
    assert scores["value+measured-thing"] == Score.of(5, 1, 1)


@pytest.mark.parametrize(("noun", "written"), [("family", "household"), ("soldier", "troop"),
                                               ("death", "fatality"), ("child", "kid")])
def test_measured_thing_undoes_the_noun_synonyms(noun, written):
    # "About 9,000 households lost power": numcheck folds the noun, the gold keeps the word written
    text = "About 9,000 households lost power."
    lemmas = claim_to_prediction(claim(text, "About 9,000", 9000, noun=noun)).lemmas
    assert {noun, written} <= lemmas
    gold = GoldQuantity(value=9000.0, entity=frozenset({written}))
    assert things_match(gold, claim_to_prediction(claim(text, "About 9,000", 9000, noun=noun)))


def test_measured_thing_offers_no_synonyms_for_other_nouns():
    text = "The depot holds 40 buses."
    assert claim_to_prediction(claim(text, "40", 40, noun="bus")).lemmas == {"bus"}


def test_run_rows_for_each_exclusion(tiny_newsquant):
    frame = run([tiny_newsquant], systems=("numcheck",), extract=fake_extract)
    assert list(frame.columns) == list(COLUMNS)
    assert set(frame["exclusion"]) == {"none", "one-of-as-one", "no-dates", "no-ordinals",
                                       "fractions-as-ratio", "no-ages-in-apposition", "generations-as-names",
                                       ALL_EXCLUSIONS}
    assert len(frame) == 4 * 8
    row = frame[(frame["task"] == "value") & (frame["exclusion"] == "one-of-as-one")].iloc[0]
    assert (row["excluded_gold"], row["n_gold"], row["recall"]) == (1, 6, pytest.approx(100.0))


def test_run_adds_published_rows_when_the_csv_sits_beside(tiny_newsquant):
    (tiny_newsquant.parent / "cqe_published_scores.csv").write_text(
        "dataset,system,task,precision,recall,f1\n"
        "NewsQuant,CQE-Numparser,value+change,50.0,40.0,44.4\n"
        "age-model,CQE-Numparser,value,1.0,1.0,1.0\n", encoding="utf-8")
    dev = tiny_newsquant.rename(tiny_newsquant.parent / "newsquant_dev.jsonl")
    frame = run([dev], systems=("numcheck",), extract=fake_extract)
    published = frame[frame["system"] == "CQE (published)"]
    assert published[["task", "f1"]].values.tolist() == [["value+qualifier", 44.4]]


def test_run_scores_both_newsquant_halves_together(tiny_newsquant):
    # the published rows are on all of NewsQuant: given both halves, their union is scored too
    (tiny_newsquant.parent / "cqe_published_scores.csv").write_text(
        "dataset,system,task,precision,recall,f1\n"
        "NewsQuant,CQE-Numparser,value,92.0,91.9,92.0\n", encoding="utf-8")
    text = tiny_newsquant.read_text(encoding="utf-8")
    dev = tiny_newsquant.rename(tiny_newsquant.parent / "newsquant_dev.jsonl")
    test = dev.with_name("newsquant_test.jsonl")
    test.write_text(text, encoding="utf-8")
    frame = run([dev, test], systems=("numcheck",), extract=fake_extract)
    assert list(dict.fromkeys(frame["file"])) == [
        "newsquant_dev.jsonl", "newsquant_test.jsonl", "newsquant_dev+newsquant_test.jsonl"]
    value = frame[(frame["task"] == "value") & (frame["exclusion"] == "none") & (frame["system"] == "numcheck")]
    half, whole = value.iloc[0], value.iloc[2]
    assert (whole["n_gold"], whole["n_pred"]) == (2 * half["n_gold"], 2 * half["n_pred"])
    assert whole["f1"] == pytest.approx(half["f1"])  # two copies of one half score as that half
    union = frame[frame["file"] == "newsquant_dev+newsquant_test.jsonl"]
    assert union[union["system"] == "CQE (published)"]["f1"].tolist() == [92.0]
    assert "like-for-like comparison, not a held-out score" in format_table(frame)
    assert len(run([dev], systems=("numcheck",), extract=fake_extract)["file"].unique()) == 1


def test_run_quantulum3_on_a_hand_made_file(tmp_path):
    path = write_gold(tmp_path / "mine.jsonl", [
        ("The tank holds 30 litres and weighs 12 kg.",
         [quantity(30, "litre", None), quantity(12, "kilogram", None)]),
        ("The road is 4 km long.", [quantity(4, "kilometre", None)]),
    ])
    frame = run([path], systems=("quantulum3",))
    assert set(frame["task"]) == {"value", "value+unit"}
    assert (frame["system"] == "quantulum3").all() and (frame["n_gold"] == 3).all()
    assert frame["recall"].notna().all()


def test_format_table_marks_na_and_lists_exclusions(tiny_newsquant):
    frame = run([tiny_newsquant], systems=("numcheck",), extract=fake_extract)
    frame.loc[len(frame)] = {"file": tiny_newsquant.name, "system": "quantulum3",
                             "task": "value+measured-thing", "exclusion": "none",
                             "precision": math.nan, "recall": math.nan, "f1": math.nan}
    text = format_table(frame)
    assert "### newsquant_tiny.jsonl" in text
    assert "| value+measured-thing | quantulum3 | none | n/a | n/a | n/a |" in text
    assert "- no-dates:" in text and "- one-of-as-one:" in text


def test_tasks_follow_what_the_gold_annotates(tmp_path):
    path = write_gold(tmp_path / "plain.jsonl", [("3 cats", [quantity(3, "cat", None)])])
    assert tasks_for(load_gold(path), "numcheck") == ("value", "value+unit")


def test_bad_gold_line_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x", "quantities": []}\n{"text": 1}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_gold(path)
    assert info.value.line == 2


def test_unknown_system_is_refused(tiny_newsquant):
    with pytest.raises(ValueError, match="system must be one of"):
        score_file(tiny_newsquant, system="spacy")


# -- the package: one stage per submodule, every public name at the top --------------------------


SUBMODULES = ("records", "gold", "lemmas", "unit_keys", "predictions", "matching", "exclusions", "scoring",
              "frame", "table")


@pytest.mark.parametrize("name", SUBMODULES)
def test_each_public_function_and_class_is_exported_by_the_package(name):
    import importlib

    import numcheck.accuracy as accuracy

    module = importlib.import_module(f"numcheck.accuracy.{name}")
    defined = {n for n, v in vars(module).items()
               if not n.startswith("_") and getattr(v, "__module__", None) == module.__name__}
    assert defined, f"{module.__name__} defines no public function or class"
    assert defined <= set(accuracy.__all__)
    assert all(getattr(accuracy, n) is getattr(module, n) for n in defined)


def test_default_bench_dir_is_the_shared_folder_beside_the_repo(shared_dir, monkeypatch, tmp_path):
    from numcheck.accuracy import default_bench_dir

    monkeypatch.delenv("NUMCHECK_BENCH", raising=False)
    assert default_bench_dir() == shared_dir.resolve() / "bench"
    monkeypatch.setenv("NUMCHECK_BENCH", str(tmp_path))
    assert default_bench_dir() == tmp_path


# -- the shared gold sets (read in place) ---------------------------------------------------------


@pytest.fixture
def bench(shared_dir: Path) -> Path:
    """The gold sets in ../shared/bench (skipped, or failed under NUMCHECK_REQUIRE_SHARED=1, by conftest)."""
    return shared_dir / "bench"


def test_quantulum3_reproduces_its_own_regression_set(bench):
    # quantulum3_en is quantulum3's own output, so this checks the unit mapping, not quantulum3
    scores = score_file(bench / "quantulum3_en.jsonl", system="quantulum3")
    assert scores["value+unit"].recall == 1.0


def test_newsquant_dev_table_has_the_expected_rows(bench):
    frame = run([bench / "newsquant_dev.jsonl"], systems=("numcheck",))
    ours = frame[frame["system"] == "numcheck"]
    assert set(ours["task"]) == {"value", "value+unit", "value+qualifier", "value+measured-thing"}
    assert set(ours["exclusion"]) == {"none", "one-of-as-one", "no-dates", "no-ordinals", "fractions-as-ratio",
                                      "no-ages-in-apposition", "generations-as-names", ALL_EXCLUSIONS}
    assert (ours["n_gold"][ours["exclusion"] == "none"] == 419).all()
    assert {"CQE (published)", "quantulum3 (published)"} <= set(frame["system"])
    assert ours[["precision", "recall", "f1"]].notna().all().all()
