"""Frameworks as data: the shipped tables, their variants, and a province's table added by the
configuration's ``frameworks`` key (no code)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from perfdecl.config import ConfigResolver, parse_config
from perfdecl.lint import check_path
from perfdecl.model import Framework, FrameworkName
from perfdecl.model import frameworks as fw
from perfdecl.model.rows import indicator_rows

from .conftest import ROOT

DATA = ROOT / "src" / "perfdecl" / "model" / "frameworks"

PROVINCE = """\
# 四川（一体化前）项目支出绩效目标申报表: 项目完成 / 项目效益 / 满意度, 满意度 as its own 一级
id = "sichuan_p6"
title_zh = "四川省项目支出绩效目标申报表（2021）"
title_en = "Sichuan project form (2021)"
weight_total = 100

[[level1]]
name = "产出"
level2 = ["数量", "质量", "时效", "成本"]

[[level1]]
name = "效益"
level2 = ["经济效益", "社会效益", "生态效益", "可持续影响"]

[[level1]]
name = "满意度"
level2 = ["服务对象满意度"]

[aliases.level1]
"项目完成" = "产出"
"项目效益" = "效益"

[aliases.level2]
"群众满意度" = "服务对象满意度"
"""

DECLARATION = """\
schema_version: 1
year: 2021
framework: {framework}
kind: project
unit: 区卫生健康局
head: 张三
phone: "0839-0000000"
project: {{name: 特困家庭再扶助, amount: 6.30}}
indicators:
  - id: done
    name: 项目完成指标
    groups:
      - name: 数量指标
        items:
          - {{id: done.qty.1, text: 扶助人数, value_text: 63人, targets: [{{comparison: "=", value: 63, unit: 人}}]}}
  - id: sat
    name: 满意度指标
    groups:
      - name: 群众满意度指标
        items:
          - {{id: sat.x.1, text: 受益群众满意度, value_text: ≥90%, targets: [{{comparison: ">=", value: 90, unit: "%"}}]}}
