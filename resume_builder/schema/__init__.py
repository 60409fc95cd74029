"""Pydantic models of every input, with ``extra="forbid"`` so typos are caught; no I/O.

- ``profile``: :class:`Profile` and its entries (the résumé's single source of truth);
- ``variant``: :class:`Variant` and :class:`VariantFile` (recipes that tailor a profile);
- ``variant_rules``: what a variant means on profile data (override paths such as
  ``experience[ENTRY-ID].highlights``, entry selection), shared by loading and tailoring;
- ``base`` and ``types``: shared base models, field types and :data:`PathKey`;
- ``jsonresume``: the JSON Resume v1.0.0 schema, to tell JSON Resume files apart;
- ``json_schema``: the JSON Schema of profiles written for editors.
"""

from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import Variant, VariantFile

__all__ = ["Profile", "Variant", "VariantFile"]
