"""Keeping the PDF library quiet: pypdf reports damage it works around ("EOF marker not
found", "Ignoring wrong pointing object") through Python's ``logging`` and ``warnings``.
With no logging configured, Python prints such records on stderr (``logging.lastResort``),
as stray lines before our own message about the file. The check says what is wrong with a
file itself, so while it reads one, those records go nowhere.
"""

from __future__ import annotations

import logging
import warnings
from contextlib import contextmanager
from typing import Iterator

_LOGGERS = ("pypdf",)


@contextmanager
def quiet_pdf_library() -> Iterator[None]:
    """Within the block, pypdf's log records (from any of its modules' loggers) and warnings
    are dropped; the loggers are restored after it."""
    null = logging.NullHandler()
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    before = [logger.propagate for logger in loggers]
    for logger in loggers:  # records of "pypdf._reader" end here: no lastResort, no root handler
        logger.addHandler(null)
        logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, was in zip(loggers, before):
            logger.removeHandler(null)
            logger.propagate = was