"""


def test_each_shipped_framework_is_a_data_file() -> None:
    files = sorted(p.stem for p in DATA.glob("*.toml"))
    assert files == sorted([*(f.value for f in Framework), *fw.EVALUATION_FRAMEWORKS])
    for framework in Framework:
        table = fw.spec(framework)
        assert table.framework is framework and table.source == f"{framework.value}.toml"
        assert table.weight_total == 100


def test_the_data_files_are_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"model/frameworks/*.toml"' in pyproject


@pytest.mark.parametrize(
    ("framework", "level2", "parents"),
    [
        (Framework.NATIONAL_CLASSIC, fw.SATISFACTION, (fw.BENEFIT, fw.SATISFACTION_L1)),
        (Framework.CENTRAL_2021, fw.SATISFACTION, (fw.SATISFACTION_L1,)),
        (Framework.BEIJING_2019, fw.SATISFACTION, (fw.BENEFIT,)),
        (Framework.NATIONAL_CLASSIC, fw.COST, (fw.OUTPUT,)),
        (Framework.CENTRAL_2021, fw.COST, ()),
        (Framework.CENTRAL_2021, fw.ECONOMIC_COST, (fw.COST_L1,)),
    ],
)
def test_where_each_level2_may_sit(
    framework: Framework, level2: str, parents: tuple[str, ...]
) -> None:
    assert fw.spec(framework).parent_of(level2) == parents


def test_central_2021_puts_cost_first_as_its_own_level1() -> None:
    assert fw.spec(Framework.CENTRAL_2021).level1 == (
        fw.COST_L1,
        fw.OUTPUT,
        fw.BENEFIT,
        fw.SATISFACTION_L1,
    )


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [("项目完成指标", fw.OUTPUT), ("项目效益 指标", fw.BENEFIT), ("效果指标", fw.BENEFIT)],
)
def test_sichuan_level1_names_are_aliases_of_the_classic_table(raw: str, canonical: str) -> None:
    name = fw.spec(Framework.NATIONAL_CLASSIC).level1_name(raw)
    assert name.level1 == canonical


def test_sichuan_names_are_not_global_vocabulary() -> None:
    assert fw.canonical_level1("项目完成指标").level1 is None
    assert fw.spec(Framework.BEIJING_2019).level1_name("项目完成指标").level1 is None


def test_beijing_prints_benefit_as_effect() -> None:
    assert fw.spec(Framework.BEIJING_2019).label(fw.BENEFIT) == "效果指标"
    assert fw.spec(Framework.NATIONAL_CLASSIC).label(fw.BENEFIT) == "效益指标"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('id = "Bad Id"\n[[level1]]\nname = "产出"\nlevel2 = []\n', "id"),
        ('id = "x"\n', "level1"),
        ('id = "x"\n[[level1]]\nname = "产出类"\nlevel2 = []\n', "canonical 一级"),
        ('id = "x"\n[[level1]]\nname = "产出"\nlevel2 = ["数目"]\n', "canonical 二级"),
        ('id = "x"\nweight = 1\n[[level1]]\nname = "产出"\n', "unknown keys"),
        ('id = "x"\nweight_total = 0\n[[level1]]\nname = "产出"\n', "weight_total"),
        ('id = "x"\n[[level1]]\nname = "产出"\n[aliases.level1]\n"完成" = "做完"\n', "alias"),
        ('id = "national_classic"\n[[level1]]\nname = "产出"\n', "built-in"),
    ],
)
def test_bad_framework_files_say_why(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(fw.FrameworkFileError) as caught:
        fw.load_file(path)
    assert reason in caught.value.en
    assert caught.value.zh


def test_flat_level1_has_no_level2(tmp_path: Path) -> None:
    path = tmp_path / "flat.toml"
    path.write_text(
        'id = "flat_export_test"\n[[level1]]\nname = "产出"\nlevel2 = []\n', encoding="utf-8"
    )
    table = fw.load_file(path)
    assert table.level2 == {fw.OUTPUT: ()}
    assert isinstance(table.framework, FrameworkName) and table.id == "flat_export_test"
    assert "flat_export_test" in fw.known()


def test_a_province_table_through_the_configuration(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "sichuan.toml").write_text(PROVINCE, encoding="utf-8")
    (tmp_path / ".perfdecl.toml").write_text(
        'frameworks = ["frameworks/sichuan.toml"]\n', encoding="utf-8"
    )
    file = tmp_path / "a.yaml"
    file.write_text(DECLARATION.format(framework="sichuan_p6"), encoding="utf-8")
    result = check_path(file, ConfigResolver().options_for(file))
    codes = {p.code for p in result.problems}
    assert result.declaration is not None
    assert result.declaration.framework == "sichuan_p6"
    assert not codes & {"PD104", "PD204", "PD205", "PD206", "PD208"}, codes
    levels = [(r.level1, r.level2) for r in indicator_rows(result.declaration)]
    assert levels == [(fw.OUTPUT, fw.QUANTITY), (fw.SATISFACTION_L1, fw.SATISFACTION)]


def test_an_unknown_framework_is_an_error_naming_the_known_ones(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_text(DECLARATION.format(framework="sichuan_nowhere"), encoding="utf-8")
    result = check_path(file, ConfigResolver(discover=False).options_for(file))
    [problem] = [p for p in result.problems if p.code == "PD104"]
    assert "national_classic" in problem.message.en and "frameworks" in problem.message.zh
    assert problem.line == 3


def test_a_broken_framework_file_is_a_configuration_problem(tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text('id = "x"\n', encoding="utf-8")
    text = 'frameworks = ["p.toml", "missing.toml"]\n'
    result = parse_config(text, tmp_path / ".perfdecl.toml", pyproject=False)
    assert [p.code for p in result.problems] == ["PD027", "PD027"]
    assert all(p.line == 1 for p in result.problems)
    assert "level1" in result.problems[0].message.en
    assert "cannot read" in result.problems[1].message.en


def test_validate_cli_reads_the_province_table(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "sichuan.toml").write_text(
        PROVINCE.replace("sichuan_p6", "sichuan_cli"), encoding="utf-8"
    )
    (tmp_path / ".perfdecl.toml").write_text('frameworks = ["sichuan.toml"]\n', encoding="utf-8")
    (tmp_path / "a.yaml").write_text(DECLARATION.format(framework="sichuan_cli"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "--select", "PD1,PD204,PD205", "a.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_spawned_worker_knows_the_configurations_frameworks(tmp_path: Path) -> None:
    """Workers started by spawn (macOS and Windows start them so) do not inherit the parent's
    registry: the options carry the framework files and the worker registers them itself."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from perfdecl.lint.runner import Task, check_task

    (tmp_path / ".git").mkdir()
    (tmp_path / "sichuan.toml").write_text(
        PROVINCE.replace("sichuan_p6", "sichuan_spawn"), encoding="utf-8"
    )
    (tmp_path / ".perfdecl.toml").write_text('frameworks = ["sichuan.toml"]\n', encoding="utf-8")
    file = tmp_path / "a.yaml"
    file.write_text(DECLARATION.format(framework="sichuan_spawn"), encoding="utf-8")
    options = ConfigResolver().options_for(file)
    assert options.frameworks == (str(tmp_path.resolve() / "sichuan.toml"),)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        result = pool.submit(check_task, Task(str(file), options)).result(timeout=120)
    codes = {p.code for p in result.problems}
    assert not codes & {"PD104", "PD204", "PD205", "PD206", "PD208", "PD900"}, codes
