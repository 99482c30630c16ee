"""numcheck.currencies: written currency names -> ISO 4217 codes (registry, quantulum3, CLDR)."""

import pytest

from numcheck.currencies import currency_code, currency_name


@pytest.mark.parametrize("name, code", [
    ("USD", "USD"), ("dollar", "USD"), ("euro", "EUR"), ("sterling", "GBP"),
    ("yen", "JPY"), ("RMB", "CNY"), ("bitcoin", "BTC"),
    ("Russian rubles", "RUB"), ("roubles", "RUB"),           # quantulum3's surfaces
    ("Malaysian ringgit", "MYR"), ("Swedish kronor", "SEK"),  # CLDR singular and plural names
    ("ringgit", "MYR"), ("naira", "NGN"),                    # the one current CLDR name ending so
    ("singaporean dollar", "SGD"), ("lao kip", "LAK"),       # words that begin like CLDR's
    ("pound", None), ("dram", None),                         # the registry reads these as masses
    ("peso", "MXN"),                                          # quantulum3's preference among pesos
    ("point", None), ("people", None), ("", None),
    ("cedis", "GHS"), ("kronur", "ISK"),                     # a CLDR plural's last word
    ("icelandic krona", "ISK"),                               # CLDR's "Króna" without its accent
])
def test_currency_code(name, code):
    assert currency_code(name) == code


def test_one_name_per_code():
    assert currency_name("USD") == "dollar"
    assert currency_name(currency_code("hong kong dollar")) == "hong kong dollar"
    assert currency_name("NGN") == "nigerian naira"


def test_cldr_currencies_are_in_the_registry_but_not_english_words():
    from numcheck.units import cldr_currency_codes, currency_code, dimension_of

    codes = cldr_currency_codes()
    assert {"EGP", "CLP", "XOF", "AMD"} <= set(codes)
    assert not {"ALL", "TOP", "CUP", "PEN", "XAU"} & set(codes)  # English words; the metal "Gold"
    assert dimension_of("EGP") == "[currency_egp]"
    assert currency_code("cup") is None and currency_code("egp") == "EGP"
    assert currency_code("egp", listed=True) is None and currency_code("sek", listed=True) == "SEK"
