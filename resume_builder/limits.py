"""Every limit the tool enforces on what it reads and runs, in one place.

People render profiles and themes they did not write. These numbers bound what one
hostile input can cost: how much a profile may hold, how big an image may be, how much
work a theme's templates may do, and how long and how much memory a render may take.
Each was chosen by measuring (see SECURITY.md): a real résumé stays far below every one,
and a document at a limit still renders within seconds.

Only constants, two small guards (:class:`time_limit`, :func:`memory_limit`) and the words
refusing a number given on the command line or in the build file (:class:`Amount`:
:data:`SECONDS`, :data:`WORKERS`, :data:`PAGES`) live here, so importing this module costs nothing.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# ----------------------------------------------------------------------------- profiles

#: A profile or variant file (YAML or JSON), in bytes.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Values a file may expand to (YAML aliases can repeat a block many times).
MAX_VALUES = 250_000
#: Includes (``{include: file.yaml}``, loading/includes.py): how many files may be read
#: for one profile in all (the profile itself counts), how deep an include may sit inside
#: includes, and how many bytes all of them may hold together (each file also stays
#: within MAX_FILE_BYTES; the merged document within every limit below, as one file would).
MAX_INCLUDED_FILES = 100
MAX_INCLUDE_DEPTH = 8
MAX_INCLUDED_BYTES = 2 * MAX_FILE_BYTES
#: Includes followed for one profile in all, a file included many times counting each time:
#: without it a few small files that each include the next forty times expand like a YAML
#: alias bomb (40**4 = 2.56 million items from four 1 KB files). A real profile follows tens.
MAX_INCLUDES = 1_000

#: Nesting depth of mappings and lists; checked on the parser's events, before anything
#: recursive (libyaml's composer recurses in C and crashes the interpreter with SIGSEGV
#: on about 100,000 levels).
MAX_DEPTH = 64
#: Digits of a whole number written in a profile (YAML or JSON). Python refuses to convert
#: more than 4,300 (``sys.get_int_max_str_digits``); no résumé holds a number of more than
#: a few dozen, so the limit is well below that.
MAX_NUMBER_DIGITS = 1_000
#: Characters in one text field (a summary, a highlight...): ten times a long summary.
#: WeasyPrint lays out long text in shrink-to-fit boxes (flex items, inline blocks) in
#: quadratic time: at this size the slowest case found in the built-in themes (an unbroken
#: 20,000-character run that compact shows run-in) takes 21 s, ordinary text 1 to 3 s;
#: at 100,000 characters such cases take many minutes.
MAX_FIELD_CHARS = 20_000
#: Characters in a one-line field (a name, title, company, place, keyword), which themes
#: put in shrink-to-fit boxes: 1,000 unbroken characters lay out in under a second.
MAX_LINE_CHARS = 1_000
#: Items in one list (experience entries, highlights, keywords...). 1,000 entries with a
#: highlight each lay out as a 39-page PDF in about 9 s; 10,000 took 116 s and 2 GB.
MAX_LIST_ITEMS = 1_000
#: Items of all lists of the profile together: 10,000 bullets make a 156-page PDF in 18 s.
MAX_TOTAL_ITEMS = 10_000
#: Characters of text in the whole profile, counted after YAML aliases are expanded:
#: 1,000,000 make a 143-page PDF in 14 s (a long CV has 20,000 to 50,000).
MAX_TEXT_CHARS = 1_000_000

# ----------------------------------------------------------------------------- images

#: Formats a photo may have (checked from the file's first bytes, not its name).
IMAGE_FORMATS = ("PNG", "JPEG", "SVG")
#: Size of a photo file, in bytes.
MAX_IMAGE_BYTES = 5 * 1024 * 1024
#: Pixels of a PNG or JPEG photo (width x height), read from its header before decoding.
MAX_IMAGE_PIXELS = 25_000_000

# ----------------------------------------------------------------------------- archives

#: ZIP archives read by ``import`` (LinkedIn's "Download your data" export,
#: resume_builder/importing/linkedin_archive.py). Members are read into memory, never
#: extracted; every check below runs on the central directory before a byte is inflated,
#: and reading stops at the same numbers whatever the headers claim.
#: Entries in the archive (files and folders). LinkedIn's complete export holds about a
#: hundred CSV files; ten thousand entries only cost reading the directory.
MAX_ARCHIVE_MEMBERS = 10_000
#: One member that is read (a CSV the import maps), uncompressed: as much as a profile
#: file may hold, which the profile written from it must fit in too.
MAX_ARCHIVE_MEMBER_BYTES = MAX_FILE_BYTES
#: All members read, uncompressed, together (a dozen CSVs).
MAX_ARCHIVE_READ_BYTES = 2 * MAX_FILE_BYTES
#: What all members together say they hold, uncompressed, read or not: a complete export
#: with years of messages holds tens of megabytes; a zip bomb claims gigabytes.
MAX_ARCHIVE_DECLARED_BYTES = 1024 * 1024 * 1024
#: Uncompressed size over compressed size of one member. Varied CSV text deflates 3 to 10
#: times; even 40,000 copies of one row deflate only 290 times (measured, zlib level 9),
#: while a zip bomb's members reach deflate's ceiling of about 1,030. Checked for members
#: above ARCHIVE_RATIO_MIN_BYTES only, where a high ratio cannot come from a small file.
MAX_ARCHIVE_RATIO = 500
ARCHIVE_RATIO_MIN_BYTES = 1024 * 1024

# ----------------------------------------------------------------------------- themes

#: Steps a theme's templates may take in one render: loop iterations, range() items,
#: calls (a macro call counts 5) and filters (a filter on a list counts its length). The
#: built-in themes take 1,200 to 1,550 for the example profile and 26,000 to 36,000 for
#: 1,000 entries (the most a list may hold); a hostile template is stopped within a second.
MAX_TEMPLATE_STEPS = 1_000_000
#: Steps one macro call costs (it costs about as much time as five loop iterations).
MACRO_CALL_STEPS = 5
#: Seconds the templates of one render may run, whatever the steps (a backstop).
MAX_TEMPLATE_SECONDS = 30.0
#: Largest number a template may pass to range(), a filter or a function.
MAX_TEMPLATE_NUMBER = 100_000
#: Longest string a template may build (``'x' * n``, ``a + b``, a call's argument).
MAX_TEMPLATE_STRING = 20_000_000
#: Most items of a list or tuple a template may build (``[0] * n``).
MAX_TEMPLATE_ITEMS = 1_000_000
#: Largest integer, in bits, a template may compute with (``2 ** n``).
MAX_TEMPLATE_INT_BITS = 4_096
#: Characters of HTML (or CSS) one template may produce.
MAX_OUTPUT_CHARS = 20_000_000
#: One file or data: URL that WeasyPrint may read (fonts, images), in bytes.
MAX_RESOURCE_BYTES = 20 * 1024 * 1024

# ----------------------------------------------------------------------------- time and memory

#: Seconds one render (one target of a build) may take; ``--timeout`` changes it.
DEFAULT_TIMEOUT = 120  # seconds (an int, so that --help shows "120")
#: The largest time limit ``--timeout`` or a build file's ``timeout`` may set, in seconds: a
#: day. A render takes seconds and 0 already means no limit, so more is a mistake; ``inf``,
#: ``1e12`` or ``1e999`` ended in an OverflowError traceback from ``setitimer`` (its timer
#: holds at most about 292 years).
MAX_TIMEOUT = 24 * 60 * 60
#: The most worker processes ``build --jobs`` or the build file's ``jobs`` may ask for. A fixed
#: number, not the machine's cores, so that a build file means the same on a laptop and on a CI
#: runner (0 asks for one per core); a build never starts more workers than it has groups of
#: targets to render. ``--jobs 99999999999999999999`` was accepted (trial).
MAX_JOBS = 256
#: The largest page budget ``--max-pages`` or a build target's ``max_pages`` may set: a résumé
#: has one to three pages, a long academic CV a few dozen. ``--max-pages 99999999999999999999``
#: was accepted and named the output ``-99999999999999999999pages`` (trial).
MAX_PAGES = 100
#: Memory a render may add to what the process holds when it starts (address space).
MEMORY_HEADROOM_BYTES = 3 * 1024 * 1024 * 1024


class RenderTimeout(Exception):
    """Raised in the rendering thread when a :class:`time_limit` expires.

    Not a :class:`~resume_builder.errors.UserError` on purpose: code that turns a theme's
    failures into user errors must let it through (see ``render/html.py`` and ``render/sandbox.py``); the guard
    turns it into one when it leaves the ``with`` block.
    """


@dataclass(frozen=True)
class Amount:
    """A number given both on the command line and in the build file (``--timeout`` and
    ``timeout``, ``--jobs`` and ``jobs``, ``--max-pages`` and a target's ``max_pages``), and the
    words that refuse a wrong one, the same in both places: "must be {noun}, e.g. {example}, not
    ..." for what is no such number (:meth:`not_a_number`), "{shown} {unit} is {under}" or
    "... is {over}" for one out of bounds (:meth:`refusal`). The words follow "--jobs 300:" or
    "jobs:" and end with what to write instead."""

    noun: str  # what the value must be: "a number of seconds"
    unit: str  # after a number: "seconds"
    example: str  # "30 or 2.5 (0: no limit)"
    least: int
    most: int
    span: str  # what to give instead of nan: "0 (no limit) up to 86,400 (a day)"
    under: str  # below ``least``: "negative; give 0 for no limit"
    over: str  # past ``most``: "more than a time limit may be (86,400 seconds, a day); give 0 for no limit"
    whole: bool = False  # a whole number: 2.5 (or 2.0, written so) is no such number
    zero: str = ""  # what 0 means, where it may be given: "no limit"

    def too_small(self, shown: str) -> str:
        """The words refusing ``shown``, a number written with digits other than 0 that reads as
        0 (``1e-400``): 0 means :attr:`zero`, the opposite of a tiny amount."""
        return (f"{shown} {self.unit} is too small to tell from 0, which means {self.zero}; give 0 for "
                f"{self.zero}, or {self.noun} such as {self.example.split(' ')[0]}")

    def refusal(self, number: float, shown: str | None = None) -> str | None:
        """Why ``number`` cannot be this amount, in words, or None when it can (bounds only:
        whether it must be whole is the caller's to check). ``shown`` is the value as the user
        wrote it (``1e400`` rather than the ``inf`` it reads as)."""
        if self.least <= number <= self.most:  # False for nan too
            return None
        shown = shown or (str(number) if isinstance(number, int) else f"{number:g}")
        if number != number:  # nan
            return f"{shown} is not {self.noun}; give {self.span}"
        return f"{shown} {self.unit} is {self.under if number < self.least else self.over}"

    def not_a_number(self, found: str, *, quoted: bool = False) -> str:
        """The words refusing a value that is no such number; ``found`` says what it is instead
        (``'1_0'`` as typed, ``a date``); ``quoted``: a number written in quotes, a text."""
        return f"must be {self.noun}{' written without quotes' if quoted else ''}, e.g. {self.example}, not {found}"


def reads_as_zero(text: str) -> bool:
    """Whether the number written ``text`` has a digit other than 0 before any exponent yet is
    read as 0: ``1e-400`` (a float that small underflows to 0.0). For a time limit, 0 means
    no limit, the opposite of the tiny amount written (:meth:`Amount.too_small` says so)."""
    import re

    return float(text) == 0 and re.search(r"[1-9]", re.split(r"[eE]", text)[0]) is not None


#: ``--timeout`` and the build file's ``timeout``: 0 (no limit) up to :data:`MAX_TIMEOUT`.
SECONDS = Amount("a number of seconds", "seconds", "30 or 2.5 (0: no limit)", 0, MAX_TIMEOUT,
                 span=f"0 (no limit) up to {MAX_TIMEOUT:,} (a day)", under="negative; give 0 for no limit",
                 over=f"more than a time limit may be ({MAX_TIMEOUT:,} seconds, a day); give 0 for no limit",
                 zero="no limit")
#: ``build --jobs`` and the build file's ``jobs``: 0 (one per core) up to :data:`MAX_JOBS`.
WORKERS = Amount("a whole number of worker processes", "worker processes", "4 (0: one per core)", 0, MAX_JOBS,
                 span=f"0 (one per core) up to {MAX_JOBS}", under="negative; give 0 for one per core",
                 over=f"more than a build may start ({MAX_JOBS}); give at most {MAX_JOBS} (0: one per core)",
                 whole=True)
#: ``--max-pages`` and a build target's ``max_pages``: 1 up to :data:`MAX_PAGES`.
PAGES = Amount("a whole number of pages", "pages", "2", 1, MAX_PAGES, span=f"1 to {MAX_PAGES}",
               under=f"fewer than a page budget may be (1 page); give 1 to {MAX_PAGES}",
               over=f"more than a page budget may be ({MAX_PAGES} pages); give 1 to {MAX_PAGES}", whole=True)


def _timeout_error(seconds: float, what: str):
    from resume_builder.errors import UserError

    from resume_builder.wording import seconds as in_seconds

    return UserError(f"{what} took longer than {in_seconds(seconds)} and was stopped",
                     hint="a very large profile or a hostile theme? raise the limit with --timeout SECONDS")


class time_limit:  # noqa: N801 - used as a function: ``with time_limit(30, "rendering"):``
    """Stop the block with a UserError once it has run for ``seconds`` (wall clock).

    Uses SIGALRM, so it works in the main thread on Unix (the CLI and build workers);
    elsewhere it does nothing. Once expired the alarm keeps firing every 0.2 s, so a
    library that catches and logs exceptions (WeasyPrint does, for images) cannot swallow
    the stop; leaving the block without an error after expiry raises it too.

    The alarm interrupts only the block itself: one that fires before the block begins (a
    limit so small it is over by the time it is armed) or while the limit is being taken
    down still ends in the UserError, never in a bare :class:`RenderTimeout`, and never leaves
    the timer running. A class, not a generator: ``contextlib``'s ``__enter__`` returns from
    the generator through a call, where the interpreter handles signals, so an alarm there
    escaped before the block began and left the timer firing into whatever ran next.
    ``seconds`` must be finite and at most :data:`MAX_TIMEOUT` (callers check what users give).
    """

    def __init__(self, seconds: float | None, what: str = "rendering") -> None:
        self.seconds = seconds
        self.what = what
        self._expired = False
        self._armed = False  # the handler raises only while the block runs; otherwise it only marks expiry
        self._previous: Any = None
        self._active = False

    def _on_alarm(self, signum: int, frame: Any) -> None:
        self._expired = True
        if self._armed and (frame is None or frame.f_code not in _OWN_CODE):
            raise RenderTimeout(self.what)

    def __enter__(self) -> None:
        seconds = self.seconds
        if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") \
                or threading.current_thread() is not threading.main_thread() \
                or signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # an outer limit is running: it governs
            return
        self._active = True
        self._previous = signal.signal(signal.SIGALRM, self._on_alarm)
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds, 0.2)
        except BaseException:
            self._stop()
            raise
        # From here to the block there is no call, so no point where a signal is handled: an
        # alarm due from now on is handled in the block, or in __exit__, which sees it.
        self._armed = True
        if self._expired:  # it fired before the block began
            self._stop()
            raise _timeout_error(seconds, self.what)

    def _stop(self) -> None:
        self._armed = False
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, self._previous)
        self._active = False

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: Any) -> bool:
        # An alarm handled as this method starts is not raised (its frame is ours): the timer is
        # always taken down.
        self._armed = False
        if not self._active:
            return False
        # Whether the block was stopped is decided before the limit comes down: an alarm while
        # it does makes a block that ended well a timeout, but a mistake made in time stays that
        # mistake.
        interrupted = kind is not None and (issubclass(kind, RenderTimeout) or self._expired) \
            and not issubclass(kind, KeyboardInterrupt)
        self._stop()
        if interrupted or kind is None and self._expired:
            # an interruption, or a MemoryError or theme error it caused, or expiry in a block
            # that swallowed the stop
            raise _timeout_error(self.seconds, self.what) from None
        return False


#: The guard's own code: an alarm handled there marks expiry but never raises, so the limit
#: is always set up and taken down whole.
_OWN_CODE = frozenset(method.__code__ for method in (time_limit.__enter__, time_limit.__exit__, time_limit._stop))


def _address_space() -> int | None:
    """This process's current virtual memory size in bytes (Linux), else None."""
    try:
        with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


@contextmanager
def memory_limit(headroom: int | None = MEMORY_HEADROOM_BYTES) -> Iterator[None]:
    """Cap the address space at what the process uses now plus ``headroom``, then restore.

    A template that builds a 10 GB string then gets a MemoryError (a clear error) instead
    of swapping the machine to a halt. Only on Linux, where the current size is known; a
    no-op elsewhere or when ``headroom`` is None.
    """
    if headroom is None or not sys.platform.startswith("linux"):
        yield
        return
    import resource

    current = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if current is None:
        yield
        return
    wanted = current + headroom
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already limited at least as tightly
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# ----------------------------------------------------------------------------- importing documents

#: A PDF or DOCX résumé to import (``resume-builder import old.pdf``), in bytes. A long CV
#: with photos is a few MB; pdfminer reads about 1 MB of text-heavy PDF a second.
MAX_IMPORT_BYTES = 20 * 1024 * 1024
#: Pages of a PDF read on import: a long academic CV has 10 to 20; more is not a résumé, and
#: pdfminer's layout analysis takes about 0.1 s a page.
MAX_IMPORT_PAGES = 40
#: A DOCX is a ZIP archive: its members may expand to at most this many bytes together, no
#: member more than 100 times its compressed size (a 10 MB zip bomb of zeros expands to
#: 10 GB; Word's own XML compresses 5 to 15 times), and it may hold at most this many members.
MAX_IMPORT_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_IMPORT_RATIO = 100
MAX_IMPORT_MEMBERS = 2_000
#: Seconds reading one document may take (a backstop against a PDF built to be slow).
MAX_IMPORT_SECONDS = 60.0
