"""The Jinja2 sandbox themes run in, with budgets on work and size.

:class:`~jinja2.sandbox.SandboxedEnvironment` keeps a theme away from Python internals;
:class:`LimitedSandbox` also bounds the work a theme may do, because a theme is
third-party code and Jinja happily runs ``{% for i in range(10**9) %}`` or builds
``'x' * 10**10``:

- every loop iteration, ``range()`` item, call and filter spends from a budget of steps
  (:data:`~resume_builder.limits.MAX_TEMPLATE_STEPS`, plus a wall-clock backstop of
  :data:`~resume_builder.limits.MAX_TEMPLATE_SECONDS`); a macro call costs
  :data:`~resume_builder.limits.MACRO_CALL_STEPS`;
- numbers passed to functions and filters are capped at ``MAX_TEMPLATE_NUMBER``; strings
  and lists a template builds (``'x' * n``, ``a ~ b``, ``s.replace(...)``, ``|join``) at
  ``MAX_TEMPLATE_STRING`` characters and ``MAX_TEMPLATE_ITEMS`` items, integers at
  ``MAX_TEMPLATE_INT_BITS`` bits; the output at ``MAX_OUTPUT_CHARS`` characters.

Size checks that need a filter's or a ``str`` method's arguments are declared in two
tables, :data:`FILTER_SIZE_CHECKS` and :data:`STR_METHOD_SIZE_CHECKS`, one function per
name. All limits live in ``resume_builder/limits.py``.

Use :func:`sandboxed_environment` for an environment over a theme's template folders and
:func:`render_template` to render one template within a fresh budget. Errors: a budget or
size overrun raises :class:`jinja2.exceptions.SecurityError` (:class:`OutputTooLarge` for
the output); turning them into user errors is the caller's job (``render/html.py``).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import inspect
import os
import re
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import wraps
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.runtime import Macro
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

from resume_builder.containment import is_inside
from resume_builder.limits import (MACRO_CALL_STEPS, MAX_OUTPUT_CHARS, MAX_TEMPLATE_INT_BITS, MAX_TEMPLATE_ITEMS,
                                   MAX_TEMPLATE_NUMBER, MAX_TEMPLATE_SECONDS, MAX_TEMPLATE_STEPS,
                                   MAX_TEMPLATE_STRING)

# ----------------------------------------------------------------------------- the budget


# ----------------------------------------------------------------------------- what a theme reads

#: Values whose public attributes a theme may use as Jinja's sandbox allows them: text (its
#: methods size-checked below), numbers, dates, containers, and Jinja's own loop helpers.
_PLAIN_VALUES: tuple[type, ...] = (str, int, float, bool, type(None), bytes, list, tuple, dict, set, frozenset,
                                   datetime.date, datetime.time, datetime.timedelta)


def theme_may_read(obj: Any, attr: str) -> bool:
    """Whether a template may read ``obj.attr`` (after Jinja's sandbox rules allowed it).

    - a pydantic model (``options``): its fields only, never a method (pydantic's
      ``parse_raw``/``parse_file`` unpickle what they are given, ``model_validate_json``...);
    - one of our dataclasses (``doc``, its sections, entries, spans, the photo): its fields and
      properties (``text.plain``, ``photo.data_url``), never a method;
    - text, numbers, dates, containers and Jinja's runtime objects (loop, cycler, joiner,
      namespace, macros, a template imported with ``{% import ... as m %}``): what Jinja's
      sandbox allows;
    - anything else (a path, a module, a class): nothing.
    """
    return _type_may_read(type(obj), attr)


@functools.lru_cache(maxsize=4096)
def _type_may_read(kind: type, attr: str) -> bool:
    """:func:`theme_may_read` for any value of the type ``kind``: the answer depends on the
    type and the name only, so it is worked out once per pair (a résumé's render asks
    thousands of times)."""
    from jinja2.environment import TemplateModule
    from jinja2.runtime import LoopContext, Undefined
    from jinja2.utils import Cycler, Joiner
    from pydantic import BaseModel

    if issubclass(kind, BaseModel):
        return attr in kind.model_fields or attr in kind.model_computed_fields
    if dataclasses.is_dataclass(kind) and not issubclass(kind, type):
        return attr in {item.name for item in dataclasses.fields(kind)} or \
            isinstance(inspect.getattr_static(kind, attr, None), property)
    return issubclass(kind, (*_PLAIN_VALUES, LoopContext, Undefined, Cycler, Joiner, Namespace, Macro, _CountedRange,
                             TemplateModule))


class OutputTooLarge(SecurityError):
    """A template's output passed :data:`~resume_builder.limits.MAX_OUTPUT_CHARS` characters."""


