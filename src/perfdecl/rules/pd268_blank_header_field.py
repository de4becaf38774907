"""PD268: who answers for a project is printed blank (项目负责人, 主管部门, 实施单位)."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration, Kind, Party
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings

_FIELDS_ZH = {
    "/project/lead": "项目负责人",
    "/project/lead_phone": "项目负责人电话",
    "/supervisor": "主管部门",
    "/implementer": "实施单位",
    "/unit": "预算单位",
}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _party_blank(decl: Declaration, key: str) -> bool:
    """The party is on the file with no name: ``supervisor: {label: 项目主管部门}`` or
    ``supervisor:`` with nothing after it."""
    if key not in decl.model_fields_set:
        return False
    party: Party | None = getattr(decl, key)
    return party is None or _blank(party.name)


def blank_fields(decl: Declaration) -> list[str]:
    """Pointers of the header fields written on the file but left empty.

    Only a field the file carries counts: many forms have no 项目负责人 box at all, and a field
    left out of the YAML says nothing about the paper. PD201 reports the parts every form needs.
    """
    blank = []
    project = decl.project
    if project is not None:
        blank += [
            f"/project/{key}"
            for key in ("lead", "lead_phone")
            if key in project.model_fields_set and _blank(getattr(project, key))
        ]
    blank += [f"/{key}" for key in ("supervisor", "implementer") if _party_blank(decl, key)]
    if "unit" in decl.model_fields_set and _blank(decl.unit):
        blank.append("/unit")
    return blank


class BlankHeaderField(Rule):
    """A project form printed with an empty 项目负责人, 主管部门 or 实施单位 box names no one who
    answers for the money.

    The reviewer cannot send questions anywhere and the budget system needs the supervising
    department to file the project under it. Fill in the boxes the form prints; a box the form
    does not have is not asked for. One finding lists every empty box.

    Bad:

        kind: project
        supervisor: {label: 项目主管部门}
        project:
          name: 主体班
          amount: 164
          lead: ""

    Good:

        kind: project
        supervisor: {label: 项目主管部门, name: 黄石市委组织部}
        project:
          name: 主体班
          amount: 164
          lead: 张三
    """

    code = "PD268"
    name = "blank-header-field"
    severity = Severity.WARNING
    summary = Message(
        "项目表头印有的栏目未填写（项目负责人、主管部门、实施单位）",
        "A header box of the project form is printed blank (project lead, supervising "
        "department, implementing unit)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        if decl.kind is not Kind.PROJECT:
            return
        blank = blank_fields(decl)
        if not blank:
            return
        zh = "、".join(_FIELDS_ZH[p] for p in blank)
        en = ", ".join(f"{_FIELDS_ZH[p]} ({p.rsplit('/', 1)[-1]})" for p in blank)
        yield Finding(
            blank[0],
            Message(
                f"表头的 {zh} 一栏未填写：审核时不知道由谁负责、向谁询问。请填写后再报送。",
                f"The header box(es) {en} are printed blank: the reviewer cannot tell who "
                "answers for the project or whom to ask; fill them in.",
            ),
            key=True,
            related=tuple(blank[1:]),
        )
