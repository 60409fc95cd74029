"""`resume-builder tailor`: how well a (tailored) profile matches a job posting, and a variant for it.

Sending a tailored résumé starts with knowing what the posting demands and what the
profile proves. This command reads the posting (text, Markdown or a JSON Resume job
document) and its structure, then reports each term's importance (required, preferred,
inferred), the strongest evidence in the full profile and whether it survives the variant
and the page budget (``--max-pages`` or the variant's), what the page budget kept and cut,
coverage, and the most relevant entries and highlights. ``--json`` prints the same
(schemas/tailor-report.schema.json); ``--write-variant`` saves a starting variant that
keeps the best projects and every entry that is the only evidence of a posting term.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional

import typer

from resume_builder.commands.common import file_name, given_path, max_pages_option, user_errors
from resume_builder.wording import count
from resume_builder.containment import real

if TYPE_CHECKING:
    from resume_builder.tailoring.matching import MatchReport
    from resume_builder.pipeline import Tailored

TOP_ENTRIES = 10
TOP_HIGHLIGHTS = 8


def tailor(
    profile: Optional[Path] = typer.Argument(
        None, parser=given_path, help="Profile file (YAML, JSON or JSON Resume). Default: profile.yaml if it is "
                   "here, else profiles/example.yaml, or the profile a variant file names."),
    job: Path = typer.Option(..., "--job", parser=given_path, help="The job posting: plain text, Markdown, or a JSON Resume job (.json)."),
    variant: Optional[str] = typer.Option(
        None, "--variant", "-V", help="Tailor first: a variant name from the profile, or a variant file."),
    lang: Optional[str] = typer.Option(
        None, "--lang", help="Language of texts given in several, e.g. ar: the texts matched against the posting "
                             "(default: the variant's lang, else the profile's)."),
    locale: Optional[str] = typer.Option(
        None, "--locale", help="Headings, month names and dates, e.g. de, en-GB, as for render: the page budget's "
                               "layout. Default: the language."),
    json_out: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    write_variant: Optional[Path] = typer.Option(
        None, "--write-variant", parser=file_name, help="Write a starting variant file that keeps the most relevant projects."),
    keywords: Optional[Path] = typer.Option(
        None, "--keywords", help="Extra keyword aliases: YAML/JSON 'aliases: {Name: [alias, ...]}' or TOML."),
    max_pages: Optional[int] = max_pages_option("Apply this page budget (default: the variant's max_pages) and "
                                                "report what it keeps and cuts."),
    force: bool = typer.Option(False, "--force", help="Let --write-variant replace an existing file."),
) -> None:
    """Match a profile against a job posting: what it requires, what the résumé proves, what survives."""
    with user_errors():
        import json

        from resume_builder.i18n import given_language, given_locale

        lang = given_language(lang) if lang is not None else None  # "" is a mistake, not "not given"
        locale = given_locale(locale) if locale is not None else None
        if write_variant is not None:
            # before the matching: nothing is printed for nothing; the files the profile includes
            # are known once it is loaded (write_starting_variant)
            _refuse_existing(write_variant, force=force, inputs=_named_inputs(profile, variant, job, keywords))

        from resume_builder.loading.posting import read_posting
        from resume_builder.pipeline import builtin_vocabulary, document_labels, read_extension_file, select_variant
        from resume_builder.tailoring.keywords import extend, profile_extension
        from resume_builder.tailoring.posting import structure

        from resume_builder.progress import working

        with working(f"matching {job} against the profile"):
            chosen = select_variant(profile, variant, lang=lang)
            language = lang or (chosen.variant.lang if chosen.variant is not None else None)
            document_labels(chosen.profile, lang=language, locale=locale)  # an unknown --locale: before matching
            vocab = extend(builtin_vocabulary(), profile_extension(chosen.base.profile, chosen.base.source))
            if keywords is not None:
                extend(vocab, read_extension_file(keywords))
            posting = structure(read_posting(job))
            report = explain_match(chosen, posting, vocab, job=job, profile=profile, variant=variant,
                                   max_pages=max_pages, lang=lang, locale=locale)
            written = write_starting_variant(write_variant, report, chosen, job=job, force=force, lang=lang,
                                             inputs=[keywords]) if write_variant is not None else None
        command = render_command(chosen, job, written, max_pages, lang=lang if written is None else None,
                                 locale=locale)
        warnings = [*(chosen.base.warnings if lang else ()), *chosen.warnings]
        if warnings:
            from resume_builder.console import err

            # the texts not written in --lang (matched in the profile's language), a variant file
            # written for another profile
            for warning in warnings:
                err(f"warning: {warning}", style="yellow")
        if json_out:
            from resume_builder.console import write

            write(json.dumps({**report.to_dict(), "render_command": command}, indent=2, ensure_ascii=False) + "\n")
        else:
            _print_report(report)
        if written is not None:
            from resume_builder.console import err

            err(f"✓ wrote {written}", style="green")
        if not json_out:
            from resume_builder.console import out

            out("")
            out("Render the résumé tailored to this posting with:")
            out(f"  {command}")


#: The page budget the suggested render command uses when the variant sets none.
DEFAULT_PAGES = 2


def render_command(chosen: "Tailored", job: Path, written: Path | None, max_pages: int | None = None, *,
                   lang: str | None = None, locale: str | None = None) -> str:
    """The one command that renders the résumé tailored to ``job``: the variant written by
    --write-variant (else the one given), ``--lang`` and ``--locale`` as given to ``tailor``
    (the written variant holds the language itself), the variant's page budget (else
    :data:`DEFAULT_PAGES`), and the posting to rank what the budget cuts. Paths are quoted
    for a POSIX shell."""
    import shlex

    from resume_builder.console import program

    parts = ["render", str(chosen.base.path)]
    if written is not None:
        parts += ["--variant", str(written)]
    else:
        if chosen.variant_path is not None:
            parts += ["--variant", str(chosen.variant_path)]
        elif chosen.name:
            parts += ["--variant", chosen.name]
    parts += [*(["--lang", lang] if lang else []), *(["--locale", locale] if locale else [])]
    parts += ["--max-pages", str(max_pages or chosen.max_pages or DEFAULT_PAGES), "--job", str(job)]
    return " ".join([program(), *(shlex.quote(part) for part in parts)])


def explain_match(chosen: "Tailored", posting: Any, vocab: Any, *, job: Path, profile: Path | None,
                  variant: str | None, max_pages: int | None, lang: str | None = None,
                  locale: str | None = None) -> "MatchReport":
    """Match the full profile, then what the variant shows, then what the page budget keeps.

    The report is the last stage's (coverage of what is shown), with each keyword's strongest
    evidence in the full profile and whether it survives each stage. ``lang`` and ``locale``:
    as for render (``chosen`` was read in ``lang``); the page budget lays the résumé out in them.
    """
    from resume_builder.tailoring.matching import follow, match

    name = chosen.base.path.name

    def run(candidate: Any) -> "MatchReport":
        return match(candidate, posting, vocab, profile_name=name, variant=chosen.name)

    full = run(chosen.base.profile)
    stages = []
    if chosen.variant is not None:
        stages.append(("variant", run(chosen.profile)))
    budget = max_pages or chosen.max_pages
    fitted = None
    if budget:
        from resume_builder.pipeline import prepare

        fitted = prepare(profile, variant=variant, max_pages=budget, posting=job, lang=lang, locale=locale).fit
        stages.append(("page_budget", run(fitted.profile)))
    report = follow(full, *stages)
    report.page_budget = fitted
    return report


# --------------------------------------------------------------------------- the variant file


def _named_inputs(profile: Path | None, variant: str | None, job: Path, keywords: Path | None) -> list[Path]:
    """The files the command line names that tailor reads: the profile (or the default one),
    a variant file, the posting and the keyword file."""
    from resume_builder.commands.common import profile_or_default
    from resume_builder.loading.variants import looks_like_file

    named = [job, *([keywords] if keywords is not None else [])]
    if variant is not None and looks_like_file(variant):
        named.append(Path(variant))
    if profile is not None or variant is None or not looks_like_file(variant):
        named.append(profile_or_default(profile))  # a variant file may name its own profile
    return named


def _refuse_existing(path: Path, *, force: bool, inputs: Iterable[Path | None] = ()) -> None:
    """A UserError when ``path`` is no place for the starting variant: a file the command
    reads (``inputs``: the profile, a variant file, the posting; with or without --force: the
    input would be lost), a folder, a FIFO or a device (with or without --force, so neither
    hint names --force, nor an '-o -' tailor does not have: trial), or an existing file
    without ``force``."""
    from resume_builder.errors import UserError
    from resume_builder.output import check_destination
    from resume_builder.overwrite import refuse_inputs

    refuse_inputs([path], inputs)
    if path.is_dir():
        raise UserError.at(str(path), None, None, "is a folder, not a file",
                           hint=f"give the variant file's name, e.g. {path / 'sre.yaml'}")
    check_destination(path, standard_output=None)
    if path.exists() and not force:
        raise UserError.at(str(path), None, None, "already exists; the starting variant is not written over it",
                           hint="choose another file name, or pass --force to replace it")


def write_starting_variant(path: Path, report: "MatchReport", chosen: "Tailored", *, job: Path | None = None,
                           force: bool = False, lang: str | None = None,
                           inputs: Iterable[Path | None] = ()) -> Path:
    """Write a variant file for this posting, then load it back to be sure it validates.

    ``job``: the posting's path as given on the command line, repeated in the file's comment.
    ``force``: replace an existing file (atomically); else an existing ``path`` is a UserError,
    as, with or without ``force``, a folder, a FIFO or a device is.
    ``lang``: the language the texts were matched in (``--lang``), written as the variant's
    ``lang:`` so that it renders the texts it was made from.
    ``inputs``: other files the command read (a keyword file). ``path`` being one of them, or
    the profile, a file it includes, its photo, the variant file or the posting, is a
    UserError, ``force`` or not.
    """
    import os

    from resume_builder.errors import UserError
    from resume_builder.tailoring.matching import starting_variant
    from resume_builder.loading.variant_checks import check_variant
    from resume_builder.loading.variants import load_variant_file

    from resume_builder.render_inputs import profile_inputs

    read = [*profile_inputs(chosen.base), chosen.variant_path, job, *inputs]
    _refuse_existing(path, force=force, inputs=read)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UserError.at(str(path), None, None, "a variant file name must end in .yaml or .yml")
    base = None
    if chosen.variant is not None:
        base = chosen.variant.model_dump(mode="json", exclude_defaults=True, exclude={"output"})
    if lang:
        base = {**(base or {}), "lang": lang}
    ref = Path(os.path.relpath(real(chosen.base.path), real(path).parent)).as_posix()
    data = starting_variant(report, chosen.profile, profile_ref=ref, base=base)
    text = _variant_header(report, job) + _yaml(data)
    from resume_builder.output import write_atomic

    try:
        write_atomic(path, text.encode("utf-8"), standard_output=None,
                     folder_hint="give --write-variant another path")
    except OSError as exc:
        raise UserError.at(str(path), None, None, f"cannot write the variant: {exc.strerror or exc}") from None
    written, doc = load_variant_file(path)
    problems = check_variant(chosen.base.profile, written, source=doc)
    if problems:  # a bug: what we write must always validate
        raise AssertionError("the written variant does not validate:\n" + "\n".join(map(str, problems)))
    return path


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _variant_header(report: "MatchReport", job: Path | None = None) -> str:
    import shlex

    posting = report.posting
    what = posting.headline
    missing = ", ".join(k.keyword.name for k in report.missing) or "nothing"
    lines = [
        f"Starting variant for {what} ({posting.source}), written by `resume-builder tailor`.",
        f"Keyword coverage: {report.coverage}% ({len(report.covered)} of {len(report.keywords)}). "
        f"Missing from the résumé: {missing}.",
        "It keeps the most relevant projects; edit it freely, then check it with",
        f"  resume-builder tailor --variant THIS_FILE --job {shlex.quote(str(job)) if job else posting.source}",
    ]
    return "".join(f"# {_one_line(line)}\n" for line in lines)


def _yaml(data: dict[str, Any]) -> str:
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- the text report


def _where(result: Any, limit: int = 3) -> str:
    grouped: dict[tuple[str, str | None], list[str]] = {}
    vias: dict[tuple[str, str | None], str] = {}
    for place in result.places:
        key = (place.section, place.entry_id)
        grouped.setdefault(key, []).append(place.field)
        if place.via and key not in vias:
            vias[key] = place.via
    parts = []
    for (section, entry_id), fields in list(grouped.items())[:limit]:
        name = section if entry_id in (None, section) else f"{section}/{entry_id}"
        via = f" via {vias[(section, entry_id)]}" if (section, entry_id) in vias else ""
        parts.append(f"{name} ({', '.join(fields[:3])}{', …' if len(fields) > 3 else ''}){via}")
    if len(grouped) > limit:
        parts.append(f"+{len(grouped) - limit} more")
    return "; ".join(parts)


def _importance(keyword: Any) -> str:
    met = f" (or {keyword.met_by}, shown)" if getattr(keyword, "met_by", None) else ""
    level = getattr(keyword, "level", None)
    if level and getattr(keyword, "profile_level", None):
        met += f" ({level}; the profile gives {keyword.profile_level})"
    elif level:
        met += f" ({level})"
    return keyword.importance + (" (inferred)" if keyword.inferred else "") + met


def _place(place: Any, limit: int) -> str:
    """Where a term was found: the entry (its name cut to ``limit`` cells), field and term it came through."""
    name = place.section if place.entry_id in (None, place.section) else f"{place.section}/{place.entry_id}"
    return f"{_shorten(name, limit)} {place.field}" + (f" via {place.via}" if place.via else "") \
        + (" (inferred)" if place.inferred else "")


# Entry labels (a certification's full name, a long id) and keyword names are cut to a third of
# the report's width, at least LABEL_MIN cells: the text columns beside them keep the rest, so
# an 80- or 60-column report (piped, a CI log) reads as words, not 3-letter shreds.
LABEL_MIN = 12


def _label_width(width: int) -> int:
    return max(LABEL_MIN, width // 3)


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` terminal cells (a CJK letter takes two), "…" marking the cut."""
    from rich.cells import cell_len
    from rich.text import Text

    if cell_len(text) <= limit:
        return text
    shown = Text(text)
    shown.truncate(limit - 1, overflow="crop")
    return shown.plain.rstrip() + "…"


