"""The fast YAML path asks for the YAML version once per load (loading/source.py, issue 20:
warm re-render) and reads every document as ruamel's own resolver does."""

from __future__ import annotations

import pytest
from ruamel.yaml.resolver import VersionedResolver

from resume_builder.loading import source

DOCUMENTS = [
    "a: no\nb: yes\nc: on\nd: 0o17\ne: 017\nf: 1_000\ng: 1.5e3\nh: ~\ni: 2020-01-01\nj: 12:30:45\nk: .inf\n",
    "%YAML 1.1\n---\na: no\nb: 017\nc: 1:30\n",
    "%YAML 1.2\n---\nlist: [1, two, 3.0, null, true, False]\n",
    "text: 'quoted: no'\nblock: |\n  several\n  lines\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_data_is_what_ruamels_own_resolver_reads(text):
    fast = source.parse_yaml_fast(text, "x.yaml")
    assert fast is not None
    assert fast.data == source._plain(source._yaml("safe").load(text), 0, [0])


def test_the_version_is_looked_up_once_per_load(monkeypatch):
    calls = []
    looked_up = VersionedResolver.processing_version.fget

    def counting(self):
        calls.append(self)
        return looked_up(self)

    monkeypatch.setattr(VersionedResolver, "processing_version", property(counting))
    monkeypatch.setattr(source, "_ONCE_VERSIONED", {})
    assert source.parse_yaml_fast(DOCUMENTS[0], "x.yaml") is not None
    assert len(calls) == 1
    calls.clear()
    source._yaml("safe").load(DOCUMENTS[0])
    assert len(calls) > 10  # ruamel's own: three lookups per scalar
