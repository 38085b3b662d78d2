"""The theme's compiled templates are kept between builds, and change nothing written."""

from __future__ import annotations

import shutil

from scholarly_edition.html.template_cache import FOLDER


def _source(rootdir, tmp_path, name: str):
    target = tmp_path / name
    shutil.copytree(rootdir / "test-apparatus", target)
    return target


def test_second_build_loads_compiled_templates(make_app, rootdir, tmp_path) -> None:
    source = _source(rootdir, tmp_path, "src")
    first = make_app("html", srcdir=source, freshenv=True)
    first.build(force_all=True)
    cache = first.doctreedir / FOLDER
    compiled = sorted(path.name for path in cache.iterdir())
    assert compiled, "no template was cached"
    page = (first.outdir / "index.html").read_bytes()

    second = make_app("html", srcdir=source, freshenv=True)
    loaded: list[str] = []
    environment = second.builder.templates.environment
    original = environment.bytecode_cache.load_bytecode

    def load(bucket) -> None:
        original(bucket)
        if bucket.code is not None:
            loaded.append(bucket.key)

    environment.bytecode_cache.load_bytecode = load
    second.build(force_all=True)
    assert loaded, "the second build compiled every template again"
    assert sorted(path.name for path in cache.iterdir()) == compiled
    assert (second.outdir / "index.html").read_bytes() == page


def test_cache_leaves_pages_unchanged(make_app, rootdir, tmp_path) -> None:
    """The same sources built with and without the cache give the same bytes."""
    cached = make_app("html", srcdir=_source(rootdir, tmp_path, "a"), freshenv=True)
    cached.build()
    plain = make_app("html", srcdir=_source(rootdir, tmp_path, "b"), freshenv=True)
    plain.builder.templates.environment.bytecode_cache = None
    plain.build()
    for name in ("index.html", "second.html"):
        assert (cached.outdir / name).read_bytes() == (plain.outdir / name).read_bytes()
