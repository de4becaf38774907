"""The configuration's pydantic models, built only when a configuration file is read.

Most runs have no configuration file; :mod:`perfdecl.config` answers them with the defaults and
imports this module (and builds its models) only when a file has to be validated.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_type_hints

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    model_validator,
)

from perfdecl.config.text import CODE_PATTERN, nearest_key
from perfdecl.config.text import display as _display
from perfdecl.config.text import find_line as _find_line
from perfdecl.config.text import problem as _problem
from perfdecl.model import Framework
from perfdecl.problem import Message, Problem


class Invalid(ValueError):
    """A validation error with a message in both languages (read back by the problem builder)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message = Message(zh, en)


def _check_code(value: str) -> str:
    if not CODE_PATTERN.fullmatch(value):
        raise Invalid(
            f"“{value}”不是问题代码或代码前缀（如 PD203、PD2）",
            f"{value!r} is not a problem code or prefix (such as PD203, PD2 or PD)",
        )
    return value


Code = Annotated[str, AfterValidator(_check_code)]
SeverityName = Literal["error", "warning", "info"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _DiffThresholds(_Strict):
    """The thresholds of ``perfdecl diff``; the rules' keys are added from the rules themselves."""

    funds_change_threshold: float = Field(
        0.2, ge=0, description="perfdecl diff: relative change of funds worth a warning."
    )


def _rule_fields() -> dict[str, Any]:
    """Every rule's configurable options (see :class:`perfdecl.rules.base.RuleOptions`): name ->
    (type with its constraints, default and description), for the ``thresholds`` table."""
    from perfdecl.rules import RULES
    from perfdecl.rules.base import configurable, option_fields

    found: dict[str, Any] = {}
    for rule in RULES:
        if rule.options is None:
            continue
        hints = get_type_hints(rule.options, include_extras=True)
        by_name = {f.name: f for f in option_fields(rule.options)}
        for name in configurable(rule.options):
            if name in found:
                raise TypeError(f"threshold {name!r} is declared by two rules")
            spec = by_name[name]
            found[name] = (
                hints[name],
                Field(spec.default, description=spec.metadata.get("description")),
            )
    return found


if TYPE_CHECKING:
    Thresholds = _DiffThresholds
else:
    Thresholds = create_model(
        "Thresholds",
        __base__=_DiffThresholds,
        __doc__="Numbers and word lists the rules and diff compare against; each rule declares "
        "its own keys (RuleOptions).",
        **_rule_fields(),
    )


class DiffIgnore(_Strict):
    """A change that ``perfdecl diff`` should not report, with the reason it is accepted."""

    id: str | None = Field(None, min_length=1, description="An indicator or level id.")
    pointer: str | None = Field(None, description="A JSON pointer, such as /funds/total.")
    reason: str = Field(description="Why the change is accepted (required).")

    @model_validator(mode="after")
    def _one_target_and_a_reason(self) -> DiffIgnore:
        if self.id is None and self.pointer is None:
            raise Invalid("请填写 id 或 pointer，指明忽略哪一项变化", "give id or pointer")
        if not self.reason.strip():
            raise Invalid("reason（理由）不能为空", "reason must not be empty")
        return self


class DiffConfig(_Strict):
    """Settings of ``perfdecl diff``."""

    ignore: tuple[DiffIgnore, ...] = ()


CreditName = Literal["full", "proportional", "zero", "self"]


class OutcomeScoring(_Strict):
    """``[outcome.scoring]``: the scoring rule of ``perfdecl outcome`` (docs/outcome.md)."""

    met: CreditName = Field("full", description="What a met target earns.")
    missed: CreditName = Field(
        "proportional", description="What a missed quantitative target earns."
    )
    qualitative: CreditName = Field("self", description="What a qualitative row earns.")
    not_comparable: CreditName = Field(
        "self", description="What a row whose actual value cannot be compared earns."
    )
    execution: CreditName = Field(
        "proportional", description="What 预算执行 earns (proportional: points x min(rate, 1))."
    )
    execution_points: float = Field(10, ge=0, le=1000, description="Points of 预算执行.")
    weights: dict[Literal["产出", "效益", "满意度", "成本"], float] | None = Field(
        None,
        description="Points of each canonical 一级 when no row prints 分值 "
        "(default 产出 50, 效益 30, 满意度 10).",
    )
    approx_tolerance: float = Field(
        5, ge=0, le=100, description="Percent a ~ (约) target may be missed and count as met."
    )
    score_tolerance: float = Field(
        0.01, ge=0, le=100, description="Points a self-score may differ from the recomputed one."
    )

    @model_validator(mode="after")
    def _finite_weights(self) -> OutcomeScoring:
        for name, value in (self.weights or {}).items():
            if not 0 <= value <= 1000:
                raise Invalid(f"{name} 的分值应在 0 到 1000 之间", f"{name} must be 0 to 1000")
        return self


class OutcomeConfig(_Strict):
    """Settings of ``perfdecl outcome``."""

    scoring: OutcomeScoring = Field(default_factory=OutcomeScoring)


class Config(_Strict):
    """The ``[tool.perfdecl]`` table (or the top level of ``.perfdecl.toml``)."""

    select: tuple[Code, ...] = Field((), description="Codes or prefixes to report; empty: all.")
    ignore: tuple[Code, ...] = Field((), description="Codes or prefixes never reported.")
    per_file_ignores: dict[str, tuple[Code, ...]] = Field(
        default_factory=dict,
        description="Glob (relative to the configuration's folder) -> codes ignored there.",
    )
    severity: dict[Code, SeverityName] = Field(
        default_factory=dict, description="Code or prefix -> error, warning or info."
    )
    framework: Framework | None = Field(
        None, description="The framework every declaration here must declare (else PD023)."
    )
    frameworks: tuple[Annotated[str, Field(min_length=1)], ...] = Field(
        (),
        description="Framework data files (TOML, as the shipped ones), relative to this "
        "configuration's folder: a province's variant, named by its id in `framework:`.",
    )
    thresholds: Thresholds = Field(default_factory=Thresholds)
    exclude: tuple[str, ...] = Field(
        (), description="Globs of files and folders skipped when walking folders."
    )
    diff: DiffConfig = Field(default_factory=DiffConfig)
    outcome: OutcomeConfig = Field(default_factory=OutcomeConfig)


DEFAULT_CONFIG = Config()


def validate_table(
    table: dict[str, Any], text: str, path: Path, prefix: tuple[str, ...]
) -> tuple[Config, tuple[Problem, ...]]:
    """Validate; drop each offending entry and retry, so the valid rest still applies."""
    shown = _display(path)
    data = copy.deepcopy(table)
    problems: dict[tuple[Any, ...], Problem] = {}
    config = DEFAULT_CONFIG
    for _ in range(100):
        try:
            config = Config.model_validate(data)
            break
        except ValidationError as exc:
            errors = exc.errors()
            for error in errors:
                problems.setdefault(tuple(error["loc"]), _error_problem(error, text, shown, prefix))
            locs = sorted((_culprit(e) for e in errors), key=_loc_order, reverse=True)
            if not all(_drop(data, loc) for loc in locs):
                config = DEFAULT_CONFIG
                break
    for n, name in enumerate(config.frameworks):
        problem = _load_framework(path.parent / name, text, shown, (*prefix, "frameworks"))
        if problem is not None:
            problems[("frameworks", n)] = problem
    return config, tuple(sorted(problems.values(), key=Problem.sort_key))


def _load_framework(file: Path, text: str, shown: str, where: tuple[str, ...]) -> Problem | None:
    """PD027: register one framework data file named by ``frameworks``, or say why it cannot be."""
    from perfdecl.model.frameworks import FrameworkFileError, load_file

    try:
        load_file(file)
    except FrameworkFileError as exc:
        return _problem(
            "PD027",
            shown,
            f"指标体系文件 {file.name}：{exc.zh}",
            f"framework file {file.name}: {exc.en}",
            _find_line(text, where),
        )
    return None


def _culprit(error: Any) -> tuple[int | str, ...]:
    """The entry to drop for an error: the key or item itself, or its parent when it lacks one."""
    loc = tuple(error["loc"])
    if loc and (loc[-1] == "[key]" or error["type"] == "missing"):
        return loc[:-1]
    return loc


def _loc_order(loc: tuple[int | str, ...]) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in loc)


