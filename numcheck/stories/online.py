"""The online pass of :mod:`numcheck.stories`: documents placed in publication order, each in
the earlier story it resembles most on average, and a pass resumed from an earlier one
(:func:`resume`) giving exactly what a pass from scratch gives."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable, Sequence

from .weights import STORY_CANDIDATES, STORY_RECENT, STORY_SIMILARITY, heaviest, idf_table


@dataclass(frozen=True, slots=True)
class Placed:
    """One document as the online pass took it: what its decision read, and the decision.

    ``key``: the store key of its text and date; ``family``: the original it copies (itself
    when none); ``keys``: its heaviest words; ``story``: the doc id of its story's first member;
    ``mean``: the mean cosine of the story it joined, when it joined one by measure and no
    other candidate reached that mean (else None)."""

    doc_id: str
    key: str
    family: str
    keys: tuple[str, ...]
    story: str
    mean: float | None = None


@dataclass(frozen=True)
class StoryPass:
    """An online pass, as a later re-check resumes it: the threshold it used, the number of
    originals and how many of them hold each word (the idf), and its documents in
    publication order."""

    similarity: float
    n: int
    df: dict[str, int]
    placed: tuple[Placed, ...]

    @property
    def idf(self) -> dict[str, float]:
        return idf_table(self.df, self.n)


class _Pass:
    """The state of the online pass: each story's members (positions, in order) and, for the
    stories measured so far, the sum of its first members' vectors."""

    def __init__(self, vector_of: Callable, similarity: float) -> None:
        self.vector_of = vector_of
        self.similarity = similarity
        self.ids: list[str] = []
        self.story_at: list[str] = []
        self.members: dict[str, list[int]] = {}
        self.sums: dict[str, tuple[int, dict[str, float]]] = {}  # story -> (members summed, sum)
        self.postings: dict[str, list[int]] = {}  # key word -> positions holding it, ascending

    def window(self, postings: dict[str, list[int]], term: str, n: int) -> list[int]:
        """The last ``STORY_RECENT`` positions before ``n`` holding ``term`` as a key."""
        held = postings.get(term, ())
        i = bisect_left(held, n)
        return held[max(0, i - STORY_RECENT):i]

    def candidates(self, postings: dict[str, list[int]], story_at: Callable[[int], str], n: int,
                   v: dict[str, float], keys: tuple[str, ...]) -> list[str]:
        """The ``STORY_CANDIDATES`` stories sharing the most key weight with ``v`` among the
        windows before ``n`` of ``postings`` (``story_at``: the story at a position)."""
        shared: dict[str, float] = {}
        for t in keys:
            for s in dict.fromkeys(story_at(m) for m in self.window(postings, t, n)):
                shared[s] = shared.get(s, 0.0) + v[t]
        return sorted(shared, key=shared.__getitem__, reverse=True)[:STORY_CANDIDATES]

    def nearest(self, n: int, v: dict[str, float], keys: tuple[str, ...]) -> tuple[str | None, float | None]:
        """The candidate story of highest mean cosine to ``v``, if at least the similarity,
        and that mean (None when another candidate reached it too)."""
        best, best_mean, tied = None, self.similarity, False
        for s in self.candidates(self.postings, self.story_at.__getitem__, n, v, keys):
            mean = self._mean(s, v)
            if mean >= best_mean:
                best, tied = s, mean == best_mean and best is not None
                best_mean = mean
        return best, (None if tied or best is None else best_mean)

    def _mean(self, s: str, v: dict[str, float]) -> float:
        members = self.members[s]
        done, total = self.sums.get(s, (0, {}))
        for m in members[done:]:  # members are added in publication order: the same sums always
            for t, w in self.vector_of(self.ids[m]).items():
                total[t] = total.get(t, 0.0) + w
        self.sums[s] = (len(members), total)
        return sum(w * total.get(t, 0.0) for t, w in v.items()) / len(members)

    def add(self, n: int, doc_id: str, story: str) -> None:
        self.ids.append(doc_id)
        self.story_at.append(story)
        self.members.setdefault(story, []).append(n)


