"""Mutation testing of the core rules, one module at a time with only its own tests.

    make mutation                          (every module below)
    python tools/mutation.py output fetcher  (some of them)

For each module, the repository's files are copied to build/mutation/<name>/, where
pyproject.toml's [tool.mutmut] is narrowed to that module and its test files, and
mutmut 3 runs there (it mutates only that module and, for each mutant, runs only those
tests that reach the mutated function). Then tools/mutation_score.py prints the share
of mutants killed per module. A full pass takes long on a shared 2-core machine: it is
not part of make test.

Why mutmut: actively maintained (3.x, 2024 onwards), runs pytest as it is, mutates in
place with trampolines (no reload per mutant), and runs only the tests that cover each
mutated function, which matters on a small machine. cosmic-ray is also well kept but
needs a session database and a per-operator configuration for the same result.

Known equivalent mutants (no input can tell them apart; they stay "survived"):
- loading/variants.py:
  - load_variant's check_variant call for a variant declared in the profile, and the raise
    after it (12): loading the profile already checks every declared variant, located the
    same way (profile_loader.validate_profile), so the call never finds a problem.
  - _from_file: ``if chosen.profile`` made always true (a variant file's profile is required
    and ends in .yaml, .yml or .json: never empty).
- loading/jsonresume.py (a JSON Resume document, checked by the official schema, then mapped):
  - official_problems: _describe_error(error, None) (it does not read the path); "line or 1",
    "column or 1" (a location always has both: locate falls back to 1:1); sort(key=None) (no
    two refused values share a position, so the Problems themselves are never compared).
  - _describe_error: the default of _TYPE_WORDS.get (4; the schema's types are string, array
    and object, all in the table); "format" or ... for e-mail, and the last return's hint (the
    schema's only checks are type, pattern and the formats uri and email, each answered before).
  - _Mapper.document: where basics.name is missing, ("basics",) ... or True (without basics,
    locate(("basics",)) falls back to the document, the same place); the AssertionError's
    message (3; the official schema refuses a meta that is not an object before the mapping).
  - _Mapper.table: table.theirs(None) (no legacy name is a current name of its table);
    new[:1] != ("summary",) (4; no table is mapped under our summary, a text); model or True
    (every table is mapped where model_at finds a model).
  - validate_json_resume: include_url=True (the url is not read); the second raise of
    problems_from_validation (7; _drop finds nothing to take out only outside the document or
    at a required field already empty, which a mapped JSON Resume document never gives: every
    text type accepts ""); removeprefix("Value error, ") (4; no model a JSON Resume document
    reaches raises a plain ValueError: Education's "needs at least an institution..." is
    prevented by _needed_in_entry).
  - _start_of_open_entry: the guards on the entry's index (4; the path comes from _drop, so the
    entry is in its section's list); not in (None, "XXXX") (a start is never "": a blank text
    is not given, and a start left out is removed).
  - _drop: "or" and "<=" in the list-index step (2; pydantic's locations name existing items
    only); copy.copy (what is taken out is no longer in the document: nothing is shared);
    model or True (every mapping a JSON Resume document reaches has a model; meta's free-form
    values are never refused); == "XXXX" (as above: a required field already "" is never refused).
  - _shift_positions: "<= index" (the removed item's positions are kept too, but its follower's
    replace them: the items left out of lists are texts, one position each).
  - company_of: "id" and "tags" in the last update (4; re-setting a key already set to the
    same value changes nothing); "location" (2; differs only for a company given in meta with
    location: null, which reads as no location).
  - group_roles: the "roles" and "keywords" checks (6; neither is a company or role field, so
    the subset check already leaves such a job as it is).
  Not equivalent, left: validate_json_resume's range(500) → 501 and the message after it
  (UserError(None)): telling them apart takes 500 values a résumé cannot show, whose 500
  validation rounds take about 15 seconds.
- tailoring/variants.py (tailor): the theme's copy.deepcopy → copy.copy (model_dump already
  builds new containers, held by nothing else; the overrides' deepcopy is not equivalent: a
  later override may reach into an earlier one's value); the theme's model_dump mode "json"
  → "python", None, left out or misspelt (4; pydantic reads any mode but "json" as "python";
  both give the same strings, numbers, booleans and lists, all a theme option accepts; only
  YAML oddities such as !!binary or .inf differ); errors(include_url=True) (the url is not read).
- tailoring/fitting.py:
  - _age_key: ``roles and hasattr(entry, "span")`` → ``or`` (only Experience has span(), which
    gives its own start and end when it has no roles); weakening the ``hasattr(entry,
    "company")`` half of ``job`` (every entry with a company, an Experience, has a position).
  - _without: ``roles and any(...)`` → ``or`` (without role fields the roles are rebuilt as
    they were); ``_without(role, mine) if mine`` and ``model_copy(update=update) if update``
    made unconditional (an empty update copies the model unchanged).
  - _degree_rank: the separator between degree and area (no degree word holds a space or an
    "x", so no word matches across it either way).
  - _label: ``getattr(entry, "id", None)`` without its default (every entry has an id field).
  - _bullets: the last rank element shifted by a constant (+2 or -1 for every bullet: same order).
  - _entries and _relevant_cuts: ``len(roles) > 1`` → ``>= 1`` (a single role is the newest,
    which is skipped); ``custom`` → None for a role (roles exist only in experience, not in
    custom sections).
  - _highlight_text: ``getattr(item, "details", [])`` without its default (every highlight is a
    Highlight, whose details default to []).
  - _bisect_units: ``best_pages`` initialised to None or 1 (read only after a fit is found);
    ``bracketed = None`` (falsy like False, only tested for truth).
  - _text_length: ``model_dump(mode="json")`` → another mode (a Profile's text is str in every
    mode: dates are str subclasses; numbers and booleans are not counted either way).
  - _piece_label: "basics" left out of ``("summary", "basics")`` (the fallback for a section the
    profile does not hold names it the same, unless a custom section is also called "basics",
    whose pieces matching keys like the contact block's).

  Not equivalent, left on purpose: Cut.describe's "tighten" kind (no code makes such a Cut);
  _piece_label's rstrip → lstrip (differs only for a piece naming a whole role, ``roles[1]``,
  which matching never produces); the one-character separator between a highlight and its
  details in _highlight_text and _entry_length (a tie-break no one sees); and the search's
  tuning in _bisect_units (``freed`` starting at 1, the probe's range check, the ``bracketed``
  bookkeeping, where the probe moves after a miss, how its step grows): the same cut every
  time, in as many layouts (one more at most) or fewer in every case tried.
- schema/types.py (4, each a text mutated to hold an "X", a letter):
  - _check_no_controls: the default ``allow=""`` → ``"XXXX"``, and _check_single_line's
    ``allow="\\t"`` → ``"XX\\tXX"`` (only control characters are looked up in ``allow``, and "X"
    is none: the same characters are refused).
  - _check_web_url: ``parts.hostname or ""`` → ``or "XXXX"`` (a host "XXXX" has no dot and is not
    localhost: refused with the same url_host message as no host at all).
  - _host_character: ``"-._"`` → ``"XX-._XX"`` (an "X" passes isalnum() before it is looked up).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "build" / "mutation"

# name → (module, the test files that pin its rules)
MODULES: dict[str, tuple[str, list[str]]] = {
    "dates": ("resume_builder/schema/types.py",
              ["tests/schema/test_types.py", "tests/schema/test_contact_rules.py",
               "tests/schema/test_types_rules.py"]),
    "jsonresume": ("resume_builder/loading/jsonresume.py",
                   ["tests/loading/test_jsonresume.py", "tests/loading/test_jsonresume_rules.py",
                    "tests/interop/test_jsonresume_roundtrip.py",
                    "tests/interop/test_jsonresume_conformance.py", "tests/interop/test_real_world_resumes.py",
                    "tests/loading/test_format_guess.py", "tests/roles/test_roles_jsonresume.py"]),
    "output": ("resume_builder/output.py",
               ["tests/test_output.py",
                # path_kind's words, as includes and variant files say them (in-process tests
                # only: a command in a process of its own cannot load mutmut's trampolines)
                "tests/loading/test_includes.py", "tests/commands/test_variant_file_profile.py",
                "tests/loading/test_future_dates.py"]),
    "fitting": ("resume_builder/tailoring/fitting.py",
                ["tests/tailoring/test_fitting.py", "tests/tailoring/test_fitting_rules.py",
                 "tests/tailoring/test_fitting_order.py", "tests/tailoring/test_fitting_relevance.py",
                 "tests/tailoring/test_fitting_posting.py", "tests/tailoring/test_fitting_report.py",
                 "tests/roles/test_roles_tailoring.py",
                 "tests/tailoring/test_capped_highlights.py::test_each_capped_entry_is_named_with_what_it_lost",
                 "tests/tailoring/test_capped_highlights.py::test_nothing_is_said_when_nothing_is_capped"]),
    "fetcher": ("resume_builder/render/fetcher.py", ["tests/render/test_fetcher_rules.py"]),
    "select": ("resume_builder/loading/variants.py",
               ["tests/tailoring/test_select.py", "tests/commands/test_variant_file_profile.py",
                "tests/loading/test_variant_language.py", "tests/letters/test_letter_loading.py",
                "tests/test_pipeline_request.py", "tests/loading/test_variant_loading_rules.py"]),
    "tailor": ("resume_builder/tailoring/variants.py",
               ["tests/tailoring/test_variants.py", "tests/tailoring/test_override_paths.py",
                "tests/tailoring/test_tailor_rules.py",
                # capped_highlights; not the file's last test, whose page budget lays out PDFs
                "tests/tailoring/test_capped_highlights.py::test_each_capped_entry_is_named_with_what_it_lost",
                "tests/tailoring/test_capped_highlights.py::test_nothing_is_said_when_nothing_is_capped"]),
    "variants": ("resume_builder/schema/variant_rules.py",
                 ["tests/tailoring/test_variants.py", "tests/tailoring/test_override_paths.py",
                  "tests/tailoring/test_select.py", "tests/tailoring/test_tailor_rules.py",
                  "tests/loading/test_variant_language.py", "tests/tailoring/test_keep_as_documented.py",
                  "tests/roles/test_roles_tailoring.py", "tests/roles/test_roles_schema.py",
                  "tests/roles/test_role_override_hints.py"]),
}


def _copy(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, check=True,
                           capture_output=True, text=True).stdout.splitlines()
    for name in files:
        if (REPO / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, dest / name)


def _narrow(pyproject: Path, module: str, tests: list[str]) -> None:
    text = pyproject.read_text(encoding="utf-8")
    text = re.sub(r"only_mutate = \[.*?\]", "only_mutate = " + repr([module]).replace("'", '"'), text, flags=re.S)
    text = re.sub(r"pytest_add_cli_args_test_selection = \[.*?\]",
                  "pytest_add_cli_args_test_selection = " + repr(tests).replace("'", '"'), text, flags=re.S)
    pyproject.write_text(text, encoding="utf-8")


def _retest_survivors(mutants: Path) -> None:
    """Forget the verdict on every surviving mutant, so the current tests are tried on it.

    mutmut re-tests a mutant only when its function changed, not when tests were added; a
    killed mutant stays killed while the tests only grow (remove build/mutation/<name> after
    deleting or weakening a test)."""
    for meta in mutants.rglob("*.meta") if mutants.exists() else ():
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data.get("exit_code_by_key", {})
        survived = [key for key, code in codes.items() if code == 0]
        if survived:
            codes.update(dict.fromkeys(survived))
            meta.write_text(json.dumps(data, indent=4), encoding="utf-8")


def run(name: str, jobs: int = 2) -> int:
    module, tests = MODULES[name]
    dest = WORK / name
    keep = dest / "mutants"
    if not keep.exists():  # a later run re-uses mutmut's results for unchanged functions
        shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True, exist_ok=True)
    _copy(dest)
    _narrow(dest / "pyproject.toml", module, tests)
    _retest_survivors(keep)
    mutmut = Path(sys.executable).with_name("mutmut")
    return subprocess.run([str(mutmut), "run", "--max-children", str(jobs)], cwd=dest).returncode


def main(argv: list[str]) -> int:
    names = argv or list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}", file=sys.stderr)
        return 2
    for name in names:
        print(f"=== {name}: {MODULES[name][0]}", flush=True)
        run(name)
    return subprocess.run([sys.executable, str(REPO / "tools" / "mutation_score.py"), "--folder", str(WORK)]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
