"""Worker processes for batch jobs that no single record can stall or bring down.

A worker runs the records it is sent one at a time and sends each record's outcome back
as soon as it has it, so the parent always knows which record a worker is on and since
when. That gives three guarantees a process pool from the standard library does not:

- a record that takes longer than the time budget is stopped: its worker is killed
  (only a separate process can be stopped reliably in the middle of C code such as a
  tokenizer or a regular expression), the record's outcome says so, and a new worker
  takes over the records after it;
- a worker that dies on a record (a crash in native code, the kernel's out-of-memory
  killer) costs that record alone, reported the same way, not the whole job;
- workers exit when their parent dies, even by ``kill -9``: on Linux through the
  kernel's parent-death signal, elsewhere through a thread that watches the parent.

Messages travel over one pipe per worker. Each worker holds at most two tasks: the one
it runs and the next, so it never waits for the parent between them. The parent writes
tasks from a short-lived thread, so it never blocks on a worker that is not reading (one
stalled in C code, or still busy sending results the parent has not read yet).
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import connection
from multiprocessing.context import BaseContext
from typing import Any

#: Seconds between a watcher thread's checks that the parent is alive (where the kernel
#: cannot send a parent-death signal).
_WATCH_INTERVAL = 1.0

#: Seconds a worker that was told to stop gets to exit before it is killed.
_STOP_GRACE = 1.0

#: Seconds between dispatch attempts while tasks wait and no worker can take one: a
#: worker whose sender thread is still ending looks busy, and nothing else would wake
#: the parent once that worker has finished and gone quiet.
_REDISPATCH = 0.05

#: ``prctl`` option that makes the kernel signal a process when its parent exits.
_PR_SET_PDEATHSIG = 1

#: ``work(nlp, items, seen)`` yields one outcome (bytes or str) per item; ``seen`` is how
#: many items this worker ran before (for warm-up decisions).
Work = Callable[[Any, Sequence[Any], int], Iterator[Any]]


class WorkerStartError(RuntimeError):
    """A worker process died before it was ready (it could not load the pipeline)."""


@dataclass(slots=True)
class Batch:
    """Items the parent wants outcomes for; ``outcomes[i]`` is None until known."""

    items: Sequence[Any]
    outcomes: list[Any] = field(default_factory=list)
    missing: int = 0

    def __post_init__(self) -> None:
        self.outcomes = [None] * len(self.items)
        self.missing = len(self.items)

    @property
    def complete(self) -> bool:
        return self.missing == 0

    def settle(self, position: int, outcome: Any) -> None:
        self.outcomes[position] = outcome
        self.missing -= 1


@dataclass(slots=True)
class _Task:
    """Positions of one batch's items that a worker runs, in order."""

    batch: Batch
    positions: list[int]


class _Worker:
    """One worker process, its pipe, and the tasks sent to it (the first is running)."""

    def __init__(self, ctx: BaseContext, nlp: Any, load: Callable[[], Any], work: Work) -> None:
        self.conn, child = ctx.Pipe()
        # On Linux the worker gets the parent-death signal when the thread that starts it
        # ends: the pool's thread, the one iterating the results.
        self.process = ctx.Process(
            target=_worker_main, args=(child, nlp, load, work, os.getpid()), name="claimx-worker"
        )
        self.process.start()
        child.close()
        self.ready = False
        self.tasks: deque[_Task] = deque()
        self.done = 0  # items of the running task finished
        self.since = time.monotonic()  # when the item in progress started, as the parent saw it
        self._sender: threading.Thread | None = None

    def can_take(self, queued: int) -> bool:
        """True if it is ready, holds fewer than ``queued`` + 1 tasks and is not being
        sent one."""
        sending = self._sender is not None and self._sender.is_alive()
        return self.ready and len(self.tasks) <= queued and not sending

    def send(self, task: _Task) -> None:
        if not self.tasks:
            self.since = time.monotonic()
        self.tasks.append(task)
        items = [task.batch.items[p] for p in task.positions]
        self._sender = threading.Thread(target=self._write, args=(items,), name="claimx-send", daemon=True)
        self._sender.start()

    def _write(self, items: list[Any]) -> None:
        try:
            self.conn.send(items)
        except (OSError, ValueError):  # the worker was stopped; the pool requeued its tasks
            pass

    def stop(self) -> None:
        """End the process: asked nicely when idle, killed when busy or slow to go."""
        if self.process.is_alive() and self.ready and not self.tasks:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(_STOP_GRACE)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        if self._sender is not None:
            self._sender.join()
        self.conn.close()


