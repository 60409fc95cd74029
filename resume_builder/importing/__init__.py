"""Importers that turn documents from elsewhere into profiles (``resume-builder import``)."""
