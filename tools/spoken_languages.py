"""Write resume_builder/tailoring/spoken_languages.toml: spoken languages' names from CLDR.

    .venv/bin/python tools/spoken_languages.py

For each language in LANGUAGES, its name in English and in each of the 16 built-in locales
(resume_builder/locales/*.toml), as CLDR gives them (through Babel's copy of the CLDR data,
the version is written into the file). resume_builder/tailoring/spoken.py reads the file, so
tailoring gives the same answer whatever Babel is installed; tests/tailoring/test_spoken.py
checks the file against Babel when Babel carries the same CLDR version.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "resume_builder" / "tailoring" / "spoken_languages.toml"

# The languages of the 16 built-in locales; the 24 official languages of the European Union
# (Regulation No 1 of 1958, as amended); the other official languages of the United Nations
# (all among the first two); and languages job postings in the built-in locales' markets ask
# for beside them (Catalan, Basque, Galician in Spain; Norwegian, Icelandic in the Nordics;
# Ukrainian; South and South-East Asia's; Persian, Swahili, Cantonese, Serbian, Albanian).
LANGUAGES = (
    "ar", "de", "en", "es", "fr", "he", "hi", "it", "ja", "ko", "nl", "pl", "pt", "ru", "tr", "zh",
    "bg", "cs", "da", "el", "et", "fi", "ga", "hr", "hu", "lt", "lv", "mt", "ro", "sk", "sl", "sv",
    "ca", "eu", "gl", "no", "is", "uk", "bn", "ur", "fa", "id", "ms", "vi", "th", "fil", "sw", "yue",
    "sr", "sq",
)


def locales() -> list[str]:
    return sorted(path.stem for path in (REPO / "resume_builder" / "locales").glob("*.toml"))


def render() -> str:
    from babel import Locale
    from babel.core import get_cldr_version

    lines = [
        "# Spoken languages' names in English and in the 16 built-in locales, from CLDR.",
        "# Written by tools/spoken_languages.py: do not edit; run it again instead.",
        "# resume_builder/tailoring/spoken.py reads this file.",
        "",
        f'cldr = "{get_cldr_version()}"',
        "",
    ]
    names = {tag: Locale.parse(tag).languages for tag in locales()}
    for code in LANGUAGES:
        lines.append(f"[languages.{code}]")
        for tag in locales():
            name = names[tag].get(code)
            if name:
                lines.append(f"{tag} = {json.dumps(name, ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
