"""One ``perfdecl validate`` run for the terminal: the batch from :mod:`perfdecl.lint.runner`, fed
to the reporters (with a progress bar on a terminal), report files and the baseline written, and
an exit code.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO, cast

from perfdecl.cli._env import say
from perfdecl.cli.options import ValidateArgs
from perfdecl.cli.output import UsageError, refuse_inputs, save
from perfdecl.lint import FileResult
from perfdecl.lint.runner import Resolver, Task, prepare
from perfdecl.problem import Lang, Severity
from perfdecl.reporters.base import Summary

if TYPE_CHECKING:
    from perfdecl.cli.run_cache import RunKey, Stored, Tee
    from perfdecl.lint.baseline import Baseline, BaselineFilter
    from perfdecl.lint.runner import Batch

PROGRESS_FROM = 20
"""A progress bar is shown (on a terminal) from this many files on."""


class _Above(io.TextIOBase):
    """Standard output while a progress bar shows: each line is printed above the bar.

    rich's own redirect replaces ``sys.stdout`` with a proxy, but a rich console given that proxy
    unwraps it and writes to the terminal directly, through the bar; this plain wrapper is not
    unwrapped, so a reporter's console (colours and all) lands above the bar.
    """

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> int:
        return self._target.write(text)

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


@dataclass(slots=True)
class ProgressHandle:
    """What a caller of :func:`progress_bar` uses: advance it, print through ``stdout``."""

    advance: Callable[[], None] | None = None
    stdout: TextIO | None = None


@contextlib.contextmanager
def progress_bar(total: int, *, enabled: bool) -> Iterator[ProgressHandle]:
    """A transient progress bar on standard error, or a handle that does nothing.

    While it shows, ``handle.stdout`` prints above the bar; reporters on standard output must be
    created on it.
    """
    if not enabled:
        yield ProgressHandle()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("perfdecl"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=True,
        redirect_stderr=False,
    )
    task = progress.add_task("checking", total=total)
    with progress:
        yield ProgressHandle(lambda: progress.advance(task), cast(TextIO, _Above(sys.stdout)))


def want_progress(total: int, *, machine_readable: bool, quiet: bool = False) -> bool:
    """Only for many files, human output, and when both stdout and stderr are terminals."""
    if total < PROGRESS_FROM or machine_readable or quiet:
        return False
    return _isatty(sys.stdout) and _isatty(sys.stderr)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (ValueError, OSError):
        return False


# --- one validate run: inputs -> results -> reporters (stdout and files) ---------------------


def parse_outputs(specs: Sequence[str], formats: Iterable[str]) -> list[tuple[str, str]]:
    """``["sarif=out.sarif", …]`` -> ``[("sarif", "out.sarif"), …]``, checked."""
    known = list(formats)
    parsed: list[tuple[str, str]] = []
    seen: set[str] = set()
    for spec in specs:
        name, sep, path = spec.partition("=")
        name = name.strip()
        if not sep or not path:
            raise UsageError(
                f"--output {spec!r}: write it as FORMAT=PATH, such as sarif=perfdecl.sarif.",
                f"--output “{spec}”：应写作 格式=路径，如 sarif=perfdecl.sarif。",
            )
        if name not in known:
            raise UsageError(
                f"--output {spec!r}: unknown format {name!r}; choose from {', '.join(known)}.",
                f"--output “{spec}”：未知的格式“{name}”，可选：{'、'.join(known)}。",
            )
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise UsageError(f"--output: {path} is named twice.", f"--output：{path} 出现了两次。")
        seen.add(key)
        parsed.append((name, path))
    return parsed


@dataclass(slots=True)
class RunSettings:
    """What ``perfdecl validate`` decided: its arguments (the one table,
    :class:`~perfdecl.cli.options.ValidateArgs`) and what follows from them and the environment."""

    args: ValidateArgs
    stdout_formats: Sequence[str] = ("text",)
    reports: Sequence[tuple[str, str]] = ()  # --output, parsed: (format, path)
    language: Lang = "en"  # --lang, or the locale's
    color: bool | None = None

    @property
    def targets(self) -> list[str]:
        """Every file this run writes."""
        found = [path for _, path in self.reports]
        if self.args.write_baseline:
            found.append(self.args.write_baseline)
        return found


@dataclass(slots=True)
class Outcome:
    """What a run produced: the summary, the files written, the findings parked."""

    summary: Summary
    written: list[str] = field(default_factory=list)
    recorded: int | None = None  # findings written with --write-baseline

    @property
    def exit_code(self) -> int:
        """The summary's code, except that writing a baseline accepts today's findings."""
        code = self.summary.exit_code
        return 0 if code == 1 and self.recorded is not None else code


def refuse_clobber(settings: RunSettings, inputs: Sequence[str]) -> None:
    """Fail before checking anything when an output would replace an input of the run (even
    with --force), or an existing file without --force."""
    for path in settings.targets:
        from perfdecl.files import replaces  # here: a run without outputs needs no tempfile

        refuse_inputs(path, inputs)
        if not settings.args.force and replaces(path):
            raise UsageError(
                f"{path} exists; use --force to replace it",
                f"{path} 已存在；如需覆盖请加 --force",
            )


def _baseline_filter(path: str | None) -> BaselineFilter | None:
    if path is None:
        return None
    from perfdecl.lint.baseline import Baseline, BaselineError, BaselineFilter

    try:
        known = Baseline.read(path)
    except BaselineError as exc:
        raise UsageError(
            f"cannot use baseline {path}: {exc}.", f"无法使用基线 {path}：{exc}。"
        ) from None
    return BaselineFilter(known, Path(os.path.abspath(path)).parent, path=path)


def at_least(result: FileResult, minimum: str | None) -> FileResult:
    """``result`` without the findings below ``minimum`` (``--min-severity``)."""
    if minimum is None:
        return result
    floor = Severity(minimum).rank
    kept = tuple(p for p in result.problems if p.severity.rank >= floor)
    return result if len(kept) == len(result.problems) else replace(result, problems=kept)


def statistics(counts: Counter[str]) -> str:
    """``--statistics``: one line per code, most frequent first, with the code's name."""
    from perfdecl.catalogue import all_codes

    codes = all_codes()
    width = len(str(max(counts.values(), default=0)))
    lines = [
        f"{n:>{width}}\t{code}\t{codes[code].name if code in codes else ''}"
        for code, n in sorted(counts.items(), key=lambda cn: (-cn[1], cn[0]))
    ]
    return "".join(f"{line}\n" for line in lines)


