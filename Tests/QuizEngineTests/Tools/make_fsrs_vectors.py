#!/usr/bin/env python3
"""Writes the FSRS reference vectors that FSRSVectorTests checks the Swift scheduler against.

Each line of Fixtures/fsrs/vectors.jsonl is one review history, replayed on a new card by py-fsrs (the
`fsrs` package, 6.x) with fuzzing disabled:

    {"id": "...", "description": "...",
     "scheduler": {"parameters": [21 floats], "desired_retention": 0.9, "learning_steps": [seconds],
                   "relearning_steps": [seconds], "maximum_interval": 36500},
     "reviews": [{"rating": 1-4, "at": "ISO 8601 with offset"}, ...],
     "expected": [{"at_epoch": s, "state": "learning|review|relearning", "step": int|null,
                   "stability": float, "difficulty": float, "due": epoch seconds,
                   "retrievability": float|null}, ...]}

`retrievability` is the card's retrievability just before the review, at the review's time (null for a
new card). `reviews` has the shape `iamquiz fsrs replay` reads, so the file can be replayed directly
(histories whose scheduler is not the default one then differ, by design).

Usage (from the package root):

    python3 -m venv .build-fsrs-venv && .build-fsrs-venv/bin/pip install fsrs
    .build-fsrs-venv/bin/python Tests/QuizEngineTests/Tools/make_fsrs_vectors.py

The output is deterministic for a given py-fsrs version: histories come from a seeded generator.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

OUT = Path(__file__).resolve().parent.parent / "Fixtures" / "fsrs" / "vectors.jsonl"
SEED = 20250601
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)  # stop a history before dates get near year 9999

MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

OFFSETS = [timedelta(0), timedelta(hours=5, minutes=30), timedelta(hours=-8), timedelta(hours=9),
           timedelta(hours=14), timedelta(hours=-12), timedelta(hours=1), timedelta(hours=-3, minutes=-30)]


def iso(when: datetime, offset: timedelta = timedelta(0), precision: str = "auto", zulu: bool = True) -> str:
    """`when` written in the zone `offset`; `precision` is seconds, milliseconds, microseconds or auto."""
    local = when.astimezone(timezone(offset))
    text = local.isoformat(timespec=precision)
    if zulu and offset == timedelta(0):
        text = text.replace("+00:00", "Z")
    return text


class History:
    """A history under construction: reviews are scheduled as they are added, so gaps can follow `due`."""

    def __init__(self, ident: str, description: str, start: datetime, scheduler: Scheduler | None = None):
        self.ident = ident
        self.description = description
        self.scheduler = scheduler or Scheduler(enable_fuzzing=False)
        self.card = Card(card_id=1, due=start)
        self.now = start
        self.reviews: list[dict] = []
        self.expected: list[dict] = []

    def review(self, rating: int, at: datetime | None = None, *, after: timedelta | None = None,
               offset: timedelta = timedelta(0), precision: str = "auto") -> "History":
        if at is None:
            at = self.now + (after if after is not None else timedelta(0))
        text = iso(at, offset, precision)
        # Review exactly what the text says, as a reader of the file will.
        at = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
        before = None
        if self.card.last_review is not None:
            before = self.scheduler.get_card_retrievability(self.card, current_datetime=at)
        self.card, _ = self.scheduler.review_card(self.card, Rating(rating), review_datetime=at)
        self.reviews.append({"rating": rating, "at": text})
        self.expected.append({
            "at_epoch": at.timestamp(),
            "state": self.card.state.name.lower(),
            "step": self.card.step,
            "stability": self.card.stability,
            "difficulty": self.card.difficulty,
            "due": self.card.due.timestamp(),
            "retrievability": before,
        })
        self.now = at
        return self

    def at_due(self, rating: int, shift: timedelta = timedelta(0), **kw) -> "History":
        return self.review(rating, self.card.due + shift, **kw)

    def line(self) -> dict:
        config = self.scheduler.to_dict()
        del config["enable_fuzzing"]
        return {"id": self.ident, "description": self.description, "scheduler": config,
                "reviews": self.reviews, "expected": self.expected}


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def hand_picked() -> list[History]:
    hs: list[History] = []
    start = utc(2024, 3, 1, 9, 0, 0)
    for r in (1, 2, 3, 4):
        hs.append(History(f"new-{Rating(r).name.lower()}", f"a new card rated {Rating(r).name}", start).review(r))

    h = History("learning-good-good-then-good-at-due", "two learning steps, then Good on the due date", start)
    h.review(3).review(3, after=10 * MIN)
    for _ in range(10):
        h.at_due(3)
    hs.append(h)

    h = History("all-good-at-due", "Good on every due date", utc(2023, 1, 15, 18, 45, 12))
    for _ in range(16):
        h.at_due(3)
    hs.append(h)

    h = History("all-easy", "Easy on every due date: intervals grow towards the maximum", utc(2022, 6, 1, 7, 0, 0))
    for _ in range(14):
        if h.card.due > LATEST:
            break
        h.at_due(4)
    hs.append(h)

    h = History("all-again", "Again every time, at growing gaps", utc(2024, 2, 28, 23, 0, 0))
    for gap in (timedelta(0), MIN, 10 * MIN, HOUR, DAY, 3 * DAY, 30 * DAY, 400 * DAY, 2 * MIN, 5 * DAY):
        h.review(1, after=gap)
    hs.append(h)

    h = History("all-hard-at-due", "Hard on every due date", utc(2021, 11, 30, 12, 0, 0))
    for _ in range(12):
        h.at_due(2)
    hs.append(h)

    h = History("lapse-and-relearn", "learned, reviewed, forgotten, relearned", utc(2024, 1, 10, 8, 30, 0))
    h.review(3).review(3, after=10 * MIN)
    for _ in range(4):
        h.at_due(3)
    h.at_due(1).review(3, after=10 * MIN)
    for _ in range(3):
        h.at_due(3)
    hs.append(h)

    h = History("lapses-in-relearning", "Again and Hard while relearning, then overdue lapses",
                utc(2024, 5, 5, 5, 5, 5))
    h.review(4).at_due(3).at_due(1).review(1, after=10 * MIN).review(2, after=10 * MIN)
    h.review(2, after=15 * MIN).review(3, after=2 * DAY).at_due(3, 40 * DAY).at_due(1, 90 * DAY)
    h.review(4, after=3 * DAY).at_due(2)
    hs.append(h)

    h = History("same-day-in-review", "several reviews within minutes of each other while in review",
                utc(2024, 7, 1, 6, 0, 0))
    h.review(3).review(3, after=10 * MIN).at_due(3).at_due(3)
    for rating in (3, 4, 2, 1, 3, 3, 4):
        h.review(rating, after=5 * MIN)
    h.at_due(3)
    hs.append(h)

    h = History("same-day-in-learning", "many learning reviews on one day", utc(2024, 8, 8, 8, 8, 8))
    for rating, gap in ((2, 0), (2, 6), (3, 5), (2, 10), (1, 3), (3, 1), (3, 10), (4, 300)):
        h.review(rating, after=gap * MIN)
    hs.append(h)

    h = History("day-boundary-elapsed", "gaps just under, at and just over 24 hours", utc(2024, 1, 1, 12, 0, 0))
    h.review(4)
    for gap in (86399, 86400, 86401, 86399.999999, 86400.000001, 86399.5, 172799, 172800):
        h.review(3, after=timedelta(seconds=gap), precision="microseconds")
    hs.append(h)

    h = History("calendar-midnight", "23:59 then 00:01 local time: a calendar day apart, two minutes elapsed",
                utc(2024, 12, 31, 21, 59, 0))
    plus2 = timedelta(hours=2)
    h.review(3, offset=plus2).review(3, after=10 * MIN, offset=plus2)
    h.review(3, utc(2025, 1, 1, 21, 59, 30), offset=plus2).review(2, after=2 * MIN, offset=plus2)
    h.review(3, after=DAY - MIN, offset=plus2).review(3, after=2 * MIN, offset=plus2)
    hs.append(h)

    h = History("long-gaps", "months and years between reviews", utc(2019, 4, 1, 10, 0, 0))
    h.review(3).review(3, after=10 * MIN)
    for gap in (183 * DAY, 2 * 365 * DAY, 5 * 365 * DAY + DAY, 30 * DAY, 3 * 365 * DAY):
        h.review(3, after=gap)
    h.review(1, after=4 * 365 * DAY).review(3, after=10 * MIN).review(4, after=400 * DAY)
    hs.append(h)

    h = History("early-reviews", "reviews well before they are due, and exactly one day apart",
                utc(2024, 9, 9, 9, 9, 9))
    h.review(3).review(3, after=10 * MIN)
    h.review(3, after=DAY).review(3, after=DAY).review(4, after=2 * DAY).review(2, after=DAY)
    h.at_due(3, -(h.card.due - h.now) / 2)
    hs.append(h)

    h = History("hard-learning-steps", "Hard at step 0 and at step 1, Again at step 1", utc(2024, 10, 10, 10, 10, 10))
    h.review(2).review(2, after=5 * MIN + 30 * timedelta(seconds=1)).review(3, after=6 * MIN)
    h.review(2, after=10 * MIN).review(1, after=10 * MIN).review(3, after=MIN).review(3, after=10 * MIN)
    hs.append(h)

    h = History("same-instant", "repeated reviews at the very same time", utc(2024, 2, 29, 0, 0, 0))
    for rating in (3, 3, 3, 1, 4, 2):
        h.review(rating)
    h.at_due(3)
    for rating in (1, 1, 3):
        h.review(rating)
    hs.append(h)

    h = History("overdue-then-again", "far overdue, then forgotten", utc(2020, 2, 2, 2, 2, 2))
    h.review(4).at_due(3, 700 * DAY).at_due(1, 300 * DAY).review(3, after=10 * MIN).at_due(3, -DAY)
    hs.append(h)

    h = History("offsets-and-fractions", "timestamps in many zones, with milli- and microseconds",
                utc(2024, 6, 30, 23, 59, 59, 999999))
    zones = [(timedelta(hours=-12), "microseconds"), (timedelta(hours=14), "milliseconds"),
             (timedelta(hours=5, minutes=30), "microseconds"), (timedelta(hours=-3, minutes=-30), "seconds"),
             (timedelta(0), "milliseconds"), (timedelta(hours=9), "microseconds")]
    for i, (offset, precision) in enumerate(zones * 2):
        rating = (3, 3, 4, 2, 3, 1, 3, 3, 2, 4, 3, 3)[i]
        if i < 2:
            h.review(rating, after=timedelta(minutes=7, microseconds=123457), offset=offset, precision=precision)
        else:
            h.at_due(rating, timedelta(hours=i, microseconds=654321 * i), offset=offset, precision=precision)
    hs.append(h)
    return hs


def custom_schedulers(rng: random.Random) -> list[History]:
    hs: list[History] = []
    start = utc(2024, 4, 1, 12, 0, 0)

    for retention in (0.8, 0.95, 0.7):
        s = Scheduler(desired_retention=retention, enable_fuzzing=False)
        hs.append(random_history(rng, f"retention-{retention}", f"random history, desired retention {retention}", s))

    s = Scheduler(learning_steps=(), enable_fuzzing=False)
    h = History("no-learning-steps", "no learning steps: the first review graduates, even Again", start, s)
    h.review(1).at_due(3).at_due(1).review(3, after=10 * MIN).at_due(4)
    hs.append(h)
    h = History("no-learning-steps-good", "no learning steps, first review Good", start, s)
    h.review(3).review(2, after=HOUR).at_due(3)
    hs.append(h)

    s = Scheduler(learning_steps=(timedelta(seconds=30), 5 * MIN, HOUR),
                  relearning_steps=(10 * MIN, HOUR), enable_fuzzing=False)
    h = History("three-learning-two-relearning-steps", "Hard and Good through longer step lists", start, s)
    h.review(2).review(3, after=MIN).review(2, after=5 * MIN).review(3, after=5 * MIN).review(3, after=HOUR)
    h.at_due(3).at_due(1).review(2, after=10 * MIN).review(3, after=10 * MIN).review(2, after=HOUR)
    h.review(1, after=HOUR).review(3, after=10 * MIN).review(3, after=HOUR).at_due(3)
    hs.append(h)

    s = Scheduler(learning_steps=(5 * MIN,), relearning_steps=(), enable_fuzzing=False)
    h = History("one-step-no-relearning", "Hard on a single step (x1.5); Again in review stays in review", start, s)
    h.review(2).review(2, after=7 * MIN).review(3, after=8 * MIN).at_due(3).at_due(1).at_due(3).review(1, after=HOUR)
    hs.append(h)

    s = Scheduler(maximum_interval=30, enable_fuzzing=False)
    h = History("maximum-interval-30", "Easy every time with a 30-day maximum interval", start, s)
    for _ in range(10):
        h.at_due(4)
    hs.append(h)

    # Weights that differ from the defaults everywhere (w20 included), within py-fsrs's bounds.
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS as lo, UPPER_BOUNDS_PARAMETERS as hi
    weights = [min(max(w * rng.uniform(0.7, 1.3), l), u) for w, l, u in zip(DEFAULT_PARAMETERS, lo, hi)]
    weights[20] = 0.45
    s = Scheduler(parameters=weights, enable_fuzzing=False)
    hs.append(random_history(rng, "custom-weights-1", "random history, other weights, decay 0.45", s))
    hs.append(random_history(rng, "custom-weights-2", "random history, other weights, decay 0.45", s))
    return hs


def random_history(rng: random.Random, ident: str, description: str, scheduler: Scheduler | None = None) -> History:
    start = utc(2020, 1, 1) + timedelta(seconds=rng.randrange(0, 6 * 365 * 86400))
    precision = rng.choice(["seconds", "milliseconds", "microseconds"])
    if precision != "seconds":
        start += timedelta(microseconds=rng.randrange(0, 1_000_000))
    h = History(ident, description, start, scheduler)
    offset = rng.choice(OFFSETS)
    for _ in range(rng.randint(1, 30)):
        if h.card.due > LATEST:
            break
        rating = rng.choices([1, 2, 3, 4], weights=[15, 15, 55, 15])[0]
        kind = rng.random()
        if not h.reviews:
            gap = timedelta(0)
        elif kind < 0.15:
            gap = h.card.due - h.now
        elif kind < 0.45:
            gap = (h.card.due - h.now) * rng.uniform(0.5, 1.6)
        elif kind < 0.65:
            gap = timedelta(seconds=rng.randrange(0, 6 * 3600))
        elif kind < 0.85:
            gap = timedelta(seconds=rng.randrange(86400, 40 * 86400))
        elif kind < 0.95:
            gap = timedelta(days=rng.randrange(40, 400), seconds=rng.randrange(0, 86400))
        else:
            gap = timedelta(days=rng.randrange(365, 6 * 365))
        if precision != "seconds":
            gap += timedelta(microseconds=rng.randrange(0, 1_000_000))
        if rng.random() < 0.2:
            offset = rng.choice(OFFSETS)
        h.review(rating, after=gap, offset=offset, precision=precision)
    return h


def main() -> int:
    rng = random.Random(SEED)
    histories = hand_picked()
    histories += [random_history(rng, f"random-{i:02}", "seeded random history") for i in range(30)]
    histories += custom_schedulers(rng)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        for h in histories:
            f.write(json.dumps(h.line(), separators=(",", ":")) + "\n")
    reviews = sum(len(h.reviews) for h in histories)
    print(f"py-fsrs {version('fsrs')}: wrote {len(histories)} histories, {reviews} reviews to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
