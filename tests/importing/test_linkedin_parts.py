"""The parts of the LinkedIn import: dates, CSV tables, free text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resume_builder.importing.linkedin_csv import CsvProblem, read_table
from resume_builder.importing.linkedin_dates import DateProblem, month_names, parse_linkedin_date
from resume_builder.importing.linkedin_text import literal, split_description
from resume_builder.markdown import plain_text


@pytest.mark.parametrize("text, expected", [
    ("Mar 2019", "2019-03"), ("March 2019", "2019-03"), ("mar. 2019", "2019-03"), ("Sept 2019", "2019-09"),
    ("2019", "2019"), ("2019-03", "2019-03"), ("2019-03-12", "2019-03-12"), ("2019/3", "2019-03"),
    ("Mar 12, 2019", "2019-03-12"), ("12 Mar 2019", "2019-03-12"), ("03/2019", "2019-03"),
    ("12/25/2019", "2019-12-25"), ("25.12.2019", "2019-12-25"), ("03/03/2019", "2019-03-03"),
    ("3/12/2019, 10:21 AM", None), ("Mar 12, 2019 10:21", "2019-03-12"),
    ("mars 2019", "2019-03"), ("12. März 2019", "2019-03-12"), ("mar. de 2019", "2019-03"),
    ("marzo de 2019", "2019-03"), ("Μαρ 2019", "2019-03"), ("мар. 2019 г.", "2019-03"), ("maj 2020", "2020-05"),
    ("2019年3月", "2019-03"), ("2019년 3월 12일", "2019-03-12"), ("  Mar   2019 ", "2019-03"),
])
def test_dates(text, expected):
    if expected is None:
        with pytest.raises(DateProblem, match="ambiguous"):
            parse_linkedin_date(text)
    else:
        assert parse_linkedin_date(text) == expected


@pytest.mark.parametrize("text, why", [
    ("", "no date given"), ("Summer 2019", "'Summer' is no month name"), ("2019-13", "month 13 does not exist"),
    ("Feb 30, 2019", "day 30 does not exist"), ("1850", "out of range"), ("Mar", "no year"),
    ("03/04/2019", "ambiguous"), ("19", "not a date"), ("Mar 2019 2020", "not a date"),
])
def test_dates_not_guessed(text, why):
    with pytest.raises(DateProblem, match=why):
        parse_linkedin_date(text)


def test_a_month_name_meaning_two_months_is_not_read(monkeypatch):
    from resume_builder.importing import linkedin_dates

    assert month_names()["mar"] == 3 and month_names()["décembre"] == 12
    monkeypatch.setattr(linkedin_dates, "MONTH_LOCALES", ("pl", "hr"))  # listopad: November in Polish,
    month_names.cache_clear()                                            # October in Croatian
    try:
        names = month_names()
        assert "listopad" not in names and names["styczeń"] == 1
        with pytest.raises(DateProblem, match="'listopad' is no month name"):
            parse_linkedin_date("listopad 2019")
    finally:
        month_names.cache_clear()


def test_table_with_notes_crlf_bom_and_loose_column_names():
    data = codecs.BOM_UTF8 + ('Notes:\r\n"Some, notes\r\nover lines"\r\n\r\n'
                              ' company  name ,TITLE,Extra\r\nExemplo,"Dev,\r\nlead",x\r\n,,\r\n').encode("utf-8")
    table = read_table(data, "Positions.csv", "Company Name", ("Company Name", "Title", "Location"))
    assert table.notes_skipped == 3 and table.columns == ["company name", "TITLE", "Extra"]
    assert [(row.line, row.get("Company Name"), row.get("title"), row.get("Location")) for row in table.rows] == [
        (6, "Exemplo", "Dev,\nlead", "")]
    assert table.unknown_columns == ["Extra"] and table.missing_columns == ["Location"]
    assert table.encoding_note is None


def test_table_without_its_header_is_a_problem():
    with pytest.raises(CsvProblem, match="no header row with a 'Company Name' column"):
        read_table(b"Name\r\nPython\r\n", "Positions.csv", "Company Name", ("Company Name",))


def test_table_of_utf16_and_control_characters():
    table = read_table("Name\r\nGo\x07lang\r\n".encode("utf-16"), "Skills.csv", "Name", ("Name",))
    assert [row.get("Name") for row in table.rows] == ["Golang"] and table.encoding_note == "read as UTF-16"


def test_descriptions_split_into_summary_and_highlights():
    assert split_description("One line.") == ("One line.", [])
    assert split_description("First line.\nSecond line.") == ("First line.\n\nSecond line.", [])
    assert split_description("Intro.\n• One\n• Two\n  continued\n\nAfter.") == \
        ("Intro.", ["One", "Two continued", "After."])
    assert split_description("- a\n* b\n1. c\n2) d\n– e") == (None, ["a", "b", "c", "d", "e"])
    assert split_description("-5% costs") == ("-5% costs", [])  # a dash without a space is no bullet
    assert split_description("• **not bold**") == (None, ["\\*\\*not bold\\*\\*"])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_literal_prints_exactly_the_text(text):
    assert plain_text(literal(text)) == text
