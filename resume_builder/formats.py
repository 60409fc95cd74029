"""Output formats and their file extensions (no heavy imports: used on start-up paths)."""

FORMATS = ("pdf", "html", "png", "docx", "md", "txt")
EXTENSIONS = {"pdf": "pdf", "html": "html", "png": "png", "docx": "docx", "md": "md", "txt": "txt"}
CHECKABLE = ("pdf", "docx")
