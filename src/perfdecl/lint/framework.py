"""PD023: the declaration's framework differs from the one the configuration expects."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.config.codes import CODES
from perfdecl.loader import SourceMap
from perfdecl.model import Declaration
from perfdecl.model.frameworks import EVALUATION_FRAMEWORKS
from perfdecl.problem import Message, Problem
from perfdecl.rules.base import Finding, RuleSettings


def framework_problems(
    decl: Declaration, source: SourceMap, file: str, settings: RuleSettings
) -> Iterator[Problem]:
    """PD023: the declaration's framework differs from the one the configuration expects.

    The model requires every declaration to name its framework, so the configured ``framework``
    is not a default: it is what the project expects, and a file that declares another one was
    probably copied from elsewhere.
    """
    expected = settings.framework
    if expected is None or decl.framework.value in (expected, *EVALUATION_FRAMEWORKS):
        return  # an evaluation rubric's table is not another template of the project's forms
    from perfdecl.lint.locate import locate

    finding = Finding(
        "/framework",
        Message(
            f"本文件声明的指标体系是 {decl.framework.value}，而配置要求 {expected}"
            "（[tool.perfdecl] framework）。请确认使用了正确的模板。",
            f"this file declares framework {decl.framework.value}, but the configuration "
            f"expects {expected} ([tool.perfdecl] framework). Check the template used.",
        ),
    )
    yield locate(finding, source, file, "PD023", CODES["PD023"].severity)
