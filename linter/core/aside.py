"""Run one function in a forked process while this one goes on with other work.

Why: after the workers have read every draft, the queue rules run in the main process, and
the near-duplicate search (PB406) costs about as much as all the others together. On a
machine with a second core, a forked copy of the process, which already holds every kept
draft (forking copies no memory until it is written), runs that search while the main
process runs the other rules: only the findings cross back, pickled through a pipe.

Where forking is not available the function simply runs when its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar, cast

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")

# How long a child that has answered, or closed its pipe, may take to exit before it is killed. It
# is in its last steps then; only a stuck exit (a grandchild it waits for, say) takes this long.
_EXIT_GRACE_SECONDS = 30.0
# Why steps and not one join(timeout): a grandchild the child forked holds the child's exit
# sentinel open, so a single join would wait the whole grace for a child that has long exited;
# reading ``exitcode`` between steps reaps the child as soon as it is gone.
_EXIT_STEP_SECONDS = 0.05


class Aside(Generic[T]):
    """``function(*args)``'s result, computed in a forked child (or, without fork, on demand)."""

    def __init__(self, function: Callable[..., T], *args: object) -> None:
        self._function, self._args = function, args
        self._process: BaseProcess | None = None
        self._receive: Connection | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            # Not a daemon, which may not fork in its turn (PB406 shares a large search out so); a
            # child whose result is never asked for (the caller failed first) is stopped instead.
            self._process = context.Process(target=_child, args=(send, function, args))
            self._process.start()
            send.close()  # the child holds its end; EOF here then means the child died
            self._args = ()  # the child has its copy: this process may free what only they held
            weakref.finalize(self, _stop, self._process)

    def result(self) -> T:
        """The function's return value; an error in the child is raised here with its traceback."""
        if self._process is None or self._receive is None:
            return self._function(*self._args)
        answer: tuple[bool, object] | None = None
        try:
            answer = self._receive.recv()
        except EOFError:
            pass  # the child died without sending; its exit code says how, once it is reaped
        finally:
            self._receive.close()
            exitcode = _reap(self._process)
        # The exit code is read only after the child is reaped: at EOF the child has closed its end
        # of the pipe but may not have exited yet, and its exit code would still read None.
        if answer is None:
            answer = (False, f"the child process ended without an answer (exit code {exitcode})")
        ok, value = answer
        if not ok:
            raise RuntimeError(f"{getattr(self._function, '__qualname__', self._function)} failed in a forked "
                               f"process:\n{value}")
        return cast(T, value)  # ok: what the child sent is the function's return value


def _reap(process: BaseProcess) -> int | None:
    """Wait for a child that is ending, but never forever: one that does not exit in time is killed."""
    deadline = time.monotonic() + _EXIT_GRACE_SECONDS
    while process.exitcode is None and time.monotonic() < deadline:
        process.join(_EXIT_STEP_SECONDS)
    if process.exitcode is None:
        process.kill()  # SIGKILL cannot be caught, and join() then waits on the pid, not the sentinel
        process.join()
    return process.exitcode


def _stop(process: BaseProcess) -> None:
    """End a child nobody waits for: it would otherwise block on a full pipe, and the exit on it."""
    if process.is_alive():
        process.terminate()
        process.join()


def _child(send: Connection, function: Callable[..., object], args: tuple[object, ...]) -> None:
    try:
        answer = (True, function(*args))
    except BaseException:  # noqa: BLE001  # everything goes back to the parent, which decides
        answer = (False, traceback.format_exc())
    try:
        send.send(answer)
    finally:
        send.close()
