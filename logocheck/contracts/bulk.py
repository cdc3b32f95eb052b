"""Building millions of small records: without the cycle collector, positionally.

Every container allocated counts towards a garbage-collection pass, and
each pass of the oldest generation walks every live object. Reading a
million-row export allocates several million records that cannot form
cycles (frozen dataclasses of strings, dates and tuples), so the passes
only cost time: with them the load takes about twice as long.
``paused_gc`` switches the collector off for the duration and restores
the previous state.

With ``settle=True`` it then runs one full collection, when the block
left more than ``SETTLE_FROM`` new objects. Otherwise the records would be
walked again by each younger generation's collection on their way to the
oldest, at the first allocations after the load: on a million rows that
cost about 1.5 s of the scan, one collection about 0.6 s. After a small
file the collection would only walk the program's own objects (about
10 ms of a demo scan) for nothing.

``positional`` gives a record's constructor taking its fields by position
in an order the caller names: keyword arguments cost about a third more
per record, and the model's field order is read from ``dataclasses.fields``
instead of being written again where the records are built.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Record = TypeVar("Record", bound="DataclassInstance")
#: New objects from which a load is worth settling (a few thousand rows).
SETTLE_FROM = 50_000


@contextmanager
def paused_gc(settle: bool = False) -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            if settle and gc.get_count()[0] > SETTLE_FROM:
                gc.collect()


def positional(record: type[Record], order: str) -> Callable[..., Record]:
    """``record``'s constructor taking every field by position, in ``order``.

    When ``order`` is the model's own (the usual case) this is ``record``
    itself and costs nothing; otherwise the values are put into the model's
    order first. A field ``order`` lacks or the model lacks is an error when
    the calling module is imported, not a wrong record a million times.
    """
    given = order.split()
    model = [field.name for field in dataclasses.fields(record)]
    if sorted(given) != sorted(model):
        raise TypeError(f"{record.__name__} has the fields {model}, not {given}")
    if given == model:
        return record
    pick = itemgetter(*(given.index(name) for name in model))

    def build(*values: Any) -> Record:
        return record(*pick(values))

    return build
