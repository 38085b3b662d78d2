"""The benchmark's reading of its own measurements: which goals any build could meet.

The numbers here are made up; real timings live only in ``bench/build_bench.py``.
"""

from __future__ import annotations

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
