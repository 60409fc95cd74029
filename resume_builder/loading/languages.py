"""Multi-language profiles: text given in several languages, one picked per résumé.

Any value of a profile may be written once per language::

    lang: en                      # the profile's default language (default: the locale's, else en)
    summary:
      en: Platform engineer with ten years of ...
      de: Plattform-Ingenieur mit zehn Jahren ...

:func:`select_language` runs on the parsed data *before* validation. It walks the data
alongside the profile models' field annotations, and wherever it finds a mapping whose
keys are all language codes at a position that does not itself expect a mapping of
free keys, it keeps the value of the wanted language. A missing language falls back to
the profile's default language (then to the first language given), and every such field
is named in one warning. The positions of the picked values move up to the field's own
path, so a validation error still points at the line and column of the text used.

Positions where a mapping with arbitrary keys is expected (``variants``, ``meta``,
``fields`` of a custom entry, ``headings``) are never language mappings themselves, but
their values may be; a position of a model is one only if none of its keys is a field of
that model (so ``location: {en: ..., de: ...}`` works, while a real location never
matches), and models that accept any key (theme settings) are left alone.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from resume_builder.i18n import DEFAULT_LOCALE, base_language, is_language_tag, normalize_tag
from resume_builder.loading.errors_map import dotted
from resume_builder.loading.source import PathKey, SourceDocument

MAX_NAMED = 8  # fields named in one warning before "and N more"


@dataclass
class LanguageSelection:
    """The data with one language picked, and what was found on the way."""

    source: SourceDocument
    lang: str  # the language picked
    default: str  # the profile's default language
    # every language mapping found: its path → the whole mapping (what export keeps)
    alternatives: dict[PathKey, dict[str, Any]] = field(default_factory=dict)
    # paths whose text was not in ``lang``: path → the language used instead
    fallbacks: dict[PathKey, str] = field(default_factory=dict)
    # read from a JSON Resume file, whose texts are strings only (its schema says so)
    json_resume: bool = False

    @property
    def untranslated(self) -> bool:
        """Whether another language than the profile's was asked for and no text is written in it:
        the résumé would have its headings and dates in ``lang`` over texts in ``default``."""
        return base_language(self.lang) != base_language(self.default) and not written_in(self.alternatives,
                                                                                           self.lang)

    @property
    def warnings(self) -> list[str]:
        out = []
        if self.untranslated:  # said once for the whole profile
            where = self.source.locate(("lang",))  # the profile's lang:, else its first line
            default, lang = self.default, self.lang
            out.append(f"{where}: no text of the profile is written in '{lang}' (its texts are in '{default}'): "
                       f"only the headings, dates and other built-in words will be in '{lang}'. To translate a "
                       f"text, {self._how_to_translate()}; or leave out --lang (or the variant's lang) to render "
                       f"in '{default}'")
        by_used: dict[str, list[PathKey]] = {}
        for path, used in self.fallbacks.items():  # the texts written in other languages, but not this one
            by_used.setdefault(used, []).append(path)
        for used, paths in by_used.items():
            if self.untranslated and used == self.default:
                continue  # the warning above says every text is in the profile's language (README: one warning)
            names = [dotted(p) for p in paths[:MAX_NAMED]]
            more = f" and {len(paths) - MAX_NAMED} more" if len(paths) > MAX_NAMED else ""
            out.append(f"no '{self.lang}' text for {', '.join(names)}{more}; used '{used}'")
        return out


    def _how_to_translate(self) -> str:
        """How to give a text in ``lang`` too: in the profile, or, for a JSON Resume file (where
        every text is a string), in the YAML profile ``import`` makes of it (user trial: the
        profile's way in a JSON Resume file gave 'basics.summary: expected text')."""
        example = f"summary: {{{self.default}: ..., {self.lang}: ...}}"
        if not self.json_resume:
            return f"write it in both languages, e.g. {example}"
        from pathlib import Path

        from resume_builder.console import command

        name = Path(self.source.file)
        imported = command("import", name, "-o", name.stem + ".yaml")
        return (f"import the file as a YAML profile ({imported}) and write the text in both languages there, "
                f"e.g. {example} (a JSON Resume text holds one language)")


def profile_default_language(data: Any) -> str:
    """The profile's ``lang:`` (its default language), else its ``locale:``'s language, else English."""
    for key in ("lang", "locale"):
        value = data.get(key) if isinstance(data, dict) else None
        if isinstance(value, str) and value.strip():
            return normalize_tag(value) if key == "lang" else base_language(value)
    return DEFAULT_LOCALE


def select_language(doc: SourceDocument, lang: str | None = None,
                    root: type[BaseModel] | None = None, *, json_resume: bool = False) -> LanguageSelection:
    """A copy of ``doc`` with every language mapping replaced by its ``lang`` text.

    ``lang`` defaults to the profile's ``lang:`` (else ``en``). ``doc`` is left unchanged.
    ``json_resume``: ``doc`` was read from a JSON Resume file (its warnings say how to
    translate one).
    """
    if root is None:
        from resume_builder.schema.profile import Profile

        root = Profile
    default = profile_default_language(doc.data)
    wanted = normalize_tag(lang) if lang else default
    out = SourceDocument(doc.file, None, dict(doc.values), dict(doc.keys))
    selection = LanguageSelection(out, wanted, default, json_resume=json_resume)
    walker = _Walker(selection)
    out.data = walker.walk(doc.data, root, ())
    return selection


# --------------------------------------------------------------------------- annotations


@dataclass
class _Expect:
    """What a position of the schema accepts."""

    models: list[type[BaseModel]] = field(default_factory=list)
    item: Any = None  # annotation of list items, when a list is accepted
    values: Any = None  # annotation of mapping values, when a mapping with free keys is accepted
    any: bool = False  # anything at all (meta, override values): left alone
    free_keys: bool = False

    @property
    def may_be_language_mapping(self) -> bool:
        if self.any or self.free_keys:
            return False
        return not any(m.model_config.get("extra") == "allow" for m in self.models)


def _expect(annotation: Any) -> _Expect:
    out = _Expect()
    _collect(annotation, out)
    return out


def _collect(annotation: Any, out: _Expect) -> None:
    origin = typing.get_origin(annotation)
    if annotation is Any:
        out.any = True
    elif origin is typing.Annotated:
        _collect(typing.get_args(annotation)[0], out)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            _collect(arg, out)
    elif origin in (list, tuple, set, frozenset):
        args = typing.get_args(annotation)
        out.item = args[0] if args else Any
    elif origin is dict or annotation is dict:
        args = typing.get_args(annotation)
        out.free_keys = True
        out.values = args[1] if len(args) == 2 else Any
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        out.models.append(annotation)


def _model_field(model: type[BaseModel], key: str) -> Any:
    """The annotation of ``key`` in ``model`` (by name or alias), or None if unknown."""
    found = model.model_fields.get(key)
    if found is None:
        found = next((f for f in model.model_fields.values() if f.alias == key), None)
    return None if found is None else found.annotation


def _field_keys(model: type[BaseModel]) -> set[str]:
    return {name for name in model.model_fields} | {f.alias for f in model.model_fields.values() if f.alias}


# --------------------------------------------------------------------------- walking


class _Walker:
    def __init__(self, selection: LanguageSelection) -> None:
        self.selection = selection

    def walk(self, value: Any, annotation: Any, path: PathKey) -> Any:
        expect = annotation if isinstance(annotation, _Expect) else _expect(annotation)
        if isinstance(value, dict) and self.is_language_mapping(value, expect):
            value = self.pick(value, path)
        if expect.any:
            return value
        if isinstance(value, dict):
            if expect.free_keys:
                return {k: self.walk(v, expect.values, path + (k,)) for k, v in value.items()}
            if expect.models:
                model = expect.models[0]
                out = {}
                for key, item in value.items():
                    sub = _model_field(model, key)
                    out[key] = item if sub is None else self.walk(item, sub, path + (key,))
                return out
            return value
        if isinstance(value, list) and expect.item is not None:
            item_expect = _expect(expect.item)
            return [self.walk(item, item_expect, path + (i,)) for i, item in enumerate(value)]
        return value

    def is_language_mapping(self, value: dict[str, Any], expect: _Expect) -> bool:
        if not value or not expect.may_be_language_mapping:
            return False
        if any(set(value) & _field_keys(model) for model in expect.models):
            return False  # an object of the model (checked first: it needs no Babel)
        return all(is_language_tag(key) for key in value)

    def pick(self, mapping: dict[str, Any], path: PathKey) -> Any:
        sel = self.selection
        sel.alternatives[path] = mapping
        key = _find(mapping, sel.lang) or _find(mapping, sel.default)
        if key is None:
            key = next(iter(mapping))
        if base_language(key) != base_language(sel.lang):
            sel.fallbacks[path] = key
        self.move_positions(path, key)
        return mapping[key]

    def move_positions(self, path: PathKey, key: str) -> None:
        """The picked value's positions become the field's; the other languages' are dropped."""
        n = len(path)
        doc = self.selection.source
        for positions, of_values in ((doc.values, True), (doc.keys, False)):
            moved: dict[PathKey, Any] = {}
            for inner in [p for p in positions if len(p) > n and p[:n] == path]:
                pos = positions.pop(inner)
                new = path + inner[n + 1:]
                if inner[n] == key and (of_values or new != path):  # the field keeps its own key
                    moved[new] = pos
            positions.update(moved)


def written_in(alternatives: dict[PathKey, dict[str, Any]], lang: str) -> bool:
    """Whether any text in several languages (:attr:`LanguageSelection.alternatives`) is written
    in ``lang``: the same tag, else the same language (``en-US`` finds ``en:``)."""
    return any(_find(mapping, lang) for mapping in alternatives.values())


def _find(mapping: dict[str, Any], lang: str) -> str | None:
    """The key of ``mapping`` for ``lang``: the same tag, else the same language (de-AT ~ de)."""
    wanted = normalize_tag(lang)
    for key in mapping:
        if normalize_tag(key) == wanted:
            return key
    for key in mapping:
        if normalize_tag(key) == base_language(wanted):
            return key
    for key in mapping:
        if base_language(key) == base_language(wanted):
            return key
    return None


def check_language(lang: str) -> str:
    """``lang`` normalised (``pt_br`` → ``pt-BR``); a UserError if it names no language."""
    from resume_builder.errors import UserError
    from resume_builder.i18n import UnknownLocale, check_locale

    try:
        return check_locale(lang)
    except UnknownLocale as error:
        raise UserError(f"'{lang}' is not a language",
                        hint=error.hint or "write a language code, e.g. en, de, fr, pt-BR") from None
