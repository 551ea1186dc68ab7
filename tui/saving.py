"""Writes to the database one at a time, in the order given, off the UI thread.

A write waits up to ``busy_timeout_ms`` while another user holds the write lock;
made on the UI thread, that wait froze the screen. Here each write runs in a
thread, on a connection of its own (so the screens' reads never queue behind it),
while keys go on working. The next write starts only when the one before it has
returned, so answers land in the order they were given. When a write fails the
writes queued after it are given up too, with the same error: they would wait for
the same lock, and none may land after an earlier one was lost.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App

    from store.database import Database


@dataclass(frozen=True, slots=True)
class Write:
    run: Callable[[Database], Any]  # in the worker thread, on the writing connection
    done: Callable[[Any], None]  # on the UI thread, with what ``run`` returned
    failed: Callable[[StoreError], None]  # on the UI thread


class SaveQueue:
    """The session's writes, in order; one worker drains them while any are waiting."""

    def __init__(self, app: App[Any], db: Database) -> None:
        self._app = app
        self._db = db
        self._open_writer: Callable[[], Database] | None = None
        self._writer: Database | None = None
        self._one_at_a_time = threading.Lock()  # the writer is used by one thread at a time
        self._closed = False
        self._waiting: deque[Write] = deque()
        self._draining = False
        self._drained = asyncio.Event()
        self._drained.set()
        self.failures = 0  # how many writes failed so far

    @property
    def busy(self) -> bool:
        """Whether a write is waiting or running."""
        return self._draining

    def put(self, run: Callable[[Database], Any], done: Callable[[Any], None],
            failed: Callable[[StoreError], None]) -> None:
        if self._open_writer is None:  # the UI connection's settings, read on the UI thread
            from store.connection import opener_like

            self._open_writer = opener_like(self._db)
        self._waiting.append(Write(run, done, failed))
        if not self._draining:
            self._draining = True
            self._drained.clear()
            self._app.run_worker(self._drain(), name="saves", group="saves")

    async def wait(self) -> bool:
        """Until every write given so far has returned; False when one of them failed."""
        failures = self.failures
        await self._drained.wait()
        return self.failures == failures

    async def _drain(self) -> None:
        try:
            while self._waiting:
                write = self._waiting[0]  # taken off by ``_run``, once made
                try:
                    result = await asyncio.to_thread(self._run, write)
                except StoreError as error:
                    given_up = [write, *self._waiting]
                    self._waiting.clear()
                    self.failures += len(given_up)
                    for lost in given_up:
                        lost.failed(error)
                else:
                    write.done(result)
        finally:
            self._draining = False
            self._drained.set()

    def _run(self, write: Write) -> Any:
        """Make the first write waiting, and take it off the queue (in the worker thread)."""
        with self._one_at_a_time:
            if self._closed:  # ``close`` made it already
                return None
            try:
                return write.run(self._opened())
            finally:
                self._waiting.popleft()

    def _opened(self) -> Database:
        """The writing connection, opened on first use (under ``_one_at_a_time``)."""
        if self._writer is None:
            assert self._open_writer is not None  # set by ``put``
            self._writer = self._open_writer()
        return self._writer

    def close(self) -> None:
        """On closing the app (however it closes): the writes still waiting are made here,
        after the one under way, so no answer given is lost; then the connection closes.
        Their results are shown nowhere: the screens are gone."""
        with self._one_at_a_time:
            self._closed = True
            waiting, self._waiting = list(self._waiting), deque()
            for write in waiting:
                try:
                    write.run(self._opened())
                except StoreError:
                    break  # none may land after one was lost
            if self._writer is not None:
                self._writer.conn.close()
                self._writer = None
