"""`tailor --lang` / `--locale`: a posting matched against the texts of one language.

User trial: matching an Arabic posting against the Arabic texts of a multilingual profile
needed a variant file with ``lang: ar``; ``tailor --lang ar`` was "No such option: --lang".
``tailor`` takes ``--lang`` and ``--locale`` as ``render`` (and ``check``) do.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.loading.variants import load_variant_file

runner = CliRunner()

PROFILE = """\
lang: he
basics:
  name: {he: נועה בן-דוד, ar: نوعا بن دافيد}
  email: noa@example.com
experience:
  - id: carmel
    company: {he: כרמל מערכות, ar: كرمل سيستمز}
    position: {he: ראש צוות, ar: قائدة فريق}
    start: 2022-03
    highlights:
      - {he: הובלתי צוות של חמישה מפתחים, ar: قدت فريقًا من خمسة مطورين باستخدام Kafka}
      - {he: בניתי שירותים ב-Python, ar: بنيت خدمات بلغة Python}
      - he: כתבתי בדיקות
"""

POSTING = "# مهندسة Backend — ناحشون تك\n\n## المتطلبات\n- خبرة في Python\n- خبرة في Kafka\n"


def files(tmp_path):
    profile = tmp_path / "noa.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    job = tmp_path / "job-ar.md"
    job.write_text(POSTING, encoding="utf-8")
    return profile, job


def report(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def covered(data):
    return sorted(k["keyword"] for k in data["keywords"] if k["covered"])


def test_lang_matches_the_texts_of_that_language(tmp_path):
    profile, job = files(tmp_path)
    hebrew = report(runner.invoke(app, ["tailor", str(profile), "--job", str(job), "--json"]))
    arabic = report(runner.invoke(app, ["tailor", str(profile), "--job", str(job), "--json", "--lang", "ar"]))
    assert "Apache Kafka" not in covered(hebrew)  # only the Arabic highlight names Kafka
    assert "Apache Kafka" in covered(arabic)
    assert "--lang ar" in arabic["render_command"]


def test_lang_warns_of_the_texts_it_has_not(tmp_path):
    profile, job = files(tmp_path)
    result = runner.invoke(app, ["tailor", str(profile), "--job", str(job), "--lang", "ar"])
    assert result.exit_code == 0, result.output
    assert "warning: no 'ar' text for experience[0].highlights[2]; used 'he'" in result.output


def test_locale_reaches_the_page_budget_and_the_render_command(tmp_path):
    profile, job = files(tmp_path)
    data = report(runner.invoke(app, ["tailor", str(profile), "--job", str(job), "--json", "--lang", "ar",
                                      "--locale", "ar-AE", "--max-pages", "1"]))
    assert "--lang ar --locale ar-AE --max-pages 1" in data["render_command"]


def test_the_written_variant_holds_the_language(tmp_path):
    profile, job = files(tmp_path)
    written = tmp_path / "ar.yaml"
    result = runner.invoke(app, ["tailor", str(profile), "--job", str(job), "--lang", "ar",
                                 "--write-variant", str(written)])
    assert result.exit_code == 0, result.output
    assert load_variant_file(written)[0].lang == "ar"
    assert "--lang" not in result.output.split("Render the résumé tailored to this posting with:")[1]


def test_a_wrong_language_or_locale_is_refused_before_matching(tmp_path):
    profile, job = files(tmp_path)
    for option, value, said in (("--lang", "iw", "'iw' is not a language (did you mean 'he'?"),
                                ("--locale", "iw", "'iw' is not a known locale (did you mean 'he'?"),
                                ("--lang", " ", "the language is empty")):
        result = runner.invoke(app, ["tailor", str(profile), "--job", str(job), option, value])
        assert result.exit_code == 2
        assert said in result.output
        assert "Keyword coverage" not in result.output


def test_the_help_names_both_options():
    result = runner.invoke(app, ["tailor", "--help"], env={"COLUMNS": "200"})
    assert "--lang" in result.output and "--locale" in result.output
