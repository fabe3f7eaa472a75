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
import traceback
import weakref
from collections.abc import Callable


class Aside:
    """``function(*args)``'s result, computed in a forked child (or, without fork, on demand)."""

    def __init__(self, function: Callable, *args) -> None:
        self._function, self._args = function, args
        self._process = self._receive = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            # Not a daemon, which may not fork in its turn (PB406 shares a large search out so); a
            # child whose result is never asked for (the caller failed first) is stopped instead.
            self._process = context.Process(target=_child, args=(send, function, args))
            self._process.start()
            send.close()  # the child holds its end; EOF here then means the child died
            weakref.finalize(self, _stop, self._process)

    def result(self):
        """The function's return value; an error in the child is raised here with its traceback."""
        if self._process is None:
            return self._function(*self._args)
        try:
            ok, value = self._receive.recv()
        except EOFError:
            ok, value = False, f"the child process ended without an answer (exit code {self._process.exitcode})"
        finally:
            self._receive.close()
            self._process.join()
        if not ok:
            raise RuntimeError(f"{getattr(self._function, '__qualname__', self._function)} failed in a forked "
                               f"process:\n{value}")
        return value


def _stop(process) -> None:
    """End a child nobody waits for: it would otherwise block on a full pipe, and the exit on it."""
    if process.is_alive():
        process.terminate()
        process.join()


def _child(send, function: Callable, args: tuple) -> None:
    try:
        answer = (True, function(*args))
    except BaseException:  # everything goes back to the parent, which decides
        answer = (False, traceback.format_exc())
    try:
        send.send(answer)
    finally:
        send.close()
