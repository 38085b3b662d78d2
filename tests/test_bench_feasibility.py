"""The benchmark's reading of its own measurements: which of issue 8's goals any build
could meet, and whether issue 19's goals are met (``bench/goals.py``).

The numbers here are made up; real timings live only in the benchmarks' output.
"""

from __future__ import annotations

import pytest

from conftest import bench_module


def _results(floor_rebuild: float, off_1x: float, on_1x: float, on_50x: float) -> dict:
    def row(scale: int, markers: int, off: float, on: float) -> dict:
        return {"scale": scale, "markers": markers, "off": {"cpu": off}, "on": {"cpu": on}}

    return {
        "floor": {"full": floor_rebuild, "rebuild": floor_rebuild},
        "full": [row(1, 500, off_1x, on_1x), row(50, 25000, 30.5, on_50x)],
    }


def test_a_floor_above_a_quarter_of_the_allowed_build_rules_out_goals_1_and_2() -> None:
    bench = bench_module("build_bench")
    # Goal 1 allows at most 1.1 * 1.2 = 1.32; goal 2 needs at least 4 * 0.6 = 2.4.
    first = bench.feasibility(_results(0.6, 1.2, 2.2, 80.0))[0]
    assert "at least 2.40 cpu" in first and "at most 1.32 cpu" in first
    assert first.endswith("no build can meet both on this machine")
    # A cheap start-up (0.3 * 4 = 1.2 <= 1.32) leaves room for both.
    assert bench.feasibility(_results(0.3, 1.2, 1.3, 33.0))[0].endswith(
        "both can hold on this machine"
    )


def test_goal_3_is_read_through_fixed_and_per_marker_costs() -> None:
    bench = bench_module("build_bench")
    # Baseline: 0.6 fixed + 1.2 per 1,000 markers (1.2 at 500, 30.6 at 25,000 would be
    # exact; 30.5 is close). Extension: 2.0 - 1.2 = 0.8 at 500, 80 - 30.5 = 49.5 at 25,000.
    third = bench.feasibility(_results(0.6, 1.2, 2.0, 80.0))[1]
    assert "the extension -0.19 + 1.99" in third
    assert "(ours: 0.00)" in third
    # Within 10% at 50x: at most 0.1 * 30.5 / 25 = 0.12 cpu per 1,000 markers.
    assert third.endswith("at most 0.12 cpu per 1,000 markers (6% of now)")


def _run(on: float, off: float, peak_on: float, peak_off: float) -> dict:
    return {"cpu": on, "wall": on, "peak_mib": peak_on}, {
        "cpu": off,
        "wall": off,
        "peak_mib": peak_off,
    }


def _full(scale: int, markers: int, cpu: tuple[float, float], peak: tuple[float, float]) -> dict:
    on, off = _run(cpu[0], cpu[1], peak[0], peak[1])
    html = {"on": 140 * markers, "off": 100 * markers}
    return {"scale": scale, "markers": markers, "runs": 3, "on": on, "off": off, "html_bytes": html}


def _edit(edit: str, scale: int, cpu: float, needless: list[str] | None = None) -> dict:
    return {
        "edit": edit,
        "scale": scale,
        "cpu": cpu,
        "rewritten": ["a.html", *(needless or [])],
        "needless": needless or [],
        "stale": [],
    }


def _measured() -> dict:
    """A run meeting goals 1 to 5: the cases below each break one check."""
    return {
        "full": [
            _full(1, 500, (2.5, 2.0), (100, 90)),
            _full(10, 5000, (12.0, 10.0), (150, 100)),
            _full(50, 25000, (60.0, 50.0), (300, 200)),
        ],
        "floor": {"full": 0.6, "rebuild": 0.6},
        "incremental": [
            # (0.70 - 0.6) / (2.5 - 0.6) = 5.3%; the median of three counts.
            *(_edit("one chapter", 1, cpu) for cpu in (0.70, 0.65, 2.0)),
            _edit("one chapter", 10, 0.9),  # (0.9 - 0.6) / (12 - 0.6) = 2.6%
            _edit("one note-map entry", 1, 0.8),
        ],
        "parallel": {
            "scale": 10,
            "runs": 3,
            "j1": {"wall": 12.0},
            "j2": {"wall": 7.5},
            "speedup": 1.6,
            "differ": [],
        },
    }


def _failed(results: dict) -> list[tuple[int, str]]:
    checks = bench_module("goals").build_goals(results)
    return [(c["goal"], c["what"]) for c in checks if not c["met"]]


def test_a_run_within_every_limit_meets_goals_1_to_5() -> None:
    goals = bench_module("goals")
    checks = goals.build_goals(_measured())
    assert {c["goal"] for c in checks} == {1, 2, 3, 4, 5}
    assert _failed(_measured()) == []
    assert all(line.endswith(": met") for line in goals.report(checks) if line.startswith("Goal"))


