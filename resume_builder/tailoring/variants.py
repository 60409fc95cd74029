"""Apply a variant to a profile: ``tailor(profile, variant) -> Profile``, a pure function.

Tailoring only ever removes, reorders or caps what the profile already says; the one way
to bring in new text is an explicit override. That keeps every tailored résumé honest and
traceable to the master profile. The input profile is never modified: the profile is
dumped to plain data, transformed, and validated again into a new ``Profile``.

Steps, in order:

1. entries are selected: an entry is dropped if its id is in ``drop``, kept if its id is in
   ``keep``, otherwise kept when its tags match the section's filter in ``select`` (or the
   ``'*'`` filter; no filter keeps everything). ``select.custom`` filters the custom
   sections themselves; ``select.<custom-section-id>`` filters that section's entries;
   a company's roles (``experience[].roles``) are selected the same way, each role by its
   own id and by its tags together with its company's
   (:func:`resume_builder.schema.variant_rules.kept_roles`);
2. only the sections listed in ``sections`` are kept, in that order (custom sections are
   named by their ids);
3. each entry keeps at most ``max_highlights`` highlights (a custom section's bullet
   ``items`` are not entries' highlights and are not capped);
4. overrides replace fields (they are explicit, so they are never capped);
5. the variant's theme (name and options) is merged over the profile's;
6. a public variant (``public: true``) leaves private details out
   (:func:`resume_builder.tailoring.public.public`).

Override paths are described in :mod:`resume_builder.schema.variant_rules`; what a
variant names is checked against the profile by
:func:`resume_builder.loading.variant_checks.check_variant`.
"""

from __future__ import annotations

import copy

from pydantic import ValidationError

from resume_builder.errors import Problem, UserError
from resume_builder.loading.errors_map import dotted
from resume_builder.loading.variant_checks import check_variant
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import Variant
from resume_builder.schema.variant_rules import (choose_sections, entries_with_highlights, parse_path, profile_data,
                                                 resolve_path, select_entries)

__all__ = ["tailor", "capped_highlights"]


def tailor(profile: Profile, variant: Variant) -> Profile:
    """A new profile tailored by ``variant``; ``profile`` is left untouched.

    Raises :class:`UserError` (without file locations) when the variant names tags, ids,
    sections or paths the profile does not have; use :func:`check_variant` with the
    variant's source first to get located messages.
    """
    problems = check_variant(profile, variant)
    if problems:
        raise UserError(problems)
    data = profile_data(profile)
    select_entries(data, variant)
    if variant.sections is not None:
        choose_sections(data, variant.sections)
    if variant.max_highlights is not None:
        for entry in entries_with_highlights(data):
            if isinstance(entry.get("highlights"), list):
                entry["highlights"] = entry["highlights"][:variant.max_highlights]
    for path_text, value in variant.overrides.items():
        target = resolve_path(parse_path(path_text), data)
        target.container[target.field] = copy.deepcopy(value)
    if variant.theme is not None:
        chosen = variant.theme.model_dump(mode="json", exclude_none=True)
        data["theme"] = {**(data.get("theme") or {}), **copy.deepcopy(chosen)}
    data["variants"] = {}
    try:
        tailored = Profile.model_validate(data)
    except ValidationError as exc:  # overrides are checked one by one; this is a safety net
        raise UserError([Problem(f"the tailored profile is invalid: {err['msg']}", path=dotted(tuple(err["loc"])))
                         for err in exc.errors(include_url=False)]) from None
    if variant.sections is not None:
        present = set(tailored.section_order())
        tailored._key_order = [s for s in variant.sections if s in present]
    else:
        tailored._key_order = list(profile._key_order)
    if variant.public:
        from resume_builder.tailoring.public import public

        tailored = public(tailored)
    return tailored


def capped_highlights(profile: Profile, variant: Variant) -> list[str]:
    """What ``variant``'s ``max_highlights`` leaves out of ``profile``, one line per entry (or
    role), named as the page budget names it
    (:func:`resume_builder.tailoring.fitting.capped_report`): ``max_highlights 3: left out
    the last of 4 highlights of experience/lieferfix ("Hired and mentored 4 engineers")``.
    Empty when the variant caps nothing. Pure, like :func:`tailor`: the profile tailored with
    and without the cap, compared."""
    if variant.max_highlights is None:
        return []
    from resume_builder.tailoring.fitting import capped_report

    whole = tailor(profile, variant.model_copy(update={"max_highlights": None}))
    return capped_report(whole, tailor(profile, variant), variant.max_highlights)
