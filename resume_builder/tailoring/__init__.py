"""Tailoring: variants and job-description matching."""
