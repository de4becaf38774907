"""The configuration's problem codes (PD020–PD023, PD027). Documented in docs/configuration.md; joined
with every other layer's table by :func:`perfdecl.catalogue.all_codes`."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

CODES: dict[str, CodeInfo] = code_table(
    CodeInfo(
        "PD020",
        "config-syntax",
        Severity.ERROR,
        Message("配置文件不是有效的 TOML。", "The configuration file is not valid TOML."),
        help=Message(
            "配置文件不是有效的 TOML（或不是 UTF-8）；消息给出行和列。配置问题报告在配置文件上，运行以 2 退出（用法错误）；其余有效的配置仍然生效。",
            "The configuration file is not valid TOML (or not UTF-8); the message gives the line and column. Configuration problems are reported on the configuration file and make the run exit 2 (a usage error); the valid part of the configuration still applies.",
        ),
        origin="config",
    ),
    CodeInfo(
        "PD021",
        "config-unknown-key",
        Severity.ERROR,
        Message("配置中有未知的配置项。", "The configuration has an unknown key."),
        help=Message(
            "未知的配置项；消息给出最接近的有效配置项（selct → select，per-file-ignores → per_file_ignores）和它所在的行。拼错的配置项会被默默忽略，所以要报告。",
            "An unknown key; the message names the nearest valid key (selct -> select, per-file-ignores -> per_file_ignores) and its line. A misspelt key would otherwise be silently ignored.",
        ),
        origin="config",
    ),
    CodeInfo(
        "PD022",
        "config-invalid-value",
        Severity.ERROR,
        Message("配置项的值无效。", "A configuration value is invalid."),
        help=Message(
            "配置项的值无效：不是问题代码的代码、error/warning/info 以外的级别、大于 1 的占比、没有理由或目标的 diff.ignore 条目。无效的条目被丢弃，其余配置仍然生效。",
            "An invalid value: a code that is not a code, a severity other than error/warning/info, a share above 1, a diff.ignore entry without reason or target. The bad entry is dropped; the rest of the configuration applies.",
        ),
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
        help=Message(
            "配置要求所有申报表使用同一指标体系（framework），而这份申报表写的是另一个；报告在它的 framework: 行上。",
            "The configuration requires one framework for every declaration here and this one names another; reported on its framework: line.",
        ),
        origin="config",
    ),
    CodeInfo(
        "PD027",
        "framework-file",
        Severity.ERROR,
        Message(
            "配置项 frameworks 指向的指标体系文件无法使用。",
            "A framework data file named by frameworks cannot be used.",
        ),
        help=Message(
            "配置项 frameworks 指向的指标体系文件（TOML）无法读取，或不是有效的指标体系表；消息说明原因。使用该 id 的申报表随后报告 PD104。",
            "A framework data file (TOML) named by frameworks cannot be read or is not a valid framework table; the message says why. Declarations naming its id then report PD104.",
        ),
        origin="config",
    ),
)
"""Configuration problem codes, in code order."""
