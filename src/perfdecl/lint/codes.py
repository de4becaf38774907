"""The problem codes of checking one file: inline suppressions (PD024–PD026, see
docs/configuration.md) and the internal error (PD900). Joined with every other layer's table by
:func:`perfdecl.catalogue.all_codes`."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

CODES: dict[str, CodeInfo] = code_table(
    CodeInfo(
        "PD024",
        "suppression-malformed",
        Severity.WARNING,
        Message("无法识别的 perfdecl 注释。", "A perfdecl comment that is not understood."),
        origin="suppression",
    ),
    CodeInfo(
        "PD025",
        "suppression-without-reason",
        Severity.WARNING,
        Message(
            "忽略注释没有写理由，不生效。", "A suppression without a reason; it has no effect."
        ),
        origin="suppression",
    ),
    CodeInfo(
        "PD026",
        "suppression-unused",
        Severity.INFO,
        Message("忽略注释没有起作用。", "A suppression that hides nothing."),
        origin="suppression",
    ),
    CodeInfo(
        "PD900",
        "internal-error",
        Severity.ERROR,
        Message("perfdecl 内部错误。", "Internal error in perfdecl."),
        Message(
            "检查此文件时 perfdecl 自身出错。请附上文件提交问题报告。",
            "perfdecl itself failed while checking the file. Please report it with the file "
            "attached.",
        ),
        origin="internal",
    ),
)
"""Suppression and internal-error codes, in code order."""
