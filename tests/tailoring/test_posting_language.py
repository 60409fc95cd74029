"""A posting's own words: headings as written, the company line, "at" in its language.

Before: the "In the posting" column showed ``deine aufgaben`` (lower-cased), a French title
read "… at Lumière Analytics", and a German company line ``Nordlicht Logistik GmbH, Hamburg``
under the title was not taken as the company.
"""

from __future__ import annotations

from resume_builder.pipeline import builtin_vocabulary
from resume_builder.tailoring.keywords import extract_keywords
from resume_builder.tailoring.posting import posting_from_text

GERMAN = """DevOps Engineer (m/w/d)
Beispiel Logistik GmbH, Hamburg

Über uns
Wir sind ein Logistikunternehmen und arbeiten mit Partnern in der ganzen Welt.

Deine Aufgaben
- Du betreibst unsere Kubernetes-Cluster und automatisierst mit Terraform.
"""

FRENCH = """Ingénieur Data (H/F) – Lyon
Société : Exemple Analytique

Missions
- Vous construisez des pipelines avec Python et Airflow pour nos équipes.
"""


def test_german_company_line_and_headings_as_written():
    posting = posting_from_text(GERMAN, "de.txt")
    assert posting.company == "Beispiel Logistik GmbH"
    assert posting.headline == "DevOps Engineer (m/w/d) bei Beispiel Logistik GmbH"
    found = {k.name: k for k in extract_keywords(posting, builtin_vocabulary())}
    assert "Deine Aufgaben" in found["Kubernetes"].where


def test_french_title_uses_the_french_word():
    posting = posting_from_text(FRENCH, "fr.txt")
    assert posting.company == "Exemple Analytique"
    assert posting.headline == "Ingénieur Data (H/F) chez Exemple Analytique"  # the place is not the title


def test_english_title_keeps_at():
    posting = posting_from_text("Site Reliability Engineer at Example Corp\n\nWe run our own cloud.\n", "en.txt")
    assert posting.headline == "Site Reliability Engineer at Example Corp"
