"""One module per output format; each renders a Document, never the raw profile."""
