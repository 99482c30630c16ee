"""numcheck's pint registry: currencies as dimensions of their own, count, conversions.

Each row of the tables below is one fact the registry must hold; the ids show it.
"""

from __future__ import annotations

import pint
import pytest

from numcheck.units import build_registry, canonical_unit, conversion_factor, dimension_of, to_quantity, ureg as registry

# (unit, its dimensionality as text)
DIMENSIONS = [
    ("USD", "[currency_usd]"),
    ("EUR", "[currency_eur]"),
    ("GBP", "[currency_gbp]"),
    ("count", "dimensionless"),  # pint's own count; the counted noun travels in the claim
    ("day", "[time]"),
    ("hour", "[time]"),
    ("week", "[time]"),
    ("kilometer", "[length]"),
    ("mile", "[length]"),
    ("kilogram", "[mass]"),
]

# (from unit, to unit, factor): value in `from` times factor is the value in `to`
CONVERSIONS = [
    ("day", "hour", 24.0),
    ("hour", "day", 1 / 24),
    ("week", "day", 7.0),
    ("kilometer", "meter", 1000.0),
    ("mile", "kilometer", 1.609344),
    ("kilogram", "gram", 1000.0),
    ("USD", "USD", 1.0),
    ("EUR", "EUR", 1.0),
    ("count", "count", 1.0),
]

# pairs that must never convert: different currencies, money and counts, time and length
NOT_CONVERTIBLE = [
    ("USD", "EUR"),
    ("EUR", "GBP"),
    ("USD", "count"),
    ("USD", "day"),
    ("day", "meter"),
    ("count", "kilogram"),
]


def test_ureg_is_one_registry(ureg) -> None:
    assert isinstance(ureg, pint.UnitRegistry)
    assert registry() is ureg


@pytest.mark.parametrize("unit, dimension", DIMENSIONS, ids=[u for u, _ in DIMENSIONS])
def test_dimension_of(unit: str, dimension: str, ureg) -> None:
    assert dimension_of(unit) == dimension
    assert str(ureg.parse_units(unit).dimensionality) == dimension


def test_usd_and_eur_are_separate_dimensions(ureg) -> None:
    usd, eur = ureg.parse_units("USD"), ureg.parse_units("EUR")
    assert usd.dimensionality != eur.dimensionality
    assert usd.dimensionality != ureg.parse_units("count").dimensionality


def test_registry_knows_count(ureg) -> None:
    assert ureg.Quantity(3000, "count").to("count").magnitude == 3000
    assert ureg.parse_units("count").dimensionality == ureg.parse_units("dimensionless").dimensionality


def test_currency_aliases_name_the_same_unit(ureg) -> None:
    assert ureg.Quantity(1, "dollar").to("USD").magnitude == 1
    assert ureg.Quantity(1, "euro").to("EUR").magnitude == 1


@pytest.mark.parametrize("unit, to_unit, factor", CONVERSIONS, ids=[f"{a}->{b}" for a, b, _ in CONVERSIONS])
def test_conversion_factor(unit: str, to_unit: str, factor: float) -> None:
    assert conversion_factor(unit, to_unit) == pytest.approx(factor, rel=1e-12)


def test_day_to_hour_is_exactly_24() -> None:
    assert conversion_factor("day", "hour") == 24


@pytest.mark.parametrize("unit, to_unit", NOT_CONVERTIBLE, ids=[f"{a}-x-{b}" for a, b in NOT_CONVERTIBLE])
def test_not_convertible(unit: str, to_unit: str) -> None:
    with pytest.raises(pint.DimensionalityError):
        conversion_factor(unit, to_unit)


def test_scaled_money_compares_in_one_unit() -> None:
    assert to_quantity(227, "USD") * 1_000_000 == to_quantity(0.227e9, "USD")
    assert (to_quantity(20, "day")).to("hour").magnitude == pytest.approx(480)


@pytest.mark.parametrize("unit, canonical", [("hour", "day"), ("week", "day"), ("mile", "meter"),
                                             ("gram", "kilogram"), ("USD", "USD"), ("count", "count")])
def test_canonical_unit(unit: str, canonical: str) -> None:
    assert canonical_unit(unit) == canonical


def test_shipped_unit_table_is_what_quantulum3_gives_today():
    """data/unit_surfaces.json is a cache of quantulum3's catalogue (regenerate it with
    `python -m numcheck.units`); it must not drift from the installed quantulum3."""
    from numcheck.units import build_unit_surfaces, registry_surfaces, unit_surfaces

    assert unit_surfaces() == {**build_unit_surfaces(), **registry_surfaces()}


def test_registry_surfaces_win_over_quantulum3():
    """numcheck's own definitions (data/units.txt) decide a surface both catalogues name."""
    from numcheck.units import build_unit_surfaces, unit_surfaces

    assert build_unit_surfaces()["bps"].pint_unit == "bit per second"
    assert unit_surfaces()["bps"].pint_unit == "basis_point"
    assert unit_surfaces()["mpg"].pint_unit == "mile_per_gallon"


@pytest.mark.parametrize("cache_home", ["folder", "not a folder"])
def test_registry_builds_with_or_without_a_cache_folder(cache_home: str, tmp_path, monkeypatch) -> None:
    """pint's definition cache speeds the registry up; where its folder cannot be made (the
    cache home is a file), the registry is built without it and knows the same units."""
    home = tmp_path / "cache"
    if cache_home == "folder":
        home.mkdir()
    else:
        home.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    fresh = build_registry()
    assert fresh is not registry()
    assert str(fresh.parse_units("USD").dimensionality) == "[currency_usd]"
    assert fresh.Quantity(2, "week").to("day").magnitude == 14
    assert (home / "pint").is_dir() == (cache_home == "folder")
