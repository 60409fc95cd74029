"""Built-in themes. Installed as ``resume_builder.builtin_themes`` (see pyproject.toml)."""
