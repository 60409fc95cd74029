"""Which line of a YAML file is indented wrong, and at which level it belongs.

A line moved left or right by one level is often noticed by the parser on another line, and
the level it belongs at is the level of its siblings, not of the nearest line above:

- ``phone:`` moved to column 0 inside ``basics:`` ends the ``basics`` mapping there; the parser
  fails on the next line (``  location:``), which is where it should be. The line to move is
  ``phone:``, to the 2 spaces of the keys before and after it (``email:``, ``location:``).
- ``highlights:`` indented by 2 spaces under a list item whose keys are at 4 lines up with the
  item's ``-``: it belongs with its sibling keys (4 spaces), not with the ``-``.
- a list item ``- id: sakura`` moved to column 0: its siblings are the items of the list whose
  ``-`` lines up its keys below it (``    company:`` at 4 spaces: a ``-`` at 2), not the item
  of whatever list happens to end on the line above.

:func:`misplaced_line` reads the structure the parser built up to its error (its events: each
mapping with its keys, each list with its items, where each starts and ends), lists the
repairs that structure suggests (the line before the error put back among the siblings it
left; the line of the error put at the level of the mapping keys or list items around it,
chosen by the keys below a list item, the kind of item, and the nearest level; the first line
of a mapping or list put where the lines after it are), re-indents one line at a time and
parses again. The repair that lets the parser read furthest wins (a plain text swallowing a
list item counts as where it stops: :func:`reach`); of equally good ones, the one that puts
the line one step (the file's own, :func:`indent_steps`) under the line it belongs under,
then the one the structure points to (a line that left a mapping which goes on after it),
then a line that was not so placed before, then the structure's order.

Some moves read the same both ways and only the meaning of the keys tells them apart: 'b: x'
moved right under 'a:', whose value is a mapping at that column, parses as well as the key
after 'a:' moved left; the line that left the mapping is named.

Returns ``(line, column, message, hint)`` with a 0-based line and column, or ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["misplaced_line", "swallowed_item", "reach", "owner", "indent_steps"]

#: Repairs tried at most (each is one parse of the file).
MAX_TRIES = 8
#: Lines read at most to learn how deep this file indents (each looks up for the line it is under).
MAX_STEP_LINES = 2000
#: Repairs judged at most by the file's schema, and the longest text judged (each judgement
#: parses and validates the whole file: some 10 ms for the example profile).
MAX_JUDGED = 3
JUDGE_CHARS = 200_000

# '  - key: value' / '  - text' / '  key: value': indentation, list dashes, a plain or quoted key.
_DASH = re.compile(r"^(?P<indent> *)(?P<dashes>(?:-(?: +|$))+)")
_KEY = re.compile(r"""^(?P<indent>\ *)(?P<dashes>(?:-(?:\ +|$))*)
                      (?P<key>[^\s#'"*&!@`%{}\[\]|>,-][^:#]*?|"[^"]*"|'[^']*'):(?:\ +|$)""", re.VERBOSE)


@dataclass
class _Entry:
    """A key of a mapping or an item of a list, where the parser read it (0-based)."""

    line: int
    column: int
    key: str | None = None  # a mapping's key as text; None for a list item
    value: str = ""  # the key's value or the item: "map", "seq", "flow", "empty", "scalar"


@dataclass
class _Block:
    """A block mapping or list: where it starts (its first key, its first '-'), its entries,
    and where the parser ended it (the line and column of what ended it; None: open at the error)."""

    kind: str  # "map" or "seq"
    line: int
    column: int
    parent: "_Block | None"
    entries: list[_Entry] = field(default_factory=list)
    end: tuple[int, int] | None = None
    expects_key: bool = True


def _structure(text: str, parser: Any) -> list[_Block]:
    """The block mappings and lists of ``text`` that ``parser`` (a ruamel.yaml ``YAML``) built
    before its first error, in the order they start."""
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, MappingStartEvent, ScalarEvent,
                                    SequenceStartEvent)

    blocks: list[_Block] = []
    stack: list[_Block | None] = []  # None: a flow collection (its insides are not levels)
    try:
        for event in parser.parse(text):
            if isinstance(event, CollectionEndEvent):
                if stack:
                    done = stack.pop()
                    if done is not None:
                        done.end = (event.start_mark.line, event.start_mark.column)
                continue
            if not isinstance(event, (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent)):
                continue
            mark = event.start_mark
            flow = bool(getattr(event, "flow_style", False))
            if isinstance(event, MappingStartEvent):
                what = "flow" if flow else "map"
            elif isinstance(event, SequenceStartEvent):
                what = "flow" if flow else "seq"
            elif isinstance(event, ScalarEvent) and event.value == "" and not event.style:
                what = "empty"
            else:
                what = "scalar"
            top = stack[-1] if stack else None
            if top is not None:
                if top.kind == "map" and top.expects_key:
                    top.entries.append(_Entry(mark.line, mark.column, str(getattr(event, "value", "") or "")))
                    top.expects_key = False
                elif top.kind == "map":
                    top.entries[-1].value = what
                    top.expects_key = True
                else:
                    top.entries.append(_Entry(mark.line, mark.column, None, what))
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                if flow or (stack and stack[-1] is None):
                    stack.append(None)
                    continue
                block = _Block("map" if isinstance(event, MappingStartEvent) else "seq", mark.line, mark.column,
                               top)
                blocks.append(block)
                stack.append(block)
    except YAMLError:
        pass
    except Exception:  # noqa: BLE001  (no structure to read: the caller keeps its plain message)
        return []
    return blocks


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _mismatch(subject: str, indent: int, others: str, column: int, seen: str) -> str:
    """The one wording of an indentation that does not match: "SUBJECT is indented by N spaces,
    but OTHERS are indented by M (SEEN)", SEEN naming where the other level is written."""
    return f"{subject} is indented by {_spaces(indent)}, but {others} are indented by {column} ({seen})"


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _word(line: str) -> str:
    """How a message names a line: its key with its dashes ('- id:'), else its first characters."""
    match = _KEY.match(line)
    if match:
        return f"'{match.group('dashes')}{match.group('key')}:'"
    return f"'{line.strip()[:20]}'"


def _key_column(line: str) -> int | None:
    """The column of the key on ``line`` ('    company:' 4, '  - id: x' 4), or None."""
    match = _KEY.match(line)
    return match.end("dashes") if match else None


@dataclass
class _Repair:
    """One line put at another indentation, and what to say when it is the one."""

    line: int
    indent: int
    message: str
    hint: str


def _reindented(lines: list[str], index: int, indent: int) -> list[str]:
    return lines[:index] + [" " * indent + lines[index].lstrip(" ")] + lines[index + 1:]


def _content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _next_line(lines: list[str], after: int) -> int | None:
    """The first line below ``after`` that is neither blank nor a comment."""
    return next((i for i in range(after + 1, len(lines)) if _content(lines[i])), None)


def _sibling_after(lines: list[str], after: int, column: int, *, item: bool = False) -> int | None:
    """The next line below ``after`` with a key (``item``: a list's '-') at ``column``, before
    the lines go back left of it."""
    for index in range(after + 1, len(lines)):
        text = lines[index]
        if not _content(text):
            continue
        if item and _DASH.match(text) and _indent(text) == column:
            return index
        if not item and _key_column(text) == column:
            return index
        if _indent(text) < column or (_indent(text) == column and not _DASH.match(text)):
            return None
    return None


def _open_at(blocks: list[_Block], line: int) -> list[_Block]:
    """The blocks started above ``line`` and not ended before it (ended by ``line`` or still open),
    innermost (last started) first."""
    return [b for b in reversed(blocks) if b.line < line and (b.end is None or b.end[0] >= line)]


def _ended_at(blocks: list[_Block], line: int) -> list[_Block]:
    """The blocks that what is on ``line`` ended, innermost first."""
    return [b for b in reversed(blocks) if b.end is not None and b.end[0] == line]


def _entry_lines(blocks: list[_Block]) -> list[tuple[int, _Block, _Entry]]:
    """Every key and item the parser read, in file order."""
    out = [(entry.line, block, entry) for block in blocks for entry in block.entries]
    return sorted(out, key=lambda item: (item[0], item[2].column))


def _last_key_line(block: _Block, before: int) -> int | None:
    lines = [e.line for e in block.entries if e.line < before]
    return lines[-1] if lines else None


def owner(lines: list[str], index: int) -> int | None:
    """The line that line ``index`` belongs under: the nearest less indented line above it, or
    for a list item, a 'key:' alone on its line at the item's column (a list not indented
    under its key)."""
    here = _indent(lines[index])
    dash = _DASH.match(lines[index])
    for above in range(index - 1, -1, -1):
        text = lines[above]
        if not _content(text) or _indent(text) > here:
            continue
        if _indent(text) < here:
            return above
        if dash and not _DASH.match(text) and text.rstrip().endswith(":"):
            return above
    return None


def indent_steps(lines: list[str]) -> tuple[int, int]:
    """How much deeper than the line it belongs under a line is indented in this file, for a
    key and for a list item: the most common steps (2 and 2 when no line says)."""
    counts: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for index, line in enumerate(lines[:MAX_STEP_LINES]):
        if not _content(line) or _indent(line) == 0:
            continue
        under = owner(lines, index)
        if under is not None:
            item = bool(_DASH.match(line)) and lines[under].rstrip().endswith(":") and not _DASH.match(lines[under])
            step = _indent(line) - _indent(lines[under])
            counts[item][step] = counts[item].get(step, 0) + 1
    key, item = (max(c, key=lambda s: (c[s], s == 2, -s)) if c else 2 for c in counts)
    return key, item


def _fits(lines: list[str], index: int, steps: tuple[int, int]) -> bool:
    """Whether line ``index`` is indented by this file's step under the line it belongs under
    (:func:`owner`; a line at column 0 always fits)."""
    if _indent(lines[index]) == 0:
        return True
    under = owner(lines, index)
    if under is None:
        return False
    item = bool(_DASH.match(lines[index])) and lines[under].rstrip().endswith(":") and not _DASH.match(lines[under])
    return _indent(lines[index]) - _indent(lines[under]) == steps[item]


def swallowed_item(lines: list[str], first: int, last: int) -> int | None:
    """The first line after ``first`` up to ``last`` (0-based) that starts with a list's '-':
    in a plain (unquoted) text that goes on over lines ``first``..``last``, such a line is an
    item indented more than the one above, which YAML reads as more words of its text."""
    for index in range(first + 1, min(last, len(lines) - 1) + 1):
        if _DASH.match(lines[index]):
            return index
    return None


def reach(text: str, parser: Any = None) -> int | float:
    """How far ``parser`` (a ruamel.yaml ``YAML``; by default the pure-Python one) reads
    ``text``: the 0-based line of its first error or of the first list item that a plain text
    above swallows (:func:`swallowed_item`), or infinity when it reads the whole text so."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.events import ScalarEvent

    from resume_builder.loading.yaml_errors import line_and_column, source_lines

    lines: list[str] | None = None
    try:
        for event in (parser or YAML(typ="safe", pure=True)).parse(text):
            if type(event) is ScalarEvent and not event.style and event.end_mark.line > event.start_mark.line:
                lines = lines if lines is not None else source_lines(text)
                first = line_and_column(text, event.start_mark.index)[0]
                last = line_and_column(text, max(event.end_mark.index - 1, 0))[0]
                found = swallowed_item(lines, first, last)
                if found is not None:
                    return found
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line if mark is not None else 0
    except Exception:  # noqa: BLE001  (any other failure: no place to compare)
        return -1
    return float("inf")


def _candidates(lines: list[str], error: int, blocks: list[_Block]) -> tuple[list[_Repair], list[_Repair]]:
    """(repairs the structure points to first, the rest), each in order of preference."""
    source = lines[error]
    here = _indent(source)
    dash = _DASH.match(source)
    key_col = _key_column(source)
    first: list[_Repair] = []
    later: list[_Repair] = []  # weighed after the error line's own repairs
    rest: list[_Repair] = []
    entries = [item for item in _entry_lines(blocks) if item[0] < error]
    entry_lines = sorted({item[0] for item in entries})

    # A key before the error line, less indented than it, with only deeper lines between: it
    # left a mapping that goes on at the error line ('phone:' at 0 between 'email:' and
    # 'location:' at 2), or it is the first key of a mapping, moved left to its parent's level.
    moved_key = next((i for i in reversed(entry_lines) if _indent(lines[i]) < here), None) \
        if not dash and key_col is not None else None
    if moved_key is not None and all(_indent(lines[i]) > here for i in range(moved_key + 1, error)
                                     if _content(lines[i])):
        above = lines[moved_key]
        above_key = _key_column(above)
        earlier = [item for item in entries if item[0] < moved_key]
        if above_key is not None and not _DASH.match(above):
            ended = [b for b in _ended_at(blocks, moved_key) if b.kind == "map" and b.column == here]
            empty = next((e for _, b, e in reversed(earlier) if e.key is not None), None)
            if ended:
                sibling = _last_key_line(ended[0], moved_key)
                said = f"{_word(lines[sibling])}, line {sibling + 1}; " if sibling is not None else ""
                first.append(_Repair(moved_key, here, _mismatch(_word(above), _indent(above), "the keys before and after it in the same mapping", here,
                                               f"{said}{_word(source)}, line {error + 1}") + ", so YAML ends that mapping here", f"indent it by {_spaces(here)}, like its sibling keys"))
            elif empty is not None and empty.value == "empty" and empty.column <= _indent(above) \
                    and empty.line == (earlier[-1][0] if earlier else -1):
                first.append(_Repair(moved_key, here, f"{_word(above)} is indented by {_spaces(_indent(above))}, "
                                     f"like {_word(lines[empty.line])} on line {empty.line + 1}, but the keys "
                                     f"after it are indented by {here} ({_word(source)}, line {error + 1}), "
                                     f"so YAML reads {_word(lines[empty.line])} as empty",
                                     f"indent it by {_spaces(here)}, like the keys after it"))
            else:
                later.append(_Repair(moved_key, here, _mismatch(_word(above), _indent(above), "the keys after it", here,
                                               f"{_word(source)}, line {error + 1}"), f"indent it by {_spaces(here)}, like the keys after it"))
        elif above_key is not None:  # '- key: value' whose keys below are at the error line's column
            target = here - (above_key - _indent(above))
            if target >= 0:
                lists = [b for b in _ended_at(blocks, moved_key) if b.kind == "seq" and b.column == target]
                said = ""
                if lists and lists[0].entries:
                    item = lists[0].entries[-1].line
                    said = f", as in the other items of its list ({_word(lines[item])}, line {item + 1})"
                repair = _Repair(moved_key, target, _mismatch("this list item", _indent(above), "its keys below it", here,
                                           f"{_word(source)}, line {error + 1}") + said,
                                 f"indent its '-' by {_spaces(target)}, so that its keys line up")
                (first if lists else later).append(repair)

    # The first line of a mapping or list moved: the blocks it starts hold that line alone (or
    # it is a key with nothing after it), and the lines after it, the error line first, are
    # where it should be.
    if entries and (dash or key_col is not None):
        for block in _open_at(blocks, error):
            starts = block.entries[0].line if block.entries else None
            if starts is None or starts != block.line:
                continue
            alone = {e.line for e in block.entries} == {starts}
            outer = block
            while alone and outer.parent is not None and {e.line for e in outer.parent.entries} == {starts}:
                outer = outer.parent
            if not alone and not (block.kind == "map" and block.entries[0].value == "empty" and not dash):
                continue
            moved = lines[starts]
            if dash and not _DASH.match(moved):
                continue
            after = _next_line(lines, starts)
            if after is not None and after < error and _indent(lines[after]) > _indent(moved) \
                    and not (_DASH.match(lines[after]) and _KEY.match(moved) is None):
                continue  # it has lines of its own under it (not items its text swallowed): more than one moved
            target = here if dash or not _DASH.match(moved) else here - ((_key_column(moved) or 0) - _indent(moved))
            floor = outer.parent.column if outer.parent is not None else -1
            if target == _indent(moved) or target < floor + (0 if _DASH.match(moved) else 1):
                continue
            if dash or not _DASH.match(moved):
                what = "list item" if dash else "key"
                later.append(_Repair(starts, target, _mismatch(_word(moved), _indent(moved),
                                               f"the {what}s after it in the same {'list' if dash else 'mapping'}",
                                               here, f"{_word(source)}, line {error + 1}"),
                                     f"indent it by {_spaces(target)}, like the {what}s after it"))
            else:
                later.append(_Repair(starts, target, f"the keys of this list item are indented by "
                                     f"{_key_column(moved)}, but the keys after it in the same mapping are "
                                     f"indented by {here} ({_word(source)}, line {error + 1})",
                                     f"indent its '-' by {_spaces(target)}, so that its keys line up"))
            break

    # The line of the error itself, at the level of its siblings.
    open_blocks = _open_at(blocks, error)
    below = _next_line(lines, error)
    if dash:
        content = dash.end("dashes")
        below_key = None
        if below is not None and not _DASH.match(lines[below]) and _indent(lines[below]) >= here:
            below_key = _key_column(lines[below])
        wanted = below_key - (content - here) if below_key is not None and key_col is not None else None
        is_map = key_col is not None
        options: list[tuple[tuple[int, ...], int, str, str]] = []
        for rank, block in enumerate(open_blocks):
            if block.kind != "seq" or block.column == here:
                continue
            items = [e for e in block.entries if e.line < error]
            if not items:
                continue
            shape = any((e.value == "map") == is_map for e in items)
            item = items[-1].line
            options.append(((block.column != wanted, not shape, abs(block.column - here), rank),
                            block.column,
                            _mismatch("this list item", here, "the other items of its list", block.column,
                                      f"{_word(lines[item])}, line {item + 1}"),
                            f"line up its '-' with theirs: indent it by {_spaces(block.column)}"))
        pending = entries[-1][2] if entries else None
        if pending is not None and pending.key is not None and pending.value == "empty" and pending.column >= here:
            column = pending.column + indent_steps(lines)[1]
            key_line = lines[pending.line]
            options.append(((column != wanted, is_map, -1, -1), column,
                            f"this list item is indented by {_spaces(here)}, not deeper than {_word(key_line)} on line "
                            f"{pending.line + 1}, the key whose list it starts",
                            f"indent it by {_spaces(column)}, under {_word(key_line)}"))
        if any(not option[0][0] or not option[0][1] for option in options):  # an item of the same kind
            options = [option for option in options if not option[0][0] or not option[0][1]]
        for _, column, message, hint in sorted(options, key=lambda option: option[0]):
            rest.append(_Repair(error, column, message, hint))
    elif key_col is not None:
        options2: list[tuple[tuple[int, ...], int, str, str]] = []
        previous = entries[-1][0] if entries else None
        match = _KEY.match(source)
        opens = match is not None and not source[match.end():].strip(" ")
        for rank, block in enumerate(open_blocks):
            if block.kind != "map" or block.column == here:
                continue
            sibling = _last_key_line(block, error)
            if sibling is None:
                continue
            after = _sibling_after(lines, error, block.column)
            said = f"{_word(lines[sibling])}, line {sibling + 1}" + (
                f"; {_word(lines[after])}, line {after + 1}" if after is not None else "")
            if here > block.column and previous is not None and sibling == previous and here > _indent(lines[sibling]):
                message = (f"this line is indented more than {_word(lines[sibling])} on line {sibling + 1} "
                           f"({here} spaces instead of {block.column}), so YAML reads it as more text of the value "
                           "above")
                hint = f"indent it by {_spaces(block.column)}, like {_word(lines[sibling])}, if it is a key of the " \
                       "same mapping"
            else:
                message = _mismatch(_word(source), here, "the keys of the mapping it belongs to", block.column, said)
                hint = f"indent it by {_spaces(block.column)}, like its sibling keys"
            unfit = False
            if opens and below is not None:  # 'key:' alone: the lines below it are its value
                deeper = _indent(lines[below])
                unfit = not (deeper > block.column or (deeper == block.column and bool(_DASH.match(lines[below]))))
            options2.append(((unfit, abs(block.column - here), rank), block.column, message, hint))
        for _, column, message, hint in sorted(options2, key=lambda option: option[0]):
            rest.append(_Repair(error, column, message, hint))
    return first, rest + later


def _problems(verdicts: dict[int, int | None], repair: _Repair) -> float:
    """The judge's count of problems after ``repair`` (0 when not judged; a text it could not
    read, a duplicate key say, counts as worse than any)."""
    if id(repair) not in verdicts:
        return 0
    verdict = verdicts[id(repair)]
    return float("inf") if verdict is None else verdict


def misplaced_line(text: str, lines: list[str], error: int,
                   judge: Callable[[str], int | None] | None = None) -> tuple[int, int, str, str] | None:
    """The line whose indentation explains a parser error at 0-based line ``error`` of ``text``
    (``lines``: its lines), where it belongs, and in which words; None when the structure
    suggests no such line. ``judge``: how many problems a repaired text has for its schema
    (None: cannot tell); of repairs after which the whole file parses, the one with fewest
    problems wins (``phone:`` moved right under ``headline:``, whose value is a mapping of
    languages, reads as well as ``email:`` before it moved left; only a profile's fields tell)."""
    from resume_builder.loading.yaml_slips import BUDGET, _parsers

    name, parser = _parsers()[0]
    if not 0 <= error < len(lines) or len(text) > BUDGET[name] or any(c in text for c in "\x85\u2028\u2029"):
        return None  # too large to read again; or lines that the parser and the message would count apart
    blocks = _structure(text, parser)
    if not blocks:
        return None
    first, rest = _candidates(lines, error, blocks)
    repairs = (first + rest)[:MAX_TRIES]
    if not repairs:
        return None
    if len(text) * (len(repairs) + 2) > BUDGET[name]:  # too large to parse again and again: the structure alone
        chosen = repairs[0]
    else:
        baseline = reach(text, parser)
        baseline = error if baseline == float("inf") or baseline < 0 else baseline
        steps = indent_steps(lines)
        scored = []
        for order, repair in enumerate(repairs):
            repaired = _reindented(lines, repair.line, repair.indent)
            # how far the parser then reads; whether the line then sits one step under the line
            # it belongs under; whether the structure points to it; whether it did not sit so
            # before (a line that did is less likely the one that moved); the structure's order.
            scored.append((reach("\n".join(repaired), parser), _fits(repaired, repair.line, steps),
                           repair in first, not _fits(lines, repair.line, steps), -order, repair))
        top = [item for item in scored if item[0] == float("inf")]
        verdicts = {}
        if judge is not None and len(top) > 1 and len(text) <= JUDGE_CHARS:
            for item in top[:MAX_JUDGED]:
                verdicts[id(item[5])] = judge("\n".join(_reindented(lines, item[5].line, item[5].indent)))
            if all(verdict is None for verdict in verdicts.values()):  # no judgement at all (no libyaml, an anchor)
                verdicts = {}
        best = max(scored, key=lambda item: (item[0], -_problems(verdicts, item[5])) + item[1:5])
        chosen = best[5]
        if best[0] <= baseline:  # no repair gets further: what the structure says about the error's own line
            found = next((repair for repair in repairs if repair.line == error), None)
            if found is None:
                return None
            chosen = found
    return chosen.line, _indent(lines[chosen.line]), chosen.message, chosen.hint
