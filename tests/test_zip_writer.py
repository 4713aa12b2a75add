"""Reproducible zips: sorted, dated by the build, fixed modes, written whole or not at all."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.output.zip_writer import write_zip, zip_date


def test_write_zip_is_sorted_dated_and_leaves_the_old_archive_when_it_fails(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.zip"
    (tmp_path / "x").write_text("x")
    write_zip(target, [("b.txt", "bee"), ("a/c.txt", b"sea"), ("a/b.txt", tmp_path / "x")], 1_000_000_000)
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["a/b.txt", "a/c.txt", "b.txt"]
        assert archive.read("a/b.txt") == b"x"
        assert archive.getinfo("b.txt").date_time == zip_date(1_000_000_000) == (2001, 9, 9, 1, 46, 40)
    before = target.read_bytes()
    with pytest.raises(FileNotFoundError):
        write_zip(target, [("a.txt", "new"), ("z.txt", tmp_path / "missing")], 0)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.zip"], "no temporary file is left"
    with pytest.raises(ValueError, match="twice"):
        write_zip(target, [("a.txt", "1"), ("a.txt", "2")], 0)
    with pytest.raises(ValueError, match="relative"):
        write_zip(target, [("../a.txt", "1")], 0)
