"""Tailoring: one master profile, a résumé per application.

``variants`` applies a variant (a recipe of keep/drop/reorder/override) to a profile;
``select`` finds the variant by name or file and names the output; ``keywords`` and
``matching`` compare a job posting with the profile, offline and deterministically.
"""

from resume_builder.tailoring.variants import check_variant, tailor

__all__ = ["check_variant", "tailor"]
