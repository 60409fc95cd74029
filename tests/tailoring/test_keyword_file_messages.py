"""Keyword-alias files' problems (``tailor --keywords FILE``), each at file:line:col, all told
together, in plain words (user trial: ``kw4.toml: aliases.Kubernetes[1]: expected text, found
the text ''``, and no TOML problem had a place)."""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.pipeline import read_extension_file

EMPTY = "empty alias (remove it or write the alias)"


def _problems(tmp_path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_extension_file(path)
    return [str(problem).replace(str(tmp_path) + "/", "") for problem in caught.value.problems]


def test_toml_empty_alias_from_the_trial(tmp_path):
    assert _problems(tmp_path, "kw4.toml", '[aliases]\nKubernetes = ["k8s", ""]\n') == [
        f"kw4.toml:2:22: aliases.Kubernetes[1]: {EMPTY}"]


def test_toml_table_given_a_value(tmp_path):
    assert _problems(tmp_path, "kw2.toml", "aliases = 3\n") == [
        "kw2.toml:1:11: aliases: expected a mapping (Name: [alias, ...]), found the number 3 "
        '(write a table: [aliases], then Name = ["alias", ...] under it)']


def test_toml_every_problem_at_its_place(tmp_path):
    text = ('alias = {a = ["b"]}\n[implies]\nEKS = 3\nGKE = [" "]\n[aliases]\nK = [1, "  "]\nX = {y = 1}\n'
            'Go = ""\n"" = ["x"]\nHelm = [\n  "helm3",\n  "",\n]\n')
    assert _problems(tmp_path, "kw.toml", text) == [
        "kw.toml:1:1: alias: unknown field 'alias' (did you mean 'aliases'?)",
        "kw.toml:3:7: implies.EKS: expected a list of text, found the number 3",
        "kw.toml:4:8: implies.GKE[0]: empty term (remove it or write the term it implies)",
        "kw.toml:6:6: aliases.K[0]: expected text, found the number 1 (put it in quotes to make it text)",
        f"kw.toml:6:9: aliases.K[1]: {EMPTY}",
        "kw.toml:7:5: aliases.X: expected a list of text, found a mapping",
        f"kw.toml:8:6: aliases.Go: {EMPTY}",
        "kw.toml:9:1: aliases.\"\": empty term name (remove the entry or write the term's name)",
        f"kw.toml:12:3: aliases.Helm[1]: {EMPTY}",
    ]


def test_toml_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbf[aliases]\nK = [""]\n')
    with pytest.raises(UserError) as caught:
        read_extension_file(path)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems] == [f"bom.toml:2:6: aliases.K[0]: {EMPTY}"]


def test_yaml_problems(tmp_path):
    text = 'aliases:\n  Kubernetes: [k8s, "", "\\ud800"]\n  "": [a]\n  Go:\nimplies: [a]\nalais: {}\n'
    assert _problems(tmp_path, "kw.yaml", text) == [
        f"kw.yaml:2:21: aliases.Kubernetes[1]: {EMPTY}",
        "kw.yaml:2:25: aliases.Kubernetes[2]: '\\ud800' is half of a UTF-16 surrogate pair, not a character "
        '(write the character itself or its \\U escape, e.g. "\\U0001F600")',
        "kw.yaml:3:3: aliases.\"\": empty term name (remove the entry or write the term's name)",
        "kw.yaml:4:3: aliases.Go: expected a list of text, found nothing (null) (write its aliases after it, or remove it)",
        "kw.yaml:5:10: implies: expected a mapping (Name: [term it implies, ...]), found a list",
        "kw.yaml:6:1: alais: unknown field 'alais' (did you mean 'aliases'?)",
    ]


def test_json_problems(tmp_path):
    assert _problems(tmp_path, "kw.json", '{"aliases": {"Kubernetes": ["k8s", "", 2]}, "implies": 4}') == [
        f"kw.json:1:36: aliases.Kubernetes[1]: {EMPTY}",
        "kw.json:1:40: aliases.Kubernetes[2]: expected text, found the number 2 (put it in quotes to make it text)",
        "kw.json:1:56: implies: expected a mapping (Name: [term it implies, ...]), found the number 4",
    ]


def test_a_good_toml_file_still_reads(tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text('[aliases]\nKubernetes = ["k8s"]\nGo = "golang"\n[implies]\nEKS = ["Kubernetes"]\n', encoding="utf-8")
    assert read_extension_file(path) == {"aliases": {"Kubernetes": ["k8s"], "Go": "golang"},
                                         "implies": {"EKS": ["Kubernetes"]}}