@contextlib.contextmanager
def job_summary(settings: RunSettings, inputs: Sequence[str]) -> Iterator[TextIO | None]:
    """``$GITHUB_STEP_SUMMARY`` opened for appending (GitHub's convention: each step appends),
    when annotations go to standard output and GitHub names the file; None otherwise. The
    file is written only where GitHub asked: never over an input of the run, never a folder;
    a summary that cannot be opened is a note, not a failed run."""
    path = os.environ.get("GITHUB_STEP_SUMMARY", "")
    if "github" not in settings.stdout_formats or not path:
        yield None
        return
    try:
        refuse_inputs(path, inputs)
        stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 (closed below)
    except (UsageError, OSError) as exc:
        reason = exc.en if isinstance(exc, UsageError) else (exc.strerror or type(exc).__name__)
        say(
            settings.language,
            f"cannot write the job summary {path}: {reason}; findings beyond the annotations "
            "are in the log only.",
            f"无法写入作业摘要 {path}：{exc.zh if isinstance(exc, UsageError) else reason}；"
            "注释以外的问题只在日志中。",
        )
        yield None
        return
    try:
        yield stream
    finally:
        stream.close()


def config_broken(resolver: Resolver) -> bool:
    """A configuration read this run has an error of its own (bad TOML, an unknown key, an
    invalid value, a framework file that cannot be used): a usage error, so the run exits 2,
    like a malformed ``--select``; the declarations are still checked against the valid part
    of the configuration and reported."""
    if getattr(resolver, "unknown", None):  # codes no problem has
        return True
    return any(
        p.severity is Severity.ERROR
        for project in getattr(resolver, "read", ())
        for p in getattr(project, "problems", ())
    )


def _cache_folder(args: ValidateArgs, tasks: Sequence[Task]) -> Path | None:
    """The result cache's folder for this run (see :func:`perfdecl.lint.cache.choose_dir`)."""
    if args.no_cache or not tasks:
        return None
    from perfdecl.lint.cache import choose_dir

    checked = [t.name if t.data is None and t.error is None else "." for t in tasks]
    return choose_dir(args.cache_dir, disabled=False, checked=checked)


def _run_key(
    settings: RunSettings,
    batch: Batch,
    resolver: Resolver,
    folder: Path | None,
    baseline_files: list[tuple[str, bool]] | None,
    *,
    terminal: bool,
) -> RunKey | None:
    """The run cache's key for this run (:mod:`perfdecl.cli.run_cache`), or None: no result
    cache, or a run whose output the run cache may not answer."""
    if folder is None:
        return None
    from perfdecl.cli.run_cache import run_key

    shown = (
        list(settings.stdout_formats),
        list(settings.reports),
        settings.language,
        settings.color,
    )
    terminal = terminal or _isatty(sys.stdout)
    return run_key(
        settings.args,
        shown,
        batch,
        (config_broken(resolver), baseline_files),
        terminal=terminal,
    )


def _load(folder: Path, key: RunKey) -> Stored | None:
    from perfdecl.cli.run_cache import load

    return load(folder, key.value)


def _keep(
    folder: Path,
    key: RunKey,
    output: tuple[Tee, Summary, list[str]],
    parked: BaselineFilter | None,
) -> None:
    """Store a run's output (:mod:`perfdecl.cli.run_cache`) when what its key holds besides
    the files (a broken configuration, the baseline's files) is as it was when the key was
    made; the store itself reads the files again."""
    from perfdecl.cli.run_cache import Stored, store

    tee, summary, reports = output
    now = parked.files_present() if parked is not None else None
    if (summary.config_error, now) == key.config_error:
        store(folder, key, Stored(tee.encoded(), summary, reports))


