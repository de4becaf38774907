"""Conventions users know from other linters: summaries that read as sentences, help without
type placeholders after flags, colour switches, shell completion, configuration file names."""

from __future__ import annotations

import pytest

from perfdecl.reporters.base import Summary
from perfdecl.reporters.text import summary_line


@pytest.mark.parametrize(
    ("counts", "en", "zh"),
    [
        (
            (1, 0, 0, 0),
            "Checked 1 file: 0 errors, 0 warnings, 0 notes.",
            "已检查 1 个文件：0 个错误，0 个警告，0 个提示。",
        ),
        (
            (2, 1, 1, 1),
            "Checked 2 files: 1 error, 1 warning, 1 note.",
            "已检查 2 个文件：1 个错误，1 个警告，1 个提示。",
        ),
        (
            (1, 0, 45, 59),
            "Checked 1 file: 0 errors, 45 warnings, 59 notes.",
            "已检查 1 个文件：0 个错误，45 个警告，59 个提示。",
        ),
    ],
)
def test_the_summary_counts_in_words(counts: tuple[int, int, int, int], en: str, zh: str) -> None:
    files, errors, warnings, infos = counts
    summary = Summary(files=files, errors=errors, warnings=warnings, infos=infos)
    assert summary_line(summary, "en") == en
    assert summary_line(summary, "zh") == zh
