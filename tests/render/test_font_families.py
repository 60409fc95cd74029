"""A font-family no font here provides is named, not silently replaced (render/font_families.py)."""

from __future__ import annotations

import shutil

from resume_builder import pipeline
from resume_builder.render.font_families import declared_lists, installed_as, unknown_family_warnings
from tests.conftest import REPO, brief_example

MISSING = "Zzyzx Grotesk Nowhere"  # a family no machine has


def test_the_lists_are_found_wherever_the_css_puts_them():
    css = ('@font-face { font-family: "Brand Sans"; src: url(x.ttf); }\n'
           "body { font-family: 'Brand Sans', serif; }\n"
           "@media print { h1 { font: italic bold 12pt/1.2 Brand Serif, serif; } }\n"
           "@page { @bottom-center { font-family: Footer Face; } }\n"
           "p { font: small-caps 10px sans-serif; color: red; }\n")
    faces, lists = declared_lists(css)
    assert faces == {"brand sans"}
    assert lists == [(2, 8, ["Brand Sans", "serif"]), (3, 21, ["Brand Serif", "serif"]),
                     (4, 26, ["Footer Face"]), (5, 5, ["sans-serif"])]


def test_a_missing_first_choice_is_named_with_where_it_is_and_what_is_used():
    css = f'@font-face {{ font-family: "Brand Sans"; }}\nbody {{ font-family: "{MISSING}", "Brand Sans"; }}\n'
    (warning,) = unknown_family_warnings(css)
    assert warning.startswith(f'font-family "{MISSING}" at 2:8 is neither a font of the theme nor installed')
    assert 'the next family of the list, "Brand Sans"' in warning
    (generic,) = unknown_family_warnings(f"body {{ font-family: '{MISSING}', serif; }}")
    assert f'"{installed_as("serif")[1]}" (this machine\'s serif)' in generic


def test_a_misspelt_family_gets_a_did_you_mean():
    (warning,) = unknown_family_warnings('.name { font-family: "Noto Sanz"; }', ("Noto Sans",))
    assert 'did you mean "Noto Sans"?' in warning


def test_provided_generic_and_installed_families_are_not_reported():
    css = ('@font-face { font-family: "Brand Sans"; }\n'
           'a { font-family: "brand sans"; } b { font-family: serif; } i { font-family: inherit; }\n'
           'c { font-family: "DejaVu Sans Mono"; } d { font-family: "Noto Sans"; }\n')  # installed by the set-up
    assert unknown_family_warnings(css, ("Noto Sans",)) == []
    assert installed_as("DejaVu Sans Mono") == (True, "DejaVu Sans Mono")
    assert installed_as(MISSING)[0] is False


def test_a_family_is_named_once_however_often_the_css_asks_for_it():
    css = f"a {{ font-family: '{MISSING}'; }} b {{ font-family: '{MISSING}', serif; }}"
    assert len(unknown_family_warnings(css)) == 1


def test_a_theme_asking_for_a_font_nobody_has_is_warned_on_every_render(tmp_path):
    theme = tmp_path / "fira"
    shutil.copytree(REPO / "themes" / "classic", theme)
    style = theme / "templates" / "style.css.j2"
    style.write_text(style.read_text(encoding="utf-8") + f'\nbody {{ font-family: "{MISSING}", serif; }}\n',
                     encoding="utf-8")
    profile = brief_example(tmp_path)
    seen = []
    for _ in range(2):  # the second render reuses the parsed style sheet: the warning comes again
        job = pipeline.prepare(profile, theme_dir=theme)
        (rendered,) = pipeline.render(job, "pdf", tmp_path / "out.pdf")
        seen.append([w for w in rendered.warnings if "font-family" in w])
    assert len(seen[0]) == 1 and seen[0] == seen[1]
    assert seen[0][0].endswith(f'its templates render it: body {{ font-family: "{MISSING}", serif; }})')


def test_the_built_in_themes_ask_for_no_missing_font(tmp_path):
    profile = brief_example(tmp_path)
    for theme in ("classic", "modern", "compact"):
        job = pipeline.prepare(profile, theme_name=theme)
        (rendered,) = pipeline.render(job, "pdf", tmp_path / f"{theme}.pdf")
        assert not [w for w in rendered.warnings if "font-family" in w], theme


def test_a_theme_whose_css_the_cache_cannot_serve_is_checked_too(tmp_path):
    """A ``style=`` attribute in a template sends the page down WeasyPrint's own style sheet
    parsing, which skipped the check (fresh trial)."""
    theme = tmp_path / "inline"
    shutil.copytree(REPO / "themes" / "classic", theme)
    style = theme / "templates" / "style.css.j2"
    style.write_text(style.read_text(encoding="utf-8") + f'\n.headline {{ font-family: "{MISSING}"; }}\n',
                     encoding="utf-8")
    header = theme / "templates" / "header.html.j2"
    header.write_text(header.read_text(encoding="utf-8").replace('<h1 class="name"', '<h1 class="name" style="color: red"'),
                      encoding="utf-8")
    assert 'style="color: red"' in header.read_text(encoding="utf-8")
    job = pipeline.prepare(brief_example(tmp_path), theme_dir=theme)
    (rendered,) = pipeline.render(job, "pdf", tmp_path / "out.pdf")
    assert [w for w in rendered.warnings if f'font-family "{MISSING}"' in w]
