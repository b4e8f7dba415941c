"""The a11y bench's verdicts and table (bench/a11y.py), without a browser or a server."""

from bench import a11y
from bench.a11y import Measure, Page, count_violations, lighthouse_scores, results_table

PASSING = {"performance": 93, "accessibility": 100, "best-practices": 96, "seo": 100}
CLEAN = {"critical": 0, "serious": 0, "moderate": 1, "minor": 0}


def test_a_page_at_the_targets_with_no_serious_violation_passes():
    assert Measure(Page("beranda", "/"), PASSING, CLEAN).failures() == []


def test_each_missed_target_and_each_serious_violation_is_named():
    scores = {**PASSING, "accessibility": 97, "performance": None}
    violations = {**CLEAN, "serious": 2}

    failures = Measure(Page("beranda", "/"), scores, violations).failures()

    assert failures == ["accessibility 97 < 98", "performance None < 90", "axe serious 2"]
    assert Measure(Page("beranda", "/"), PASSING, None).failures() == ["axe did not run"]


def test_lighthouse_scores_are_whole_numbers_and_a_failed_run_gives_none():
    report = {"categories": {"performance": {"score": 0.905}, "seo": {"score": None}}}

    assert lighthouse_scores(report) == {"performance": 90, "seo": None}
    assert lighthouse_scores({"runtimeError": {"code": "NO_FCP"}, "categories": {}}) == {}


def test_violations_are_counted_by_impact_and_unknown_impacts_as_minor():
    found = [("color-contrast", "serious"), ("region", "moderate"), ("x", None)]

    assert count_violations(found) == {"critical": 0, "serious": 1, "moderate": 1, "minor": 1}


def test_the_table_has_a_row_per_page_and_a_dash_for_what_was_not_measured():
    table = results_table(
        [
            Measure(Page("beranda", "/"), PASSING, CLEAN),
            Measure(Page("pengelola: beranda", "/pengelola/", manager=True), {}, None),
        ]
    )

    lines = table.splitlines()
    assert lines[0].startswith("| Page | performance | accessibility |")
    assert lines[2] == "| beranda (`/`) | 93 | 100 | 96 | 100 | 0 | 0 | 1 | 0 |"
    assert lines[3] == "| pengelola: beranda (`/pengelola/`) | – | – | – | – | – | – | – | – |"


def test_a_page_whose_path_holds_a_secret_is_shown_by_its_pattern():
    page = Page("status pendaftaran", "/pendaftaran/WzEwLCJGS0IiXQ:sig/", shown_as="/p/<token>/")

    table = results_table([Measure(page, PASSING, CLEAN)])

    assert "status pendaftaran (`/p/<token>/`)" in table
    assert "WzEw" not in table


def test_a_run_without_a_report_does_not_read_the_previous_pages(tmp_path, monkeypatch):
    (tmp_path / "lighthouse.json").write_text('{"categories": {"seo": {"score": 1}}}')
    monkeypatch.setattr(a11y.subprocess, "run", lambda *args, **kwargs: None)

    assert a11y.lighthouse(Page("beranda", "/"), "session", tmp_path) == {}


def test_a_page_without_a_report_is_tried_again_before_it_counts_as_unmeasured(monkeypatch):
    runs = iter([{}, {}, PASSING])
    monkeypatch.setattr(a11y, "lighthouse", lambda *args: next(runs))
    assert a11y.measured_by_lighthouse(Page("beranda", "/"), "session", None) == PASSING

    monkeypatch.setattr(a11y, "lighthouse", lambda *args: {})
    assert a11y.measured_by_lighthouse(Page("beranda", "/"), "session", None) == {}