def _entry_label(name: str, field: str, limit: int) -> str:
    """An entry's name and a field of it in ``limit`` cells: the name is cut, the field kept whole."""
    room = limit - len(field) - 1
    return f"{_shorten(name, room)} {field}" if room >= LABEL_MIN // 2 else _shorten(f"{name} {field}", limit)


class _Terms:
    """Terms in a table cell, comma-separated and wrapped only between terms: a rich renderable.

    Rich wraps a cell at any space and folds a word wider than its column, which split
    "Apache Flink" over two lines and "Accessibility" into "Acces/sibil/ity". Here a line
    breaks only after a term's comma; a term wider than the whole column is cut with "…".
    """

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms

    def _pieces(self) -> list[str]:
        return [term + ("," if index < len(self.terms) - 1 else "") for index, term in enumerate(self.terms)]

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.measure import Measurement

        pieces = self._pieces()
        widest = max((cell_len(piece) for piece in pieces), default=0)
        return Measurement(widest, cell_len(" ".join(pieces))).with_maximum(options.max_width)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.text import Text

        width = options.max_width
        lines: list[str] = []
        for piece in self._pieces():
            piece = _shorten(piece, width)
            if lines and cell_len(lines[-1]) + 1 + cell_len(piece) <= width:
                lines[-1] += " " + piece
            else:
                lines.append(piece)
        yield Text("\n".join(lines), no_wrap=True, overflow="ellipsis")


