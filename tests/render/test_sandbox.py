"""The sandbox's tables of size checks name real filters and methods, and apply them."""

import pytest
from jinja2 import DictLoader
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from resume_builder.limits import MAX_TEMPLATE_STRING
from resume_builder.render.sandbox import FILTER_SIZE_CHECKS, STR_METHOD_SIZE_CHECKS, LimitedSandbox, render_template


def test_every_filter_in_the_table_is_a_jinja_filter():
    """A misspelt name would silently leave the real filter with only the common checks."""
    assert set(FILTER_SIZE_CHECKS) <= set(SandboxedEnvironment().filters)


def test_every_method_in_the_table_is_a_str_method():
    assert all(callable(getattr(str, name, None)) for name in STR_METHOD_SIZE_CHECKS)


@pytest.mark.parametrize("source", [
    "{{ 'ab' | replace('a', 'a' * 1000) | replace('a', 'a' * 100000) }}",
    "{{ (['x' * 100000] * 300) | join('') }}",
    "{{ ('a\\n' * 100000) | indent(width=99999) }}",
    "{{ ('a ' * 100000) | wordwrap(1, wrapstring='x' * 9999) }}",
    "{{ ('a' * 1000).replace('a', 'b' * 100000) }}",
    "{{ ('\\t' * 1000).expandtabs(99999) }}",
])
def test_each_declared_check_stops_its_blow_up(source):
    env = LimitedSandbox(loader=DictLoader({"t": source}), autoescape=True)
    with pytest.raises(SecurityError, match=f"more than {MAX_TEMPLATE_STRING:,}"):
        render_template(env, "t")


def test_filters_outside_the_table_still_work():
    env = LimitedSandbox(loader=DictLoader({"t": "{{ [3, 1, 2] | sort | join(',') }}|{{ 'a b' | title }}"}))
    assert render_template(env, "t") == "1,2,3|A B"
