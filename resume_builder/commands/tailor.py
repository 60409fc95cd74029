"""`resume-builder tailor`: how well a (tailored) profile matches a job posting, and a variant for it.

Sending a tailored résumé starts with knowing what the posting asks for and what the
profile already shows. This command reads the posting (text, Markdown or a JSON Resume
job document), optionally applies a variant first, and reports covered and missing
keywords with where they appear, the coverage, and the most relevant entries and
highlights; ``--write-variant`` saves a starting variant that keeps the best projects.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from resume_builder.commands.common import user_errors
from resume_builder.wording import count

if TYPE_CHECKING:
    from resume_builder.tailoring.matching import MatchReport
    from resume_builder.pipeline import Tailored

TOP_ENTRIES = 10
TOP_HIGHLIGHTS = 8


def tailor(
    profile: Optional[Path] = typer.Argument(
        None, help="Profile file (YAML, JSON or JSON Resume). Default: profiles/example.yaml, "
                   "or the profile a variant file names."),
    job: Path = typer.Option(..., "--job", help="The job posting: plain text, Markdown, or a JSON Resume job (.json)."),
    variant: Optional[str] = typer.Option(
        None, "--variant", "-V", help="Tailor first: a variant name from the profile, or a variant file."),
    json_out: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    write_variant: Optional[Path] = typer.Option(
        None, "--write-variant", help="Write a starting variant file that keeps the most relevant projects."),
    keywords: Optional[Path] = typer.Option(
        None, "--keywords", help="Extra keyword aliases: YAML/JSON 'aliases: {Name: [alias, ...]}' or TOML."),
) -> None:
    """Match a profile against a job posting: covered and missing keywords, most relevant entries."""
    with user_errors():
        import json

        from resume_builder.pipeline import builtin_vocabulary, read_extension_file, read_posting
        from resume_builder.tailoring.keywords import extend, profile_extension
        from resume_builder.tailoring.matching import match
        from resume_builder.pipeline import select_variant

        from resume_builder.progress import working

        with working(f"matching {job} against the profile"):
            chosen = select_variant(profile, variant)
            vocab = extend(builtin_vocabulary(), profile_extension(chosen.base.profile, chosen.base.source))
            if keywords is not None:
                extend(vocab, read_extension_file(keywords))
            posting = read_posting(job)
            report = match(chosen.profile, posting, vocab, profile_name=chosen.base.path.name, variant=chosen.name)
            written = write_starting_variant(write_variant, report, chosen) if write_variant is not None else None
        command = render_command(chosen, job, written)
        if json_out:
            typer.echo(json.dumps({**report.to_dict(), "render_command": command}, indent=2, ensure_ascii=False))
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


def render_command(chosen: "Tailored", job: Path, written: Path | None) -> str:
    """The one command that renders the résumé tailored to ``job``: the variant written by
    --write-variant (else the one given), the variant's page budget (else
    :data:`DEFAULT_PAGES`), and the posting to rank what the budget cuts. Paths are quoted
    for a POSIX shell."""
    import shlex

    parts = ["resume-builder", "render", str(chosen.base.path)]
    if written is not None:
        parts += ["--variant", str(written)]
    else:
        if chosen.variant_path is not None:
            parts += ["--variant", str(chosen.variant_path)]
        elif chosen.name:
            parts += ["--variant", chosen.name]
    parts += ["--max-pages", str(chosen.max_pages or DEFAULT_PAGES), "--job", str(job)]
    return " ".join(shlex.quote(part) for part in parts)


# --------------------------------------------------------------------------- the variant file


def write_starting_variant(path: Path, report: "MatchReport", chosen: "Tailored") -> Path:
    """Write a variant file for this posting, then load it back to be sure it validates."""
    import os

    from resume_builder.errors import UserError
    from resume_builder.tailoring.matching import starting_variant
    from resume_builder.loading.variant_checks import check_variant
    from resume_builder.loading.variants import load_variant_file

    if path.exists():
        raise UserError.at(str(path), None, None, "already exists; the starting variant is not written over it",
                           hint="choose another file name, or delete the old one")
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UserError.at(str(path), None, None, "a variant file name must end in .yaml or .yml")
    base = None
    if chosen.variant is not None:
        base = chosen.variant.model_dump(mode="json", exclude_defaults=True, exclude={"output"})
    ref = Path(os.path.relpath(chosen.base.path.resolve(), path.resolve().parent)).as_posix()
    data = starting_variant(report, chosen.profile, profile_ref=ref, base=base)
    text = _variant_header(report) + _yaml(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError.at(str(path), None, None, f"cannot write the variant: {exc.strerror or exc}") from None
    written, doc = load_variant_file(path)
    problems = check_variant(chosen.base.profile, written, source=doc)
    if problems:  # a bug: what we write must always validate
        raise AssertionError("the written variant does not validate:\n" + "\n".join(map(str, problems)))
    return path


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _variant_header(report: "MatchReport") -> str:
    posting = report.posting
    what = posting.title or posting.source
    if posting.company:
        what += f" at {posting.company}"
    missing = ", ".join(k.keyword.name for k in report.missing) or "nothing"
    lines = [
        f"Starting variant for {what} ({posting.source}), written by `resume-builder tailor`.",
        f"Keyword coverage: {report.coverage}% ({len(report.covered)} of {len(report.keywords)}). "
        f"Missing from the résumé: {missing}.",
        "It keeps the most relevant projects; edit it freely, then check it with",
        f"  resume-builder tailor --variant THIS_FILE --job {posting.source}",
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


def _importance(weight: int) -> str:
    return {3: "required", 2: "asked", 1: "nice"}.get(weight, str(weight))


def report_renderables(report: "MatchReport") -> list[Any]:
    """The report as rich renderables (shared by the terminal and the golden tests)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    posting = report.posting
    heading = posting.title or posting.source
    if posting.company:
        heading += f" at {posting.company}"
    out: list[Any] = [Text(heading, style="bold")]
    profile_line = f"Posting: {posting.source}   Profile: {report.profile_name}"
    if report.variant:
        profile_line += f"   Variant: {report.variant}"
    out.append(Text(profile_line))
    out.append(Text(""))
    if not report.keywords:
        out.append(Text("No known skills or keywords found in the posting; extend the vocabulary with --keywords.",
                        style="yellow"))
        return out
    style = "green" if report.coverage >= 70 else "yellow" if report.coverage >= 40 else "red"
    out.append(Text.assemble(("Keyword coverage: ", "bold"), (f"{report.coverage}%", f"bold {style}"),
                             f" ({len(report.covered)} of {count(len(report.keywords), 'keyword')}; "
                             f"{report.weighted_coverage}% weighted by importance)"))
    out.append(Text(""))

    if report.covered:
        table = Table(title="Covered", title_justify="left", box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        table.add_column("Keyword", no_wrap=True)
        table.add_column("Importance", no_wrap=True)
        table.add_column("Where", overflow="fold")
        for result in report.covered:
            table.add_row(result.keyword.name, _importance(result.keyword.weight), _where(result))
        out.append(table)
    if report.missing:
        table = Table(title="Missing", title_justify="left", box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        table.add_column("Keyword", no_wrap=True, style="red")
        table.add_column("Importance", no_wrap=True)
        table.add_column("In the posting", overflow="fold")
        for result in report.missing:
            table.add_row(result.keyword.name, _importance(result.keyword.weight), ", ".join(result.keyword.where))
        out.append(table)
    if report.entries:
        table = Table(title="Most relevant entries", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("#", justify="right")
        table.add_column("Entry", no_wrap=True)
        table.add_column("Score", justify="right")
        table.add_column("Keywords", overflow="fold")
        for rank, entry in enumerate(report.entries[:TOP_ENTRIES], 1):
            name = entry.entry_id or entry.title
            table.add_row(str(rank), f"{entry.section}/{name}" if name != entry.section else name,
                          str(entry.score), ", ".join(entry.keywords))
        out.append(table)
    if report.highlights:
        table = Table(title="Most relevant highlights", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("#", justify="right")
        table.add_column("Entry", no_wrap=True)
        table.add_column("Score", justify="right")
        table.add_column("Highlight", overflow="fold")
        for rank, item in enumerate(report.highlights[:TOP_HIGHLIGHTS], 1):
            text = item.text if len(item.text) <= 90 else item.text[:89].rstrip() + "…"
            table.add_row(str(rank), f"{item.entry_id or item.title} {item.field}", str(item.score), text)
        out.append(table)
    return out


def render_report(report: "MatchReport", *, width: int = 100) -> str:
    """The text report, without colours, at a fixed width."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, emoji=False,
                      force_terminal=False, legacy_windows=False)
    for item in report_renderables(report):
        console.print(item)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _print_report(report: "MatchReport") -> None:
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    for item in report_renderables(report):
        console.print(item)