_STAGE_NAMES = {"variant": "variant", "page_budget": "page budget"}


def _survives(result: Any) -> str:
    if not result.survives:
        return ""
    lost = [_STAGE_NAMES[stage] for stage, kept in result.survives.items() if not kept]
    return "cut by the " + " and the ".join(lost) if lost else "yes"


def report_renderables(report: "MatchReport", *, width: int = 100) -> list[Any]:
    """The report as rich renderables (shared by the terminal and the golden tests), for a
    console ``width`` columns wide: entry labels and keyword names are cut to a third of it
    (:func:`_label_width`), the keyword lists and the text take the rest."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    label = _label_width(width)
    posting = report.posting
    heading = posting.headline
    out: list[Any] = [Text(heading, style="bold")]
    profile_line = f"Posting: {posting.source}   Profile: {report.profile_name}"
    if report.variant:
        profile_line += f"   Variant: {report.variant}"
    out.append(Text(profile_line))
    named = [s for s in posting.sections if s.heading]
    if named:
        out.append(Text("Sections: " + "; ".join(f"{s.heading} ({s.importance})" for s in named),
                        overflow="fold"))
    out.append(Text(""))
    if not report.keywords:
        out.append(Text("No known skills or keywords found in the posting; extend the vocabulary with --keywords.",
                        style="yellow"))
        return out
    style = "green" if report.coverage >= 70 else "yellow" if report.coverage >= 40 else "red"
    required = report.required
    line = Text.assemble(("Keyword coverage: ", "bold"), (f"{report.coverage}%", f"bold {style}"),
                         f" ({len(report.covered)} of {count(len(report.keywords), 'keyword')}; "
                         f"required {sum(k.covered for k in required)} of {len(required)}; "
                         f"{report.weighted_coverage}% weighted by importance)")
    out.append(line)
    if report.full_coverage is not None and report.full_coverage != report.coverage:
        out.append(Text(f"The full profile covers {report.full_coverage}%."))
    out.append(Text(""))

    if report.covered:
        table = Table(title="Covered", title_justify="left", box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        table.add_column("Keyword", no_wrap=True)
        table.add_column("Importance")  # "preferred (inferred)" may take two lines
        table.add_column("Strongest evidence (+ other places)", overflow="fold")
        staged = any(k.survives for k in report.keywords)
        if staged:
            table.add_column("Survives", overflow="fold")
        for result in report.covered:
            evidence = result.evidence or result.strongest
            others = len(result.places) - (1 if evidence and any(p.identity == evidence.identity
                                                                  for p in result.places) else 0)
            shown = (_place(evidence, label) if evidence else "") + (f" (+{others})" if others else "")
            row = [_shorten(result.keyword.name, label), _importance(result.keyword), shown]
            if staged:
                row.append(_survives(result))
            table.add_row(*row)
        out.append(table)
    if report.missing:
        table = Table(title="Missing", title_justify="left", box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        table.add_column("Keyword", no_wrap=True, style="red")
        table.add_column("Importance")
        table.add_column("In the posting", overflow="fold", ratio=1)
        for result in report.missing:
            where = ", ".join(result.keyword.where)
            if result.evidence:
                where += f"; the full profile shows it in {_place(result.evidence, label)}, {_survives(result)}"
            table.add_row(_shorten(result.keyword.name, label), _importance(result.keyword), where)
        out.append(table)
    if report.entries:
        table = Table(title="Most relevant entries", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Entry", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Keywords")
        for rank, entry in enumerate(report.entries[:TOP_ENTRIES], 1):
            name = entry.entry_id or entry.title
            table.add_row(str(rank), _shorten(f"{entry.section}/{name}" if name != entry.section else name, label),
                          str(entry.score), _Terms(list(entry.keywords)))
        out.append(table)
    if report.highlights:
        table = Table(title="Most relevant highlights", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Entry", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Highlight", overflow="fold")
        for rank, item in enumerate(report.highlights[:TOP_HIGHLIGHTS], 1):
            text = item.text if len(item.text) <= 90 else item.text[:89].rstrip() + "…"
            table.add_row(str(rank), _entry_label(item.entry_id or item.title, item.field, label), str(item.score),
                          text)
        out.append(table)
    if report.page_budget is not None:
        out.extend(_budget_renderables(report.page_budget))
    return out


def _budget_renderables(fit: Any) -> list[Any]:
    from rich.text import Text

    out: list[Any] = [Text(f"Page budget: {fit.max_pages} page{'s' if fit.max_pages != 1 else ''} "
                           f"(the résumé takes {fit.pages})", style="bold")]
    if fit.relevance_kept_percent is not None:
        out.append(Text(f"Relevance kept: {fit.relevance_kept_percent}% "
                        f"({fit.relevance_kept} of {count(fit.relevance_total, 'point')})"))
    if fit.kept:
        out.append(Text("Kept for the posting:"))
        out.extend(Text(f"  {term}: {where}", overflow="fold") for term, where in fit.kept.items())
    if fit.cuts:
        out.append(Text("Changed and cut:"))
        out.extend(Text(f"  {line}", overflow="fold") for line in fit.cuts)
    else:
        out.append(Text("Nothing cut: it fits as it is."))
    return out


def render_report(report: "MatchReport", *, width: int = 100) -> str:
    """The text report, without colours, at a fixed width."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, emoji=False,
                      force_terminal=False, legacy_windows=False)
    for item in report_renderables(report, width=width):
        console.print(item)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _print_report(report: "MatchReport") -> None:
    """The report on the terminal, in colour; piped or redirected, as :func:`render_report`
    writes it: the console's width (COLUMNS), no trailing spaces (a table padded every line
    to its full width in a log or a file)."""
    import sys

    from rich.console import Console

    from resume_builder.console import write

    console = Console(highlight=False, emoji=False)
    if sys.stdout is None or not console.is_terminal:  # piped, redirected or closed: laid out as text
        write(render_report(report, width=console.width))
        return
    for item in report_renderables(report, width=console.width):
        console.print(item)