class Budget:
    """Steps (loop iterations, range items, calls, filters) spent in one render."""

    __slots__ = ("deadline", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_TEMPLATE_SECONDS

    def spend(self, steps: int) -> None:
        """Add ``steps``; raise SecurityError past MAX_TEMPLATE_STEPS or MAX_TEMPLATE_SECONDS."""
        before = self.steps
        self.steps += steps
        if self.steps > MAX_TEMPLATE_STEPS:
            raise SecurityError(f"the templates took more than {MAX_TEMPLATE_STEPS:,} steps (loop iterations, "
                                "calls, filters); a theme must not loop that much")
        if (before >> 8) != (self.steps >> 8) and time.monotonic() > self.deadline:
            raise SecurityError(f"the templates ran for more than {MAX_TEMPLATE_SECONDS:g} seconds")


_BUDGET: ContextVar[Budget | None] = ContextVar("resume_builder_template_budget", default=None)


def _spend(steps: int = 1) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.spend(steps)


def _counted(iterable: Any) -> Iterator[Any]:
    """A for loop's iterable: every iteration spends a step."""
    for item in iterable:
        _spend()
        yield item


class _CountedRange:
    """``range()`` for themes: at most MAX_TEMPLATE_NUMBER items, each one a step when iterated."""

    __slots__ = ("_range",)

    def __init__(self, rng: range) -> None:
        self._range = rng

    def __iter__(self):
        return _counted(self._range)

    def __reversed__(self):
        return _counted(reversed(self._range))

    def __len__(self) -> int:
        return len(self._range)

    def __contains__(self, item: Any) -> bool:
        return item in self._range

    def __getitem__(self, index: Any) -> Any:
        value = self._range[index]
        return _CountedRange(value) if isinstance(value, range) else value

    def __repr__(self) -> str:
        return repr(self._range)


def _theme_range(*args: Any) -> _CountedRange:
    rng = range(*args)
    if len(rng) > MAX_TEMPLATE_NUMBER:
        raise SecurityError(f"range() of more than {MAX_TEMPLATE_NUMBER:,} items is not allowed in themes")
    return _CountedRange(rng)


# ----------------------------------------------------------------------------- size checks


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_TEMPLATE_NUMBER:
        raise SecurityError(f"the number {value if value.bit_length() < 64 else 'given'} is larger than "
                            f"{MAX_TEMPLATE_NUMBER:,}, the largest a theme may pass to a function or filter")


def _check_arguments(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        _check_number(value)
        _check_size(value)


def _too_long(length: int) -> SecurityError:
    return SecurityError(f"a theme may not build a string of more than {MAX_TEMPLATE_STRING:,} characters "
                         f"(this one would have {length:,})")


def _too_many(length: int) -> SecurityError:
    return SecurityError(f"a theme may not build a list of more than {MAX_TEMPLATE_ITEMS:,} items "
                         f"(this one would have {length:,})")


def _too_many_bits() -> SecurityError:
    return SecurityError(f"a theme may not compute with integers of more than {MAX_TEMPLATE_INT_BITS:,} bits")


def _check_length(size: int) -> None:
    if size > MAX_TEMPLATE_STRING:
        raise _too_long(size)


def _check_size(value: Any) -> Any:
    """Refuse a string or list over the caps, and an integer over MAX_TEMPLATE_INT_BITS."""
    if isinstance(value, str):
        _check_length(len(value))
    elif isinstance(value, (list, tuple, dict, set, frozenset)):
        if len(value) > MAX_TEMPLATE_ITEMS:
            raise _too_many(len(value))
    elif isinstance(value, int) and value.bit_length() > MAX_TEMPLATE_INT_BITS:
        raise _too_many_bits()
    return value


def _printed_size(value: Any, limit: int = MAX_TEMPLATE_STRING) -> int:
    """About how many characters ``str(value)`` has, stopping once past ``limit``.

    Printing a list repeats what it holds: ``[s] * 1000`` of a long ``s``, or lists of
    lists, make str() huge from small objects. Walking them first costs at most ``limit``
    visits.
    """
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 4
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2
            stack.extend(item)
        elif isinstance(item, dict):
            total += 2
            for key, val in item.items():
                stack.append(key)
                stack.append(val)
        else:
            total += 8
    return total


def _check_printable(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        _check_length(_printed_size(value))
    return value


_BIG_NUMBER_IN_FORMAT = re.compile(r"\d{7,}")


def _check_format(template: Any, values: Any = ()) -> None:
    """``'%100000000s' % x``, ``'{:100000000}'.format(x)``: widths over the cap."""
    if isinstance(template, str) and _BIG_NUMBER_IN_FORMAT.search(template):
        raise SecurityError("a format string in a theme may not ask for a width or precision of a million or more")
    for value in (values.values() if isinstance(values, dict) else values if isinstance(values, tuple) else (values,)):
        _check_number(value)
        _check_printable(value)


def _join_size(separator: str, items: list) -> int:
    return len(separator) * max(len(items) - 1, 0) + sum(
        len(item) if isinstance(item, str) else _printed_size(item) for item in items)


def _replace_size(text: str, old: str, new: str, count: int = -1) -> int:
    hits = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * (len(new) - len(old))


# ----------------------------------------------------------------------------- the two tables

#: A size check run before a filter or method: ``(value, args, kwargs) -> (value, args)``.
#: ``value`` is what the filter filters (or the ``str`` a method is called on), ``args``
#: and ``kwargs`` the rest of the call. It raises SecurityError when the result would be
#: over a cap, and returns the value and arguments to call with (``join`` turns a
#: one-shot iterable into a list so it can be measured and then joined).
SizeCheck = Callable[[Any, tuple, dict], "tuple[Any, tuple]"]


def _filter_replace(value: Any, rest: tuple, kwargs: dict) -> tuple[Any, tuple]:
    if isinstance(value, str) and len(rest) >= 2:
        _check_length(_replace_size(value, str(rest[0]), str(rest[1]), rest[2] if len(rest) > 2 else -1))
    return value, rest


def _filter_join(value: Any, rest: tuple, kwargs: dict) -> tuple[Any, tuple]:
    items = list(value) if value is not None else []
    separator = rest[0] if rest else kwargs.get("d", "")
    if isinstance(separator, str):
        _check_length(_join_size(separator, items))
    return items, rest


def _filter_indent(value: Any, rest: tuple, kwargs: dict) -> tuple[Any, tuple]:
    if isinstance(value, str):
        width = rest[0] if rest else kwargs.get("width", 4)
        grow = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        _check_length(len(value) + (value.count("\n") + 1) * grow)
    return value, rest


def _filter_wordwrap(value: Any, rest: tuple, kwargs: dict) -> tuple[Any, tuple]:
    if isinstance(value, str):
        width = rest[0] if rest else kwargs.get("width", 4)
        extra = kwargs.get("wrapstring") or (rest[2] if len(rest) > 2 else "\n")
        per_line = max(int(width) if isinstance(width, int) else 1, 1)
        _check_length(len(value) + (len(value) // per_line + 1) * len(str(extra)))
    return value, rest


def _filter_format(value: Any, rest: tuple, kwargs: dict) -> tuple[Any, tuple]:
    _check_format(value, rest or kwargs)
    return value, rest


#: Built-in Jinja filters whose result can outgrow their input, and how to bound it. Every
#: other built-in filter gets only the common checks (steps, numbers, sizes of arguments
#: and result; see :func:`_checked_filter`).
FILTER_SIZE_CHECKS: dict[str, SizeCheck] = {
    "replace": _filter_replace,
    "join": _filter_join,
    "indent": _filter_indent,
    "wordwrap": _filter_wordwrap,
    "format": _filter_format,
}


def _method_join(receiver: str, args: tuple, kwargs: dict) -> tuple[Any, tuple]:
    if args:
        items = list(args[0])
        _check_length(_join_size(receiver, items))
        args = (items, *args[1:])
    return receiver, args


def _method_replace(receiver: str, args: tuple, kwargs: dict) -> tuple[Any, tuple]:
    if len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _check_length(_replace_size(receiver, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1)))
    return receiver, args


def _method_expandtabs(receiver: str, args: tuple, kwargs: dict) -> tuple[Any, tuple]:
    _check_length(len(receiver) + receiver.count("\t") * (args[0] if args and isinstance(args[0], int) else 8))
    return receiver, args


def _method_format(receiver: str, args: tuple, kwargs: dict) -> tuple[Any, tuple]:
    _check_format(receiver, args)
    _check_format("", kwargs)
    return receiver, args


def _method_format_map(receiver: str, args: tuple, kwargs: dict) -> tuple[Any, tuple]:
    _check_format(receiver, args[0] if args else args)
    _check_format("", kwargs)
    return receiver, args


#: ``str`` methods (called on a string in a template) whose result can outgrow the string.
STR_METHOD_SIZE_CHECKS: dict[str, SizeCheck] = {
    "join": _method_join,
    "replace": _method_replace,
    "expandtabs": _method_expandtabs,
    "format": _method_format,
    "format_map": _method_format_map,
}


# ----------------------------------------------------------------------------- the environment


def _checked_concat(parts: Any) -> str:
    """Join template output, stopping as soon as it passes MAX_OUTPUT_CHARS."""
    out = []
    total = 0
    for part in parts:
        total += len(part)
        if total > MAX_OUTPUT_CHARS:
            raise OutputTooLarge(f"more than {MAX_OUTPUT_CHARS:,} characters")
        out.append(part)
    return "".join(out)


class _LimitedNamespace(Namespace):
    """``namespace()`` whose attributes cannot hold oversized values (``ns.s = ns.s ~ ns.s``)."""

    def __setitem__(self, name: str, value: Any) -> None:
        _spend()
        _check_size(value)
        _check_printable(value)
        Namespace.__setitem__(self, name, value)


def _theme_lipsum(original):
    @wraps(original)
    def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100):
        _spend(abs(int(n)) * abs(int(max)))
        return original(n, html, min, max)

    return lipsum


def _checked_filter(function: Any, size_check: SizeCheck | None) -> Any:
    """A built-in filter that spends steps, refuses huge numbers and oversized results."""
    value_index = 1 if getattr(function, "jinja_pass_arg", None) else 0

    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        rest = args[value_index + 1:]
        _check_arguments(rest, kwargs)
        value = args[value_index] if len(args) > value_index else None
        if isinstance(value, (list, tuple, dict, set, frozenset)):
            _spend(1 + len(value))
            _check_printable(value)
        elif isinstance(value, str):
            _spend(1 + len(value) // 1000)
        else:
            _spend()
        if size_check is not None:
            checked, rest = size_check(value, rest, kwargs)
            if checked is not value:
                args = (*args[:value_index], checked, *rest)
        return _check_size(function(*args, **kwargs))

    return run


#: Filters the sandbox inserts itself when it rewrites a template (see ``LimitedSandbox._parse``).
_REWRITE_FILTERS: dict[str, Callable[[Any], Any]] = {
    "__rb_steps": _counted,
    "__rb_sized": _check_size,
    "__rb_printable": _check_printable,
}


class LimitedSandbox(SandboxedEnvironment):
    """A sandbox that also bounds a theme's work and the size of what it builds."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])
    concat = staticmethod(_checked_concat)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=_check_printable, **kwargs)
        self.globals["range"] = _theme_range
        self.globals["namespace"] = _LimitedNamespace
        self.globals["lipsum"] = _theme_lipsum(self.globals["lipsum"])
        self.filters = {name: _checked_filter(function, FILTER_SIZE_CHECKS.get(name))
                        for name, function in self.filters.items()}
        self.filters.update(_REWRITE_FILTERS)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's sandbox rules, then :func:`theme_may_read`: of our objects a theme reads data
        only, never a method (security review: ``options.parse_raw(..., allow_pickle=True)``
        of the pydantic model ran any command a theme folder wrote)."""
        return super().is_safe_attribute(obj, attr, value) and theme_may_read(obj, attr)

    def _parse(self, source, name, filename):  # type: ignore[override]
        """Count every for loop's iterations and check every ``~`` (see the module docstring)."""
        tree = super()._parse(source, name, filename)
        for loop in list(tree.find_all(nodes.For)):
            loop.iter = self._wrap(loop.iter, "__rb_steps")
        for concat in list(tree.find_all(nodes.Concat)):
            concat.nodes = [self._wrap(part, "__rb_printable") for part in concat.nodes]
        for parent in list(tree.find_all(nodes.Node)):
            for field_name in parent.fields:
                value = getattr(parent, field_name, None)
                if isinstance(value, nodes.Concat):
                    setattr(parent, field_name, self._wrap(value, "__rb_sized"))
                elif isinstance(value, list):
                    setattr(parent, field_name, [self._wrap(item, "__rb_sized") if isinstance(item, nodes.Concat)
                                                 else item for item in value])
        return tree

    def _wrap(self, node: nodes.Expr, filter_name: str) -> nodes.Filter:
        wrapped = nodes.Filter(node, filter_name, [], [], None, None, lineno=node.lineno)
        wrapped.set_environment(self)
        return wrapped

    def call_binop(self, context, operator, left, right):  # type: ignore[override]
        _spend()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and not isinstance(times, bool):
                    size = len(seq) * max(times, 0)
                    if isinstance(seq, str):
                        _check_length(size)
                    elif size > MAX_TEMPLATE_ITEMS:
                        raise _too_many(size)
            if isinstance(left, int) and isinstance(right, int) \
                    and left.bit_length() + right.bit_length() > MAX_TEMPLATE_INT_BITS:
                raise _too_many_bits()
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 \
                    and max(abs(left).bit_length() - 1, 1) * right > MAX_TEMPLATE_INT_BITS and abs(left) > 1:
                raise _too_many_bits()
        elif operator == "+":
            if isinstance(left, str) and isinstance(right, str):
                _check_length(len(left) + len(right))
            if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)) \
                    and len(left) + len(right) > MAX_TEMPLATE_ITEMS:
                raise _too_many(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right)
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # type: ignore[override]
        _check_arguments(args, kwargs)
        receiver = getattr(__obj, "__self__", None)
        if isinstance(receiver, str):
            _spend(1 + len(receiver) // 1000)
            size_check = STR_METHOD_SIZE_CHECKS.get(getattr(__obj, "__name__", ""))
            if size_check is not None:
                _, args = size_check(receiver, args, kwargs)
        elif isinstance(receiver, (list, dict, set)):
            _spend(1 + len(receiver))
        elif isinstance(__obj, Macro):
            _spend(MACRO_CALL_STEPS)
        else:
            _spend()
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(receiver, (list, dict, set)) and len(receiver) > MAX_TEMPLATE_ITEMS:
            receiver.clear()  # free it now: the render stops here anyway
            raise _too_many(MAX_TEMPLATE_ITEMS + 1)
        return _check_size(result)


class BrokenTemplate(TemplateError):
    """A template's name in a theme's ``templates/`` is not a regular file: a named pipe, a
    folder, a symbolic link to nothing or a loop of links. ``name``: the template's name;
    ``filename``: its path; ``said``: what it is, in :class:`~resume_builder.output.PathKind`'s words."""

    def __init__(self, name: str, filename: str) -> None:
        from resume_builder.output import path_kind

        found = path_kind(filename)
        self.name, self.filename, self.link = name, filename, found.link
        self.said = found.said if found.kind != "folder" else "is a folder, not a file"
        super().__init__(f"template '{name}' {self.said}")


class ContainedLoader(FileSystemLoader):
    """Reads templates only from inside its theme folder, after resolving symlinks.

    ``root`` is the theme folder as the user named it; the templates folder was checked to
    lie inside it (``Theme.template_roots``), and every file read must too, so neither a
    ``templates/x -> ~/.ssh/id_rsa`` nor a ``templates -> /`` symlink can bring an outside
    file into the résumé. (``followlinks=False`` only affects listing.) Raises
    SecurityError for a template that resolves outside the theme folder, and
    :class:`BrokenTemplate` for a name that is there but no regular file (it is not passed
    over for the parent theme's template of that name).
    """

    def __init__(self, searchpath: str, root: Path) -> None:
        super().__init__(searchpath, followlinks=False)
        self.root = root

    def get_source(self, environment, template):  # type: ignore[override]
        from jinja2.loaders import split_template_path

        pieces = split_template_path(template)  # refuses '..' segments
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            if not os.path.isfile(filename) and os.path.lexists(filename):
                # a FIFO, a folder, a link to nothing: jinja2 passed over it to the parent theme's
                # template of that name, silently (trial)
                raise BrokenTemplate(template, filename)
            if os.path.isfile(filename) and not is_inside(filename, self.root):
                # checked before the file is opened: an outside file is never read
                raise SecurityError(f"template '{template}' links to a file outside the theme folder")
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:  # at the template that is not UTF-8, not at its includer
            from jinja2 import TemplateSyntaxError

            filename = next((path for folder in self.searchpath
                             if os.path.isfile(path := os.path.join(folder, *pieces))), template)
            line = exc.object[:exc.start].count(b"\n") + 1
            raise TemplateSyntaxError(f"the file is not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); "
                                      "save it as UTF-8", line, template, filename) from None


def sandboxed_environment(template_roots: tuple[tuple[Path, Path], ...]) -> LimitedSandbox:
    """A new :class:`LimitedSandbox` over ``(templates folder, theme folder)`` pairs, first match wins.

    Autoescaping on, ``StrictUndefined``; templates are read through :class:`ContainedLoader`.
    Auto-reload on: the environment is kept for the process (``render.html.template_environment``),
    and a `watch` or `serve` that kept a template compiled before its file was saved rendered
    the old one (one stat per template used, per render, tells).
    """
    loader = ChoiceLoader([ContainedLoader(str(folder), root) for folder, root in template_roots])
    return LimitedSandbox(loader=loader, autoescape=True, undefined=StrictUndefined,
                          trim_blocks=False, lstrip_blocks=False, auto_reload=True)


def render_template(env: SandboxedEnvironment, name: str, **context: Any) -> str:
    """Render template ``name`` of ``env`` with ``context``, within a fresh :class:`Budget`.

    Raises whatever the template raises: SecurityError for a budget or size overrun,
    :class:`OutputTooLarge` past MAX_OUTPUT_CHARS, jinja2's TemplateError and
    TemplateNotFound, or any exception of a theme's own making.
    """
    token = _BUDGET.set(Budget())
    try:
        text = env.get_template(name).render(**context)
    finally:
        _BUDGET.reset(token)
    if len(text) > MAX_OUTPUT_CHARS:
        raise OutputTooLarge(f"more than {MAX_OUTPUT_CHARS:,} characters")
    return text
