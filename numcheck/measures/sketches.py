"""Sketches: what the measures stage reads of one document's text, computed once.

A :class:`Sketch` holds a text's repeated blocks and furniture lines (:mod:`.boilerplate`),
its sampled shingles (:mod:`.copies`) and its content words (:mod:`numcheck.stories`);
the claims store keeps them between checks (``SKETCH_VERSION``).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .boilerplate import _WORD, _furniture, _furniture_array, _paragraphs, _repeated_blocks, _without
from .copies import _shingles


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the measures stage reads of one document's text, computed once per document:
    its repeated blocks, its furniture candidates, its sampled shingles (copies) and its
    content words (stories).  Tokenising the text was most of the stage's time, and it was
    done three times (duplicates, boilerplate, blocks); now once.

    ``stored_terms``: the content words, or their JSON as stored, read on use (:attr:`terms`):
    a re-check reads the words of the few documents its story pass places again, and parsing
    every document's was most of reading the sketches."""

    repeated: tuple[tuple[int, int], ...]
    furniture: np.ndarray  # (n, 3) uint64: start, end and key of each line long enough to be furniture
    shingles: np.ndarray
    step: int
    stored_terms: dict[str, int] | bytes

    @property
    def terms(self) -> dict[str, int]:
        """Content word -> count (words of 2+ letters, jusText's English stoplist left out)."""
        terms = self.stored_terms
        return terms if isinstance(terms, dict) else json.loads(terms)

    def encode(self) -> bytes:
        """The stored form, zlib-compressed: the shingles and the furniture lines as
        little-endian uint64 bytes, each after its length, then the rest as JSON, the words
        last and apart (never pickle: reading a store runs no code).  Numbers are read back
        with ``np.frombuffer``: parsing them as JSON was most of the decoding."""
        head = json.dumps([self.repeated, self.step], separators=(",", ":")).encode()
        terms = json.dumps(self.terms, separators=(",", ":")).encode()
        parts = [self.shingles.astype("<u8").tobytes(), self.furniture.astype("<u8").tobytes(), head]
        return zlib.compress(b"".join(len(p).to_bytes(8, "little") + p for p in parts) + terms, 1)

    @classmethod
    def decode(cls, payload: bytes) -> "Sketch":
        """Raises ValueError (or zlib.error) when the payload is not a sketch."""
        body = zlib.decompress(payload)
        at, parts = 0, []
        for _ in range(3):
            n = int.from_bytes(body[at:at + 8], "little")
            if at + 8 + n > len(body):
                raise ValueError("not a sketch payload")
            parts.append((at + 8, n))
            at += 8 + n
        (s0, sn), (f0, fn), (h0, hn) = parts
        if sn % 8 or fn % 24 or body[at:at + 1] != b"{":
            raise ValueError("not a sketch payload")
        shingles = np.frombuffer(body, dtype="<u8", count=sn // 8, offset=s0).astype(np.uint64)
        furniture = np.frombuffer(body, dtype="<u8", count=fn // 8, offset=f0).astype(np.uint64).reshape(-1, 3)
        repeated, step = json.loads(body[h0:h0 + hn])
        return cls(tuple(map(tuple, repeated)), furniture, shingles, int(step), body[at:])


def _sketch_version() -> str:
    """What a stored sketch was made by: the measures package's sources (as the one module
    it was split from: any change to the stage makes sketches anew) and the stoplist's version."""
    from importlib.metadata import version

    sources = b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))
    digest = hashlib.sha256(sources + version("jusText").encode())
    return "sketch+" + digest.hexdigest()[:16]


SKETCH_VERSION = _sketch_version()


def sketch(text: str) -> Sketch:
    lines = _paragraphs(text)
    repeated = _repeated_blocks(text, lines)
    body = _without(text, repeated)
    shingles, step = _shingles(body)
    stop = _stopwords()
    terms = Counter(w for w in _WORD.findall(body.lower()) if len(w) > 1 and w.isalpha() and w not in stop)
    return Sketch(tuple(repeated), _furniture_array(_furniture(text, lines)), shingles, step, dict(terms))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """English function words: jusText's stoplist (installed with trafilatura)."""
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist("English"))
