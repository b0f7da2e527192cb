"""The exit codes of every command and of the app, in one place (scripts and tests rely on them)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # something failed that the input did not cause (a log, a file, the speech engine)
    BAD_INPUT = 2  # the person's input has problems: a routine file, a date, a file name
