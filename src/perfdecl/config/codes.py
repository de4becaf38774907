"""The configuration's problem codes (PD020–PD023). Documented in docs/configuration.md; joined
with every other layer's table by :func:`perfdecl.catalogue.all_codes`."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

CODES: dict[str, CodeInfo] = code_table(
    CodeInfo(
        "PD020",
        "config-syntax",
        Severity.ERROR,
        Message("配置文件不是有效的 TOML。", "The configuration file is not valid TOML."),
        origin="config",
    ),
    CodeInfo(
        "PD021",
        "config-unknown-key",
        Severity.ERROR,
        Message("配置中有未知的配置项。", "The configuration has an unknown key."),
        origin="config",
    ),
    CodeInfo(
        "PD022",
        "config-invalid-value",
        Severity.ERROR,
        Message("配置项的值无效。", "A configuration value is invalid."),
        origin="config",
    ),
    CodeInfo(
        "PD023",
        "framework-mismatch",
        Severity.WARNING,
        Message(
            "声明的指标体系与配置要求的不同。",
            "The declaration's framework differs from the configured one.",
        ),
        origin="config",
    ),
)
"""Configuration problem codes, in code order."""