def _drop(data: Any, loc: tuple[int | str, ...]) -> bool:
    """Delete the entry at ``loc``; False when there is nothing that can be deleted."""
    if not loc:
        return False
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return True  # already gone with an ancestor
    last = loc[-1]
    if isinstance(parent, dict) and last in parent:
        del parent[last]
    elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
    return True


def _model_at(loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model whose key is at ``loc`` (for suggestions), or None for free-form tables."""
    model: type[BaseModel] = Config
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        annotation = getattr(info, "annotation", None) if info else None
        nested = _nested_model(annotation)
        if nested is None:
            return None
        model = nested
    return model


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _error_problem(error: Any, text: str, shown: str, prefix: tuple[str, ...]) -> Problem:
    loc: tuple[int | str, ...] = tuple(error["loc"])
    key_loc = tuple(p for p in loc if p != "[key]")
    dotted = ".".join(str(p) for p in loc if p != "[key]") or "(top level)"
    where = _find_line(text, prefix + key_loc)
    if error["type"] == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc)
        valid = sorted(model.model_fields) if model is not None else []
        guess = nearest_key(key, valid)
        if guess:
            zh = f"未知的配置项“{dotted}”；是否想写“{guess}”？"
            en = f"unknown configuration key {dotted!r}; did you mean {guess!r}?"
        else:
            zh = f"未知的配置项“{dotted}”；可用的配置项：{'、'.join(valid)}。"
            en = f"unknown configuration key {dotted!r}; valid keys: {', '.join(valid)}."
        if key == "tool" and not prefix:
            zh += "（.perfdecl.toml 和 perfdecl.toml 中的配置项直接写在顶层，不需要 [tool.perfdecl]。）"
            en += (
                " (In .perfdecl.toml and perfdecl.toml the keys go at the top level, without "
                "[tool.perfdecl].)"
            )
        return _problem("PD021", shown, zh, en, where)
    ctx_error = (error.get("ctx") or {}).get("error")
    if isinstance(ctx_error, Invalid):
        message = ctx_error.message
    elif error["type"] == "missing":
        message = Message("缺少必填项", "this required key is missing")
    else:
        detail = str(error.get("msg", "invalid value"))
        message = Message(detail, detail)
    return _problem(
        "PD022",
        shown,
        f"配置项“{dotted}”的值无效：{message.zh}。",
        f"invalid value for {dotted!r}: {message.en}.",
        where,
    )
