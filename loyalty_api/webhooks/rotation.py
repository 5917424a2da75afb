"""Whose turn it is: the programs a worker's sender threads claim in, one claim per turn.

A program with a large backlog goes back to the end of the line after each claim, so the
others are served between its claims instead of after it. The line starts at a random
place each cycle, so that workers started together do not all queue for the same
program's claim lock first.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections import deque
from typing import Iterable


def from_anywhere(programs: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    """The programs in their order, starting at a random one."""
    line = list(programs)
    start = random.randrange(len(line)) if line else 0
    return line[start:] + line[:start]


class Rotation:
    """The cycle's programs with due work, shared by the sender threads (thread-safe).

    ``take`` answers the next program and moves it to the end of the line. A claim that
    found nothing to lease (nothing due, or the program is at its cap) ``drop``s it; a
    thread that leased or sent some of the program's deliveries puts it back with
    ``keep`` (more may be due, and results it recorded free room under the cap).
    """

    def __init__(self, programs: Iterable[uuid.UUID]) -> None:
        self._line = deque(from_anywhere(programs))
        self._lock = threading.Lock()

    def take(self) -> uuid.UUID | None:
        with self._lock:
            if not self._line:
                return None
            program_id = self._line.popleft()
            self._line.append(program_id)
            return program_id

    def drop(self, program_id: uuid.UUID) -> None:
        with self._lock:
            if program_id in self._line:
                self._line.remove(program_id)

    def keep(self, program_id: uuid.UUID) -> None:
        with self._lock:
            if program_id not in self._line:
                self._line.append(program_id)

    def __len__(self) -> int:
        with self._lock:
            return len(self._line)
