"""Tailoring: one master profile, a résumé per application. Pure functions on objects.

``variants`` applies a variant (a recipe of keep/drop/reorder/override) to a profile;
``posting`` finds a job posting's structure (what it requires, prefers, or does not ask);
``keywords`` finds its terms; ``matching`` compares them with the profile (evidence,
ranking, what survives); ``fitting`` fits a page budget (page counting passed in), by
relevance when a posting is given. All offline and deterministic. Nothing here reads
files or keeps state between calls: reading is :mod:`resume_builder.loading`'s job.
"""

from resume_builder.tailoring.variants import tailor

__all__ = ["tailor"]
