"""resume-builder: one validated profile, many tailored résumés (PDF, DOCX, HTML, Markdown, text)."""

__version__ = "0.1.0"

# Ctrl-C while the package itself is imported (the first thing `resume-builder` does) ends the
# command as resume_builder/cli.py ends it later in its start: "interrupted", exit 130, no traceback.
try:
    from resume_builder import native_libraries

    native_libraries.install()  # WeasyPrint's libraries by soname: 0.4 s less per process (native_libraries.py)
except KeyboardInterrupt:
    import sys

    from resume_builder.errors import EXIT_INTERRUPTED

    sys.stderr.write("interrupted\n")
    raise SystemExit(EXIT_INTERRUPTED) from None
