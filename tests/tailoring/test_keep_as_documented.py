"""`keep:` in a variant does what the README says (issue 18): an exception to `select`,
not a list of the only entries shown.

The README's own example is read from README.md and applied to the example profile; the
expected projects are computed from the profile's tags, not from our document model.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.schema.variant import Variant
from resume_builder.tailoring import tailor
from tests.conftest import EXAMPLE

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_example() -> tuple[str, dict]:
    text = README.read_text(encoding="utf-8")
    start = text.index("**`keep:` is an exception to `select`")
    block = re.search(r"```yaml\n(.*?)```", text[start:], re.S)
    assert block, "the README's keep: paragraph has its example"
    (name, variant), = YAML(typ="safe").load(block.group(1))["variants"].items()
    return name, variant


def _projects_in_file() -> list[tuple[str, list[str]]]:
    data = YAML(typ="safe").load(EXAMPLE.read_text(encoding="utf-8"))
    return [(p["id"], p.get("tags") or []) for p in data["projects"]]


def test_the_readme_example_shows_the_filtered_projects_and_the_kept_one():
    _, spec = _readme_example()
    wanted_tags = set(spec["select"]["projects"]["any"])
    kept_ids = set(spec["keep"])
    expected = [pid for pid, tags in _projects_in_file() if wanted_tags & set(tags) or pid in kept_ids]
    assert len(expected) > len(kept_ids), "the filter keeps projects of its own"
    assert any(not wanted_tags & set(tags) for pid, tags in _projects_in_file() if pid in kept_ids)
    profile = load_profile(EXAMPLE).profile
    shown = [p.id for p in tailor(profile, Variant.model_validate(spec)).projects]
    assert shown == expected


def test_keep_without_select_changes_nothing():
    profile = load_profile(EXAMPLE).profile
    everything = [pid for pid, _ in _projects_in_file()]
    shown = [p.id for p in tailor(profile, Variant(keep=[everything[-1]])).projects]
    assert shown == everything


def test_keep_cannot_show_a_section_left_out_nor_an_id_also_dropped():
    profile = load_profile(EXAMPLE).profile
    pid = _projects_in_file()[0][0]
    with pytest.raises(UserError, match="which this variant does not show"):
        tailor(profile, Variant(sections=["summary", "experience"], keep=[pid]))
    with pytest.raises(UserError, match="both kept and dropped"):
        tailor(profile, Variant(keep=[pid], drop=[pid]))


def test_a_kept_role_shows_with_its_dropped_company(tmp_path):
    path = tmp_path / "roles.yaml"
    path.write_text("""\
basics: {name: Kit Sample}
experience:
  - id: acme
    company: Acme
    roles:
      - {id: acme-lead, position: Lead, start: 2020-01}
      - {id: acme-dev, position: Developer, start: 2016-01, end: 2019-12}
""", encoding="utf-8")
    profile = load_profile(path).profile
    (company,) = tailor(profile, Variant(drop=["acme"], keep=["acme-dev"])).experience
    assert [r.position for r in company.roles] == ["Developer"]
