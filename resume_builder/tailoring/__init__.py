"""Tailoring: one master profile, a résumé per application. Pure functions on objects.

``variants`` applies a variant (a recipe of keep/drop/reorder/override) to a profile;
``keywords`` and ``matching`` compare a job posting with the profile, offline and
deterministically; ``fitting`` fits a page budget (page counting passed in). Nothing here
reads files or keeps state between calls: reading is :mod:`resume_builder.loading`'s job.
"""

from resume_builder.tailoring.variants import tailor

__all__ = ["tailor"]