def resume(items: Sequence[tuple[str, str, str]], vector_of: Callable, before: Sequence[Placed],
           similarity: float = STORY_SIMILARITY, moved: set[str] | frozenset[str] = frozenset()) -> list[Placed]:
    """The online pass over ``items`` ((doc_id, key, family) in publication order), reusing
    ``before``, an earlier pass's records (``moved``: documents whose vector changed since):
    exactly what a pass without them gives.

    A document's decision reads its vector and keys, its original's story, the documents in
    the windows of its keys and their stories, and the members of those stories before it.
    Up to the first document that differs from ``before`` (new, gone, changed or moved), all
    of these are as they were.  After it, an unchanged document keeps its earlier story unless
    it is *suspect*: one of the ``STORY_RECENT`` documents after a new, gone or changed one in
    a key word's postings (its window changed), or after a member of a *touched* story (one
    that gained or lost a member, or whose member's decision or text changed).  A suspect is
    checked (:func:`_unmoved`: the same documents in its windows, with the same untouched
    stories) and placed again when that fails, measuring stories from their members in
    publication order, as the pass without ``before`` does (the same sums, added in the same
    order).  A new latest document is one placement."""
    state = _Pass(vector_of, similarity)
    old, same, keys_of = _reused(state, items, before, moved)
    first = next((n for n, (d, _, _) in enumerate(items)
                  if n >= len(before) or before[n].doc_id != d or not same[n]), len(items))
    marks = _Suspects(state, keys_of, before, {d: n for n, (d, _, _) in enumerate(items)}, first < len(items))
    kept = {d for (d, _, _), s in zip(items, same) if s}
    touched = {p.story for p in before if p.doc_id not in kept}
    marks.upfront(items, same, touched)
    story_of: dict[str, str] = {}  # doc_id, and an original's doc_id -> story
    out = []
    for n, (doc_id, key, family) in enumerate(items):
        earlier = old[doc_id][1].story if same[n] else None
        s, mean = story_of.get(family), None
        if s is None:
            i, then = old[doc_id] if same[n] else (-1, None)
            if n < first or (then is not None and not (marks.suspect[n] and not _unmoved(
                    state, n, keys_of[n], marks.old_postings, i, before, touched))):
                s, mean = then.story, then.mean
            else:
                v = vector_of(doc_id)
                found = _settled(state, n, v, keys_of[n], marks.old_postings, i, before, touched, then) \
                    if then is not None else None
                s, mean = found if found is not None else state.nearest(n, v, keys_of[n])
                s = s or doc_id
        story_of[doc_id] = story_of[family] = s
        state.add(n, doc_id, s)
        marks.placed(n, s, earlier, touched)
        out.append(Placed(doc_id, key, family, keys_of[n], s, mean))
    return out


def _reused(state: _Pass, items: Sequence[tuple[str, str, str]], before: Sequence[Placed],
            moved: set[str] | frozenset[str]
            ) -> tuple[dict[str, tuple[int, Placed]], list[bool], list[tuple[str, ...]]]:
    """What :func:`resume` takes from ``before``: doc_id -> (its place, its record) there; for
    each of ``items``, whether it is as ``before`` placed it (same key and family, its vector
    not moved); and each one's key words (from ``before`` when it is), indexed in
    ``state.postings``."""
    old = {p.doc_id: (i, p) for i, p in enumerate(before)}
    same = [(o := old.get(d)) is not None and o[1].key == k and o[1].family == f and d not in moved
            for d, k, f in items]
    keys_of = [old[d][1].keys if s else heaviest(state.vector_of(d)) for (d, _, _), s in zip(items, same)]
    for n, keys in enumerate(keys_of):
        for t in keys:
            state.postings.setdefault(t, []).append(n)
    return old, same, keys_of