def test_goal_1_is_the_cpu_ratio_at_1x_and_at_50x() -> None:
    results = _measured()
    results["full"][2]["on"]["cpu"] = 66.0  # 1.32 at 50x
    assert _failed(results) == [(1, "CPU on / off at 50x <= 1.3")]
    results["full"].pop(2)  # a run without 50x meets neither goal 1 nor goal 3
    assert {goal for goal, _ in _failed(results)} == {1, 3}


def test_goal_2_holds_the_html_ratio_at_every_scale() -> None:
    results = _measured()
    results["full"][1]["html_bytes"]["on"] = 751_000  # 1.502 times 500,000
    assert _failed(results) == [(2, "HTML written on / off at 10x <= 1.5")]


def test_goal_3_is_peak_memory_at_50x_and_flat_per_marker() -> None:
    goals = bench_module("goals")
    results = _measured()
    # The extension's MiB per 1,000 markers: 20 at 1x, 10 at 10x, 4 at 50x: falling is flat.
    assert [goals.extension_peak_per_1000(row) for row in results["full"]] == [20.0, 10.0, 4.0]
    results["full"][2]["on"]["peak_mib"] = 401  # 2.005 at 50x, and 8.04 per 1,000 markers
    assert _failed(results) == [(3, "peak RSS on / off at 50x <= 2.0")]
    results["full"][2]["on"]["peak_mib"] = 330  # 5.2 against 10x's 10 and 1x's 20: still flat
    assert _failed(results) == []
    results["full"][1]["on"]["peak_mib"] = 110  # 2 at 10x, then 5.2 at 50x: grows 2.6 times
    [(goal, what)] = _failed(results)
    assert goal == 3 and what.startswith("the extension's peak MiB per 1,000 markers flat")


def test_goal_4_is_the_median_rebuild_above_the_floor() -> None:
    goals = bench_module("goals")
    assert goals.above_floor(0.8, 2.6, 0.6) == pytest.approx(0.1)
    results = _measured()
    results["incremental"][1]["cpu"] = 0.9  # median 0.9: (0.9 - 0.6) / 1.9 = 15.8%
    assert _failed(results) == [
        (4, "one-chapter rebuild above the floor at 1x <= 10% of the full build's")
    ]
    results = _measured()
    results["incremental"][3]["cpu"] = 1.0  # (1.0 - 0.6) / 11.4 = 3.5% at 10x
    assert _failed(results) == [
        (4, "one-chapter rebuild above the floor at 10x <= 3% of the full build's")
    ]
    # The same rebuilds with the features off are shown beside the goal, not judged.
    results = _measured()
    results["incremental"] += [_edit("one chapter", 1, 2.4) | {"features": "off"}] * 3
    checks = bench_module("goals").build_goals(results)
    assert _failed(results) == []
    (chapter,) = [
        c for c in checks if c["what"].startswith("one-chapter rebuild above the floor at 1x")
    ]
    assert chapter["detail"].endswith("median of 3; with the features off 2.40 = 94.7%")
    results = _measured()
    results["incremental"][4] = _edit("one note-map entry", 1, 0.8, needless=["b.html"])
    assert _failed(results) == [
        (4, "one note-map entry at 1x rewrites only the pages that show it")
    ]


def test_goal_5_needs_the_speed_up_and_identical_output() -> None:
    results = _measured()
    results["parallel"].update(speedup=1.49, differ=["search.js"])
    assert [what for _, what in _failed(results)] == [
        "-j 2 at least 1.5 x faster than -j 1 at 10x (wall)",
        "-j 2 and -j 3 output byte-identical to -j 1",
    ]
    results["parallel"]["scale"] = 1  # -j 2 measured at 1x only
    assert len(_failed(results)) == 2


def test_goal_5_shows_what_bounds_the_speed_up_beside_it() -> None:
    results = _measured()
    results["parallel"].update(speedup=1.2, speedup_j3=1.8, off_speedup=1.1, machine_ceiling=1.7)
    checks = bench_module("goals").build_goals(results)
    (speed,) = [c for c in checks if c["what"].startswith("-j 2 at least")]
    assert not speed["met"]
    assert "-j 3 (three writers) 1.80" in speed["detail"]
    assert "features off 1.10" in speed["detail"]
    assert "two processes on this machine 1.70 times one" in speed["detail"]


def test_goal_7_is_the_lowest_page_in_each_category() -> None:
    goals = bench_module("goals")
    good = {"performance": 94, "accessibility": 100, "best-practices": 100, "seo": 100}
    medians = {"front page": {**good, "best-practices": 96}, "chapter": good}
    checks = goals.lighthouse_goals(medians)
    assert [c["met"] for c in checks] == [True, True, False, True]
    assert checks[2]["detail"] == "lowest 96 (front page)"
    assert goals.report(checks)[0] == "Goal 7: NOT met"