def _replay(stored: Stored, settings: RunSettings, inputs: Sequence[str]) -> Outcome:
    """A run answered by the run cache: its standard output and report files, as stored."""
    from perfdecl.cli.run_cache import write_stdout

    write_stdout(stored.stdout)
    outcome = Outcome(stored.summary)
    for (_, path), text in zip(settings.reports, stored.reports, strict=True):
        save(path, text, force=settings.args.force, inputs=inputs, makedirs=True)
        outcome.written.append(path)
    return outcome


def execute(
    resolver: Resolver, settings: RunSettings, *, stdin: IO[bytes] | None = None
) -> Outcome:
    """Check everything, feed every reporter, write report files and the baseline.

    Results reach reporters one by one in input order; reports for ``--output`` are built in
    memory and written atomically at the end, so that a failed run never leaves half a report.
    """
    from perfdecl.reporters import get_reporter

    args = settings.args
    batch = prepare(
        args.paths,
        resolver,
        stdin_filename=args.stdin_filename,
        force_exclude=args.force_exclude,
        stdin=stdin,
    )
    inputs = [t.name for t in batch.tasks if t.data is None and t.error is None]
    inputs += [p for p in (args.baseline, args.config) if p is not None]
    refuse_clobber(settings, inputs)
    parked = _baseline_filter(args.baseline)
    recorder: Baseline | None = None
    if args.write_baseline:
        from perfdecl.lint.baseline import Baseline

        recorder = Baseline()
    record_root = Path(os.path.abspath(args.write_baseline or ".")).parent
    folder = _cache_folder(args, batch.tasks)
    if batch.skipped and not args.quiet:
        n = len(batch.skipped)
        say(
            settings.language,
            f"skipped {n} YAML file{'s' if n != 1 else ''} that {'are' if n != 1 else 'is'} not "
            "a declaration (no declaration key at the top level); name a file to check it anyway.",
            f"跳过了 {n} 个不是申报表的 YAML 文件（顶层没有申报表的键）；如需检查，请直接写出文件名。",
        )

    machine = any(f != "text" for f in settings.stdout_formats)
    show = want_progress(len(batch.tasks), machine_readable=machine, quiet=args.quiet)
    present = parked.files_present() if parked is not None else None
    key = _run_key(settings, batch, resolver, folder, present, terminal=show)
    if folder is not None and key is not None and (stored := _load(folder, key)) is not None:
        return _replay(stored, settings, inputs)
    results = batch.results(jobs=args.jobs, cache=folder)
    tee = None
    buffers = [(name, path, io.StringIO()) for name, path in settings.reports]
    summary = Summary(strict=args.strict)
    counts: Counter[str] = Counter()
    with (
        progress_bar(len(batch.tasks), enabled=show) as bar,
        job_summary(settings, inputs) as step_summary,
    ):
        stdout = bar.stdout or sys.stdout  # above the bar while it shows
        if key is not None:
            from perfdecl.cli.run_cache import Tee

            stdout = tee = Tee(stdout)
        reporters = [
            get_reporter(name)(
                stdout, lang=settings.language, color=settings.color, quiet=args.quiet
            )
            for name in settings.stdout_formats
        ]
        for reporter in reporters:
            if reporter.name == "github":
                reporter.job_summary = step_summary  # type: ignore[attr-defined]
        reporters += [
            get_reporter(name)(buffer, lang=settings.language, color=False, quiet=False)
            for name, _, buffer in buffers
        ]
        for reporter in reporters:
            reporter.begin()
        for result, counted in results:
            if bar.advance is not None and counted:
                bar.advance()
            if result is None:  # an excluded file with nothing the configuration cannot hide
                continue
            if tee is not None and any(p.code == "PD900" for p in result.problems):
                tee = None  # an internal error is not a result: the run is not stored
            if recorder is not None:
                recorder.add(result, record_root)
            if parked is not None:
                result = parked.apply(result)
            result = at_least(result, args.min_severity)
            counts.update(p.code for p in result.problems)
            summary.add(result)
            for reporter in reporters:
                reporter.file(result)
        if parked is not None:
            summary.baseline = parked.finish()
        summary.config_error = config_broken(resolver)
        if args.verbose:  # named in the JSON summary too (only then: paths differ per machine)
            summary.configurations = [
                str(project.path)
                for project in getattr(resolver, "read", ())
                if getattr(project, "path", None) is not None
            ]
        for reporter in reporters:
            reporter.end(summary)
        if args.statistics:
            stdout.write(statistics(counts))

    outcome = Outcome(summary)
    for _, path, buffer in buffers:
        save(path, buffer.getvalue(), force=args.force, inputs=inputs, makedirs=True)
        outcome.written.append(path)
    if folder is not None and key is not None and tee is not None:
        reports = [buffer.getvalue() for _, _, buffer in buffers]
        _keep(folder, key, (tee, summary, reports), parked)
    if recorder is not None and args.write_baseline:
        save(
            args.write_baseline, recorder.to_json(), force=args.force, inputs=inputs, makedirs=True
        )
        outcome.written.append(args.write_baseline)
        outcome.recorded = sum(recorder.entries.values())
    return outcome
