"""Importers that turn files from elsewhere (LinkedIn data exports, PDF and DOCX résumés) into profiles (``resume-builder import``)."""
