"""Allow ``python -m resume_builder``."""

from resume_builder.cli import main

if __name__ == "__main__":
    main()
