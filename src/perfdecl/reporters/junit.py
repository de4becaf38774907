"""JUnit XML: one test case per checked file, for CI systems that show test reports.

A file with errors is a failed test case whose ``<failure>`` lists every error; warnings and infos
go to ``<system-out>``. A file that cannot be read (PD001) or made perfdecl fail (PD900) is an
``<error>``. Built with :mod:`xml.etree`, so every message is escaped properly; no timestamps or
durations, so that the report is reproducible.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, ClassVar

from perfdecl.escape import safe
from perfdecl.problem import Problem, Severity
from perfdecl.reporters.base import Reporter, Summary, noun
from perfdecl.reporters.text import plain_line

if TYPE_CHECKING:
    from perfdecl.lint import FileResult

_BROKEN = frozenset({"PD001", "PD900"})


class JunitReporter(Reporter):
    name: ClassVar[str] = "junit"
    description: ClassVar[str] = "JUnit XML: one test case per file"

    def begin(self) -> None:
        self._cases: list[ET.Element] = []
        self._failures = 0
        self._errors = 0

    def _lines(self, problems: list[Problem]) -> str:
        # plain_line shows every control character as an escape, so each line is XML-safe.
        return "\n".join(plain_line(p, self.lang) for p in problems)

    def file(self, result: FileResult) -> None:
        name = safe(result.file, "xml")
        case = ET.Element("testcase", {"classname": "perfdecl", "name": name, "file": name})
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        others = [p for p in result.problems if p.severity is not Severity.ERROR]
        broken = [p for p in errors if p.code in _BROKEN]
        if broken:
            element = ET.SubElement(
                case,
                "error",
                {
                    "message": safe(broken[0].message.text(self.lang), "xml"),
                    "type": safe(broken[0].code, "xml"),
                },
            )
            element.text = self._lines(errors)
            self._errors += 1
        elif errors:
            word = "个错误" if self.lang == "zh" else " " + noun(len(errors), "error")
            element = ET.SubElement(
                case,
                "failure",
                {
                    "message": f"{len(errors)}{word}",
                    "type": safe(",".join(sorted({p.code for p in errors})), "xml"),
                },
            )
            element.text = self._lines(errors)
            self._failures += 1
        if others:
            ET.SubElement(case, "system-out").text = self._lines(others)
        self._cases.append(case)

    def end(self, summary: Summary) -> None:
        attrs = {
            "name": "perfdecl",
            "tests": str(len(self._cases)),
            "failures": str(self._failures),
            "errors": str(self._errors),
            "skipped": "0",
        }
        root = ET.Element("testsuites", attrs)
        suite = ET.SubElement(root, "testsuite", attrs)
        suite.extend(self._cases)
        ET.indent(root, space="  ")
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
