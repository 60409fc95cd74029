"""A build target's ``posting`` and ``max_pages`` tailor its résumé as ``render --max-pages N --job POSTING`` does.

A target with ``posting = "postings/kranich.txt"`` wrote a résumé byte-identical to the
untailored one: the posting filled the letter alone, and the build said nothing; ``max_pages``
was an unknown key (user trial). So a one-page résumé tailored to a posting could not be built
in CI except inside a bundle. Now the posting ranks what the target's page budget (or its
variant's) cuts, the budget's report is in the build's output, both count in the input hash,
and a posting with no budget to rank is refused at its line of the build file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.building.config import BuildConfig, Target, expand
from resume_builder.cli import app

runner = CliRunner()

#: Ten jobs, each with three infrastructure and three front-end highlights: two pages untailored,
#: so one page keeps what the posting asks for.
OPS = ["Ran the Kubernetes clusters of {c}, upgrading them twice a year without an hour of downtime.",
       "Wrote the Terraform modules for the AWS accounts, networks and databases of {c}.",
       "Set up the Prometheus alerts and the Grafana dashboards that {c}'s on-call engineers read first."]
WEB = ["Built the React design system of {c}, with visual tests for every one of its components.",
       "Moved the TypeScript front end of {c} to server-side rendering, halving the first paint on phones.",
       "Wrote the CSS component library and the Storybook that {c}'s designers and developers share."]
COMPANIES = ["Acme Cloud", "Beta Shop", "Gamma Media", "Delta Agency", "Epsilon Labs", "Zeta Travel", "Eta Bank",
             "Theta Games", "Iota Health", "Kappa Freight"]


def _profile() -> str:
    lines = ["basics:", "  name: Robin Sample", "  email: robin@example.org", "  headline: Software Engineer",
             "summary: Engineer who has built web front ends and run cloud infrastructure for a decade.",
             "experience:"]
    for n, company in enumerate(COMPANIES):
        lines += [f"  - id: job{n}", f"    company: {company}", "    position: Engineer",
                  f"    start: {2022 - 2 * n}-01", *([f"    end: {2023 - 2 * n}-12"] if n else []), "    highlights:"]
        lines += [f'      - "{text.format(c=company)}"' for pair in zip(OPS, WEB) for text in pair]
    lines += ["variants:", "  budgeted:", "    max_pages: 2", "  open:", "    sections: [summary, experience]"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "me.yaml").write_text(_profile(), encoding="utf-8")
    (tmp_path / "postings").mkdir()
    (tmp_path / "postings" / "ops.md").write_text(
        "Platform Engineer\nAcme Ops\n\nRequirements\n- Kubernetes and Helm\n- Terraform on AWS\n"
        "- Prometheus, Grafana\n", encoding="utf-8")
    (tmp_path / "postings" / "web.md").write_text(
        "Frontend Engineer\nWebby Ltd\n\nRequirements\n- React and TypeScript\n- CSS and Storybook\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


def _build_file(project: Path, targets: str) -> None:
    (project / "resume-builder.toml").write_text(f'out_dir = "out"\ncheck = false\n{targets}', encoding="utf-8")


@pytest.mark.slow
def test_a_targets_posting_tailors_its_resume_to_one_page_as_render_job_does(project):
    _build_file(project, '\n[[targets]]\nprofile = "me.yaml"\nformats = ["txt"]\n'
                         '\n[[targets]]\nprofile = "me.yaml"\nposting = "postings/ops.md"\nmax_pages = 1\n'
                         'formats = ["pdf", "txt"]\n'
                         '\n[[targets]]\nprofile = "me.yaml"\nposting = "postings/web.md"\nmax_pages = 1\n'
                         'formats = ["txt"]\nname = "web-{document}"\n')
    result = runner.invoke(app, ["build", "-j", "1", "--no-server"])
    assert result.exit_code == 0, result.output
    out = project / "out"
    untailored = (out / "me.txt").read_text(encoding="utf-8")
    ops = (out / "me+ops-1page.txt").read_text(encoding="utf-8")  # named as render --job names it
    web = (out / "web-resume.txt").read_text(encoding="utf-8")  # a name given is the name written
    assert ops != untailored and web != untailored
    assert "Ran the Kubernetes clusters of Beta Shop" in ops and "Built the React design system of Beta Shop" not in ops
    assert "Built the React design system of Beta Shop" in web and "Ran the Kubernetes clusters of Beta Shop" not in web
    assert "Ran the Kubernetes clusters of Beta Shop" in untailored and "Built the React design system of Beta Shop" \
        in untailored
    manifest = {entry["file"]: entry for entry in json.loads((out / "manifest.json").read_text())["files"]}
    assert manifest["me+ops-1page.pdf"]["pages"] == 1
    # the page budget's report, under the first file of each résumé (its PDF and text are one document)
    assert result.output.count("page budget 1: relevance kept") == 2, result.output
    assert "            page budget 1: kept for the posting: Kubernetes: " in result.output
    # the same bytes as render --max-pages 1 --job
    rendered = runner.invoke(app, ["render", "me.yaml", "--max-pages", "1", "--job", "postings/ops.md", "-f", "txt",
                                   "--out-dir", "r", "--no-server"])
    assert rendered.exit_code == 0, rendered.output
    assert (project / "r" / "me+ops-1page.txt").read_bytes() == (out / "me+ops-1page.txt").read_bytes()


def test_tailored_resume_targets_are_named_and_asked_for_as_render_job_does(project):
    config = BuildConfig.model_validate({"targets": [
        {"profile": "me.yaml", "variants": ["", "budgeted"], "posting": "postings/ops.md", "max_pages": 1,
         "documents": ["resume"], "formats": ["pdf"]},
        {"profile": "me.yaml", "variants": ["budgeted"], "posting": "postings/ops.md", "formats": ["md"]},
        {"profile": "me.yaml", "max_pages": 2, "formats": ["md"]}]})
    targets = expand(config, project)
    assert [t.output.name for t in targets] == ["me+ops-1page.pdf", "me-budgeted+ops-1page.pdf",
                                                "me-budgeted+ops.md", "me-2pages.md"]
    request = targets[0].request()
    assert (request.posting, request.max_pages) == (project / "postings" / "ops.md", 1)
    assert targets[2].request().max_pages is None and targets[2].posting == project / "postings" / "ops.md"
    assert targets[3].request().max_pages == 2 and targets[3].posting is None


def test_a_letter_takes_the_posting_but_not_the_resumes_page_budget(project):
    (project / "me.yaml").write_text(_profile() + "letters:\n  hello:\n    body: [\"Dear {company}.\"]\n",
                                     encoding="utf-8")
    config = BuildConfig.model_validate({"targets": [
        {"profile": "me.yaml", "posting": "postings/ops.md", "max_pages": 1, "documents": ["resume", "letter"],
         "formats": ["md"], "bundle": True}]})
    resume, letter, bundle = expand(config, project)
    assert (resume.max_pages, letter.max_pages, bundle.max_pages) == (1, None, 1)
    assert letter.posting == resume.posting == bundle.posting
    assert letter.request().max_pages is None  # the letter keeps its own budget, one page


@pytest.mark.parametrize("target, expected", [
    # no budget: nothing for the posting to rank (render --job without --max-pages is refused too)
    ('profile = "me.yaml"\nposting = "postings/ops.md"\n',
     ":6:11: targets[0].posting: a posting tailors the résumé by ranking what its page budget cuts, as render "
     "--job does, but the untailored profile has no max_pages (add max_pages = N here, as render --max-pages N "
     "--job POSTING; or keep the posting for the letter alone: documents = [\"letter\"] here, the résumé in a "
     "target of its own)"),
    ('profile = "me.yaml"\nvariants = ["*"]\nposting = "postings/ops.md"\n',
     ":7:11: targets[0].posting: a posting tailors the résumé by ranking what its page budget cuts, as render "
     "--job does, but variant 'open' has no max_pages ("),
    ('profile = "me.yaml"\nmax_pages = 0\n',
     ":6:13: targets[0].max_pages: 0 pages is fewer than a page budget may be (1 page); give 1 to 100"),
    ('profile = "me.yaml"\nmax_pages = "one"\n',
     ":6:13: targets[0].max_pages: must be a whole number of pages written without quotes, e.g. 2, not the text "
     "'one'\n"),
    ('profile = "me.yaml"\nmax_pages = true\n',
     ":6:13: targets[0].max_pages: must be a whole number of pages, e.g. 2, not true"),
    ('profile = "me.yaml"\nmax_pages = 1.5\n',  # pydantic's own words were shown ("got a number with a fractional part")
     ":6:13: targets[0].max_pages: must be a whole number of pages, e.g. 2, not 1.5"),
    ('profile = "me.yaml"\nmax_page = 1\n', ":6:1: targets[0].max_page: unknown key 'max_page' (did you mean "
                                             "'max_pages'?)"),
    ('profile = "me.yaml"\ndocuments = ["letter"]\nletter = "l.yaml"\nmax_pages = 1\n',
     ":8:13: targets[0].max_pages: max_pages is the résumé's page budget, and this target builds no résumé"),
])
def test_a_posting_without_a_budget_and_a_bad_max_pages_are_at_their_line(project, target, expected):
    (project / "l.yaml").write_text("profile: me.yaml\nbody: [\"Dear team.\"]\n", encoding="utf-8")
    _build_file(project, f'\n[[targets]]\n{target}formats = ["md"]\n')
    result = runner.invoke(app, ["build", "-j", "1", "--no-server"])
    assert result.exit_code == 2, result.output
    assert f"error: resume-builder.toml{expected}" in result.output
    assert "Traceback" not in result.output and not (project / "out").exists()


def test_a_posting_with_the_variants_budget_is_built(project):
    _build_file(project, '\n[[targets]]\nprofile = "me.yaml"\nvariants = ["budgeted"]\nposting = "postings/ops.md"\n'
                         'formats = ["md"]\n')
    result = runner.invoke(app, ["build", "-j", "1", "--no-server"])
    assert result.exit_code == 0, result.output
    assert (project / "out" / "me-budgeted+ops.md").is_file()


def _inputs(project: Path, spec: dict) -> str:
    """The input hash of the target ``spec`` builds, as the build computes it (session.plan)."""
    from resume_builder.building.inputs import reads_digest, target_inputs, target_reads

    target, = expand(BuildConfig.model_validate({"targets": [spec]}), project)
    return target_inputs(target, reads_digest(target_reads(target), project), False, project)


def test_the_posting_and_the_budget_count_in_the_resumes_input_hash(project):
    spec = {"profile": "me.yaml", "variants": ["budgeted"], "posting": "postings/ops.md", "formats": ["md"]}
    before = _inputs(project, spec)
    assert _inputs(project, spec) == before
    posting = project / "postings" / "ops.md"
    posting.write_text(posting.read_text(encoding="utf-8") + "- Argo CD\n", encoding="utf-8")
    edited = _inputs(project, spec)
    assert edited != before  # an edited posting rebuilds the résumé it tailors
    one, two = (_inputs(project, {**spec, "max_pages": pages, "name": "x"}) for pages in (1, 2))
    assert len({edited, one, two}) == 3


def test_a_server_builds_the_target_the_build_asked_for():
    """The hand-off to a running serve sent a target's first six fields: a letter target was
    built as a résumé, and a tailored résumé would have been built untailored."""
    from resume_builder.serving.handoff import _target_from_json, _target_to_json

    target = Target(Path("/p/me.yaml"), "web", None, "pdf", "de", Path("/p/out/me+ops-1page.pdf"), "resume", None,
                    Path("/p/postings/ops.md"), max_pages=1)
    letter = Target(Path("/p/me.yaml"), "", "modern", "txt", None, Path("/p/out/me-letter.txt"), "letter", "hello",
                    Path("/p/postings/ops.md"))
    for each in (target, letter):
        sent = json.loads(json.dumps(_target_to_json(each)))
        assert _target_from_json(sent) == each
