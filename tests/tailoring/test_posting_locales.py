"""Postings in every built-in language: section headings and company legal forms.

Before: only English, German and French headings were known, so a Spanish posting's
``## Requisitos`` read as a description (its terms preferred, not required) and the terms of
``## Sobre nosotros`` and ``## Qué ofrecemos`` counted; ``NubeCobro S.L., Madrid (híbrido)``
under the title was not read as the company.
"""

from __future__ import annotations

from importlib import resources

import pytest

from resume_builder.tailoring.posting import (ABOUT, BENEFITS, PREFERENCES, REQUIREMENTS, RESPONSIBILITIES,
                                              heading_kind, posting_from_text)
from resume_builder.tailoring.posting_words import SECTION_WORDS
from tests.tailoring.posting_corpus import CORPUS, keywords, read

KINDS = (REQUIREMENTS, PREFERENCES, ABOUT, BENEFITS, RESPONSIBILITIES)

#: One heading of each kind as a posting in each built-in language writes it.
HEADINGS = {
    "en": ("Requirements", "Nice to have", "About us", "What we offer", "What you'll do"),
    "de": ("Dein Profil", "Wünschenswert", "Über uns", "Was wir bieten", "Deine Aufgaben"),
    "fr": ("Profil recherché", "Les plus", "Qui sommes-nous", "Ce que nous offrons", "Vos missions"),
    "es": ("Requisitos", "Se valorará", "Sobre nosotros", "Qué ofrecemos", "¿Qué harás?"),
    "pt": ("Requisitos obrigatórios", "Diferenciais", "Quem somos", "Benefícios", "Responsabilidades"),
    "it": ("Requisiti", "Requisiti preferenziali", "Chi siamo", "Cosa offriamo", "Di cosa ti occuperai"),
    "nl": ("Functie-eisen", "Pluspunten", "Over ons", "Wat bieden wij", "Wat ga je doen"),
    "pl": ("Wymagania", "Mile widziane", "O nas", "Oferujemy", "Zakres obowiązków"),
    "ru": ("Требования", "Будет плюсом", "О компании", "Мы предлагаем", "Обязанности"),
    "tr": ("Aranan Nitelikler", "Tercih sebebi", "Hakkımızda", "Yan haklar", "İş Tanımı"),
    "ar": ("المتطلبات", "ميزة إضافية", "من نحن", "ماذا نقدم", "المسؤوليات"),
    "he": ("דרישות התפקיד", "יתרון", "אודותינו", "מה אנחנו מציעים", "תיאור התפקיד"),
    "hi": ("आवश्यक योग्यता", "वांछनीय", "हमारे बारे में", "हम क्या प्रदान करते हैं", "जिम्मेदारियाँ"),
    "ja": ("応募資格", "歓迎スキル", "会社概要", "福利厚生", "仕事内容"),
    "zh": ("【任职要求】", "加分项", "关于我们", "福利待遇", "岗位职责"),
    "ko": ("자격요건", "우대사항", "회사 소개", "복리후생", "주요업무"),
}


def builtin_locales() -> list[str]:
    return sorted(entry.name.removesuffix(".toml") for entry in (resources.files("resume_builder") / "locales").iterdir()
                  if entry.name.endswith(".toml"))


def test_every_built_in_locale_has_posting_words():
    locales = builtin_locales()
    assert len(locales) >= 16
    assert sorted(HEADINGS) == locales
    assert sorted(SECTION_WORDS) == sorted(set(locales) - {"en", "de", "fr"})  # en, de, fr: in posting.py
    for lang, table in SECTION_WORDS.items():
        assert set(KINDS) <= set(table), lang


@pytest.mark.parametrize("lang", sorted(HEADINGS))
def test_headings_of_each_kind(lang):
    for kind, heading in zip(KINDS, HEADINGS[lang]):
        assert heading_kind(heading) == kind, (lang, heading)
        assert heading_kind(heading, whole=True) == kind, (lang, heading)  # a bare line, too


def test_accents_may_be_left_out():
    assert heading_kind("Que haras") == RESPONSIBILITIES
    assert heading_kind("Requisitos deseables") == PREFERENCES  # the more specific word wins


@pytest.mark.parametrize("line, company", [
    ("NubeCobro S.L., Madrid (híbrido)", "NubeCobro S.L."),
    ("Dati Veloci S.r.l. – Milano", "Dati Veloci S.r.l."),
    ("Banca Esempio S.p.A., Roma", "Banca Esempio S.p.A."),
    ("Exemplo Ltda., São Paulo", "Exemplo Ltda."),
    ("Voorbeeld B.V., Utrecht", "Voorbeeld B.V."),
    ("Przykład Sp. z o.o., Kraków", "Przykład Sp. z o.o."),
    ("Exempel AB, Stockholm", "Exempel AB"),
    ("Örnek Yazılım A.Ş., İstanbul", "Örnek Yazılım A.Ş."),
    ("ООО «Пример», Москва", "ООО «Пример»"),
    ("株式会社サンプル（東京）", "株式会社サンプル"),
    ("示例科技有限公司，北京", "示例科技有限公司"),
    ("Acme Co., Ltd., Seoul", "Acme Co., Ltd."),
    ("Nordlicht Logistik GmbH, Hamburg", "Nordlicht Logistik GmbH"),
])
def test_company_line_with_a_legal_form(line, company):
    assert posting_from_text(f"Ingeniero\n{line}\n\n## Requisitos\n- Go\n", "x.md").company == company


def test_spanish_posting():
    posting = read(CORPUS / "backend-es.md")
    assert posting.company == "Cobros Ejemplo S.L."
    assert posting.headline == "Ingeniero/a de Backend Sénior (Go) en Cobros Ejemplo S.L."
    assert [(s.heading, s.importance) for s in posting.sections[1:]] == [
        ("Sobre nosotros", "ignored"), ("Qué harás", "preferred"), ("Requisitos", "required"),
        ("Se valorará", "preferred"), ("Qué ofrecemos", "ignored")]
    terms = keywords(posting)
    for name in ("Go", "PostgreSQL", "Apache Kafka", "Terraform", "AWS"):
        assert terms[name].importance == "required", name
    for name in ("Kubernetes", "Prometheus", "Rust", "gRPC"):
        assert terms[name].importance == "preferred", name
    assert terms["Rust"].where == ["Se valorará"]
    for name in ("Jira", "Scrum", "Snowflake"):  # about the company, benefits
        assert name not in terms, name


def test_polish_posting():
    posting = read(CORPUS / "data-pl.txt")
    assert posting.company == "Przykładowe Dane Sp. z o.o."
    terms = keywords(posting)
    for name in ("SQL", "Python", "Apache Spark", "BigQuery"):
        assert terms[name].importance == "required", name
    for name in ("Apache Kafka", "Terraform", "dbt"):
        assert terms[name].importance == "preferred", name
    for name in ("Jira", "Scrum", "Snowflake"):
        assert name not in terms, name
