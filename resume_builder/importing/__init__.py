"""Importing résumé data from other tools' files into a profile (``resume-builder import``)."""