def _settled(state: _Pass, n: int, v: dict[str, float], keys: tuple[str, ...], old_postings: dict[str, list[int]],
             i: int, before: Sequence[Placed], touched: set[str], then: Placed) -> tuple[str | None, float | None] | None:
    """The decision of an unchanged document whose windows changed, found by measuring only
    the candidates that are new to it or touched; None when it must be placed in full.

    A candidate it had before and that is untouched has the mean it had, which lost to the
    story it joined (or to the threshold, when it started one); so the decision is the
    earlier story unless a new or touched candidate does better.  Ties, a touched or lost
    earlier story, or an earlier decision that was itself a tie are placed in full."""
    joined = then.story != then.doc_id
    if joined and (then.mean is None or then.story in touched):
        return None
    now = state.candidates(state.postings, state.story_at.__getitem__, n, v, keys)
    if joined and then.story not in now:
        return None
    had = set(state.candidates(old_postings, lambda b: before[b].story, i, v, keys))
    bar = then.mean if joined else state.similarity
    best, best_mean, seen = (then.story if joined else None), bar, {bar}
    for s in now:
        if s in had and s not in touched:
            continue
        mean = state._mean(s, v)
        if mean in seen:
            return None
        seen.add(mean)
        if mean > best_mean:
            best, best_mean = s, mean
    return best, (best_mean if best is not None else None)


class _Suspects:
    """The documents whose decision may have changed, marked as changes are met."""

    def __init__(self, state: _Pass, keys_of: list[tuple[str, ...]], before: Sequence[Placed],
                 position: dict[str, int], needed: bool) -> None:
        self.state, self.keys_of, self.before, self.position = state, keys_of, before, position
        self.suspect = bytearray(len(keys_of))
        self.old_postings: dict[str, list[int]] = {}
        if needed:
            for i, p in enumerate(before):
                for t in p.keys:
                    self.old_postings.setdefault(t, []).append(i)

    def followers(self, m: int, after: int) -> None:
        """Mark the documents after ``after`` whose windows hold position ``m``."""
        for t in self.keys_of[m]:
            held = self.state.postings[t]
            i = bisect_left(held, m)
            for q in held[i + 1:i + 1 + STORY_RECENT]:
                if q > after:
                    self.suspect[q] = 1

    def old_followers(self, i: int) -> None:
        """Mark the documents whose windows held old position ``i`` in the earlier pass."""
        for t in self.before[i].keys:
            held = self.old_postings[t]
            j = bisect_left(held, i)
            for k in held[j + 1:j + 1 + STORY_RECENT]:
                q = self.position.get(self.before[k].doc_id)
                if q is not None:
                    self.suspect[q] = 1

    def story(self, story: str, now: int) -> None:
        """A story touched at ``now``: mark the followers of its members so far."""
        for m in self.state.members.get(story, ()):
            self.followers(m, now)

    def placed(self, n: int, s: str, earlier: str | None, touched: set[str]) -> None:
        """The document at ``n`` placed in story ``s`` (``earlier``: its story in the earlier
        pass): a story it joined or left is touched from here on, and the documents whose
        windows hold it are suspect when its story is touched."""
        for story in {s, earlier} - {None} if s != earlier else ():
            if story not in touched:
                touched.add(story)
                self.story(story, n)
        if s in touched:
            self.followers(n, n)

    def upfront(self, items: Sequence[tuple[str, str, str]], same: list[bool], touched: set[str]) -> None:
        """Mark what the changes known before the pass reach: documents new, changed or gone,
        and the members of their earlier stories."""
        kept = {d for (d, _, _), s in zip(items, same) if s}
        for i, p in enumerate(self.before):
            if p.doc_id not in kept:
                self.old_followers(i)
            elif p.story in touched:
                self.followers(self.position[p.doc_id], -1)
        for n, s in enumerate(same):
            if not s:
                self.followers(n, -1)


def _unmoved(state: _Pass, n: int, keys: tuple[str, ...], old_postings: dict[str, list[int]], i: int,
             before: Sequence[Placed], touched: set[str]) -> bool:
    """Whether what decided the document now at ``n`` (at ``i`` before) is as it was."""
    for t in keys:
        now, then = state.window(state.postings, t, n), state.window(old_postings, t, i)
        if len(now) != len(then):
            return False
        for a, b in zip(now, then):
            s = state.story_at[a]
            if state.ids[a] != before[b].doc_id or s != before[b].story or s in touched:
                return False
    return True