class WorkerPool:
    """``n_workers`` processes running ``work``; at most ``timeout`` seconds per item.

    :meth:`submit` queues a batch; :meth:`wait` blocks until some outcome arrives (or an
    item is stopped), filling in the batches. An item that exceeds ``timeout`` gets the
    outcome ``timeout_outcome(seconds)``, one whose worker died ``died_outcome(reason)``.
    """

    def __init__(
        self,
        ctx: BaseContext,
        n_workers: int,
        *,
        nlp: Any,
        load: Callable[[], Any],
        work: Work,
        timeout: float | None,
        timeout_outcome: Callable[[float], Any],
        died_outcome: Callable[[str], Any],
    ) -> None:
        self._ctx, self._nlp, self._load, self._work = ctx, nlp, load, work
        self._timeout = timeout
        self._timeout_outcome, self._died_outcome = timeout_outcome, died_outcome
        self._queue: deque[_Task] = deque()
        self._workers: list[_Worker] = []
        for _ in range(n_workers):
            self._workers.append(self._start())

    def _start(self) -> _Worker:
        return _Worker(self._ctx, self._nlp, self._load, self._work)

    def submit(self, batch: Batch) -> None:
        if batch.items:
            self._queue.append(_Task(batch, list(range(len(batch.items)))))
            self._dispatch()

    def wait(self) -> None:
        """Block until an outcome arrives, an item is stopped or a worker is replaced."""
        busy = [w.since + self._timeout for w in self._workers if w.tasks] if self._timeout else []
        wait_for = max(0.0, min(busy) - time.monotonic()) if busy else None
        if self._queue:
            wait_for = _REDISPATCH if wait_for is None else min(wait_for, _REDISPATCH)
        handles = [w.conn for w in self._workers] + [w.process.sentinel for w in self._workers]
        connection.wait(handles, wait_for)
        for index, worker in enumerate(self._workers):
            alive = self._drain(worker)
            if alive and worker.process.exitcode is not None and not worker.conn.poll():
                alive = False
            if not alive:
                worker.process.join(_STOP_GRACE)  # its pipe is closed: let it finish dying
                self._replace(index, self._died_outcome(_exit_reason(worker.process)))
            elif (
                self._timeout is not None and worker.tasks and time.monotonic() - worker.since > self._timeout
            ):
                self._replace(index, self._timeout_outcome(self._timeout))
        self._dispatch()

    def _drain(self, worker: _Worker) -> bool:
        """Take every message waiting from ``worker``; False once its pipe is closed."""
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                now = time.monotonic()
                if not worker.ready:
                    worker.ready, worker.since = True, now
                    continue
                task = worker.tasks[0]
                task.batch.settle(task.positions[worker.done], message)
                worker.done += 1
                worker.since = now
                if worker.done == len(task.positions):
                    worker.tasks.popleft()
                    worker.done = 0
        except (EOFError, OSError):
            return False
        return True

    def _replace(self, index: int, outcome: Any) -> None:
        """Stop worker ``index``, settle its item in progress with ``outcome``, put the
        rest of its tasks back at the front of the queue, and start a new worker."""
        worker = self._workers[index]
        worker.stop()
        if not worker.ready:
            raise WorkerStartError(f"a worker process failed to start ({_exit_reason(worker.process)})")
        if worker.tasks:
            running = worker.tasks.popleft()
            running.batch.settle(running.positions[worker.done], outcome)
            rest = [_Task(running.batch, running.positions[worker.done + 1 :]), *worker.tasks]
            self._queue.extendleft(reversed([task for task in rest if task.positions]))
            worker.tasks.clear()
        self._workers[index] = self._start()

    def _dispatch(self) -> None:
        """Give idle workers a task first, then each busy one its next."""
        for queued in (0, 1):
            for worker in self._workers:
                if not self._queue:
                    return
                if worker.can_take(queued):
                    worker.send(self._queue.popleft())

    def close(self) -> None:
        """Stop every worker (also when the parent's consumer gave up half-way)."""
        for worker in self._workers:
            worker.stop()
        self._workers.clear()


def _exit_reason(process: Any) -> str:
    code = process.exitcode
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


# --- inside a worker ---------------------------------------------------------------


def _worker_main(conn: Any, nlp: Any, load: Callable[[], Any], work: Work, parent: int) -> None:
    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    nlp = nlp if nlp is not None else load()
    gc.freeze()  # the pipeline lives as long as the worker: keep it out of GC scans
    conn.send(None)  # ready
    seen = 0
    try:
        while (items := conn.recv()) is not None:
            for outcome in work(nlp, items, seen):
                conn.send(outcome)
            seen += len(items)
    except (EOFError, BrokenPipeError):  # the parent is gone
        pass


def _exit_with_parent(parent: int) -> None:
    """Make this process end when process ``parent`` does."""
    if os.getppid() == parent and _parent_death_signal(signal.SIGKILL):
        if os.getppid() != parent:  # it died before the signal was armed
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), name="claimx-watch-parent", daemon=True).start()


def _parent_death_signal(sig: int) -> bool:
    """Ask the Linux kernel to send ``sig`` when the parent exits; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Exit once ``parent`` is gone (the parent-death signal's stand-in)."""
    start = os.getppid()
    while True:
        time.sleep(_WATCH_INTERVAL)
        if os.getppid() != start:
            os._exit(1)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass
