"""linter.core.aside: a function run in a forked process while the caller goes on (PB406 on large queues)."""

from __future__ import annotations

import os

import pytest

from linter.core import aside
from linter.core.aside import Aside


def _pid_and_sum(numbers):
    return os.getpid(), sum(numbers)


def _fails(message):
    raise ValueError(message)


def _dies():
    os._exit(3)


def test_the_result_comes_back_from_another_process():
    pid, total = Aside(_pid_and_sum, list(range(100_000))).result()
    assert total == sum(range(100_000)) and pid != os.getpid()


class _Numbers(list):
    """A list that a weak reference can follow."""


def test_the_arguments_are_freed_here_once_the_child_has_its_copy():
    """PB406's queue, handed to the child, is freed in this process while the child works on it
    (linter.drafts.run.finish_queue frees the run's drafts while it waits), and the answer is the same."""
    import weakref

    numbers = _Numbers(range(100_000))
    alive = weakref.ref(numbers)
    later = Aside(_pid_and_sum, numbers)
    del numbers
    assert alive() is None
    assert later.result()[1] == sum(range(100_000))


def test_without_fork_the_arguments_are_kept_for_the_call(monkeypatch):
    monkeypatch.setattr(aside.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    numbers = _Numbers(range(10))
    later = Aside(_pid_and_sum, numbers)
    del numbers
    assert later.result() == (os.getpid(), 45)


def test_an_error_in_the_child_is_raised_with_its_traceback():
    with pytest.raises(RuntimeError) as caught:
        Aside(_fails, "the shingles are gone").result()
    assert "_fails failed in a forked process" in str(caught.value)
    assert "ValueError: the shingles are gone" in str(caught.value)


def test_a_child_that_dies_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="ended without an answer \\(exit code 3\\)"):
        Aside(_dies).result()


def test_without_fork_the_function_runs_when_asked(monkeypatch):
    monkeypatch.setattr(aside.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    pending = Aside(_pid_and_sum, [1, 2, 3])
    assert pending.result() == (os.getpid(), 6)


def _sleeps():
    import time

    time.sleep(60)


def test_a_child_whose_result_is_never_asked_for_is_stopped():
    """A caller that fails before asking must not leave a child behind (nor wait for it at exit)."""
    import gc

    pending = Aside(_sleeps)
    process = pending._process
    assert process.is_alive()
    del pending
    gc.collect()
    assert not process.is_alive() and process.exitcode is not None


def _nested(numbers):
    return Aside(_pid_and_sum, numbers).result()[1] + 1


def test_a_child_may_set_a_function_aside_in_its_turn():
    assert Aside(_nested, [1, 2, 3]).result() == 7


def _answers_then_lingers():
    """Sends its answer, then the child cannot exit: a non-daemon thread it started still runs."""
    import threading
    import time

    threading.Thread(target=time.sleep, args=(60,)).start()
    return "the answer"


def test_a_child_that_answers_but_does_not_exit_is_killed_not_waited_for(monkeypatch):
    import time

    monkeypatch.setattr(aside, "_EXIT_GRACE_SECONDS", 0.5)
    pending = Aside(_answers_then_lingers)
    started = time.monotonic()
    assert pending.result() == "the answer"
    assert time.monotonic() - started < 30
    assert not pending._process.is_alive() and pending._process.exitcode == -9
