"""How the records' ``__init__`` is written by hand for speed (see :mod:`numcheck.records`): the
checks that bind a hand-written ``__init__`` to the fields of its frozen, slotted dataclass, and
the two ways it stores them past the class's frozen ``__setattr__``.

Split out of :mod:`numcheck.records` to keep it short; these run once, at import.
"""

from __future__ import annotations

import inspect
from dataclasses import MISSING, fields


def slot_init(cls, init) -> tuple:
    """Install ``init``, written by hand, as the ``__init__`` of ``cls``, a frozen, slotted dataclass,
    and return the setters of its slots in field order, which ``init`` calls (``setters[i](self, v)``).

    Why: the ``__init__`` @dataclass generates for a frozen class stores each field through
    ``object.__setattr__``, which looks the name up on the type each time; the extractor builds
    several records per figure, and their ``__init__`` was a twentieth of the extraction (profiled).
    A slot's setter stores it directly, about twice as fast.  ``init`` must take the fields in
    order with their defaults and call ``__post_init__`` where the class has one; that is checked
    here, at import, so a field added without its parameter fails at once.
    """
    if not (cls.__dataclass_params__.frozen and "__slots__" in cls.__dict__):
        raise TypeError(f"slot_init needs a frozen, slotted dataclass, not {cls.__name__}")
    check_takes_fields(cls, init, 1)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return tuple(getattr(cls, f.name).__set__ for f in fields(cls))


def check_takes_fields(cls, func, skip: int) -> None:
    """Raise TypeError unless ``func``'s parameters after the first ``skip`` are the fields of
    ``cls`` in order with their defaults: checked at import, so a field added without its
    parameter fails at once."""
    params = list(inspect.signature(func).parameters.values())[skip:]
    expected = [(f.name, inspect.Parameter.empty if f.default is MISSING else f.default) for f in fields(cls)]
    if [(p.name, p.default) for p in params] != expected or any(f.default_factory is not MISSING for f in fields(cls)):
        raise TypeError(f"{func.__name__} does not take the fields of {cls.__name__} with their defaults")


def fields_twin(cls) -> type:
    """A plain class with the slots of ``cls`` (a frozen, slotted dataclass with ``object`` as its
    only base), so with its layout: an ``__init__`` of ``cls`` may switch ``self`` to it
    (``__class__`` assignment, which Python allows between classes of the same layout), store
    the fields by plain assignment, switch back and validate.  ``tests/test_fast_paths.py``
    checks the records built so against those of the ``__init__`` @dataclass generates.

    Why, for a record of many fields (Claim: 25, built for every figure and date): a slot's
    setter (:func:`slot_init`) is a method-wrapper, which Python calls with a tuple of its
    arguments, about 420 instructions a field under callgrind; a plain assignment on a class
    whose attribute setting is ``object``'s costs about 150, the two switches about 2,000 in
    all.  Safe: the instance is its ``__init__``'s alone until it returns, and is of ``cls``
    again before ``__post_init__`` runs.
    """
    if cls.__bases__ != (object,) or "__slots__" not in cls.__dict__:
        raise TypeError(f"fields_twin needs a slotted class based on object alone, not {cls.__name__}")
    return type(f"_{cls.__name__}Fields", (), {"__slots__": cls.__slots__, "__module__": cls.__module__})
