"""Python's cyclic garbage collector paused while tallies make many small objects at once.

Tallying 10,000 reviews makes a few hundred thousand tuples and lists (rows,
columns, keys); every 700 new objects the collector runs, and now and then it
walks every object alive, the reviews included: a fifth of the tallies' time.
Nothing the tallies make refers to itself, so there is nothing for it to find;
reference counting frees everything as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
