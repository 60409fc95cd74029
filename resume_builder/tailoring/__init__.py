"""Tailoring: one master profile, a résumé per application.

``variants`` applies a variant (a recipe of keep/drop/reorder/override) to a profile;
``select`` finds the variant by name or file and names the output; ``posting`` finds a
job posting's structure (what it requires, prefers, or does not ask); ``keywords`` finds
its terms; ``matching`` compares them with the profile (evidence, ranking, what survives);
``fitting`` fits a page budget, by relevance when a posting is given. All offline,
deterministic and free of I/O.
"""

from resume_builder.tailoring.variants import check_variant, tailor

__all__ = ["check_variant", "tailor"]
