"""Check many declarations in one run: expand inputs, check each in isolation, keep the order.

A repository of hundreds of declarations is checked on every pull request, so this module

* turns the command line's inputs (files, folders, globs, ``-`` for standard input) into a
  deterministic list of files: input order, folders walked sorted, duplicates dropped;
* checks each file on its own (one broken file never stops the others) — serially for a few
  files, in a process pool for many, with results yielded in input order so that the output of a
  parallel run is byte-for-byte that of a serial one;
* sends back from workers only what reporters and baselines read (problems, the text, the spans
  of the problems' pointers): pickling a whole source map and declaration costs about as much as
  checking the file (measured: ~20 ms against ~0.1 ms for the slim result, on the example).

The library functions in :mod:`perfdecl.lint` do the checking; this module only orchestrates.
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol, TextIO, cast

from perfdecl.lint import (
    DEFAULT_OPTIONS,
    FileResult,
    Options,
    check_bytes,
    check_path,
    expand_paths,
    internal_error,
)
from perfdecl.loader import SourceMap, unreadable
from perfdecl.problem import Lang
from perfdecl.reporters.base import Summary

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

STDIN = "-"
STDIN_NAME = "<stdin>"
SERIAL_BELOW = 8
"""Fewer files than this are checked in-process: starting workers would cost more than it saves."""
PROGRESS_FROM = 20
"""A progress bar is shown (on a terminal) from this many files on."""

_GLOB_MAGIC = frozenset("*?[")


class Resolver(Protocol):
    """Per-file configuration, as :class:`perfdecl.config.ConfigResolver` provides it."""

    def options_for(self, file: str) -> Options: ...

    def excluded(self, path: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class FixedOptions:
    """A resolver without configuration files: the same options for every file."""

    options: Options = DEFAULT_OPTIONS

    def options_for(self, file: str) -> Options:
        return self.options

    def excluded(self, path: str) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class Input:
    """One file to check. ``name`` is what messages show; ``stdin`` reads standard input."""

    name: str
    stdin: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    """What a worker needs to check one file (picklable)."""

    name: str
    options: Options
    data: bytes | None = None  # standard input, read by the parent process
    error: str | None = None  # standard input could not be read


@dataclass(slots=True)
class Collected:
    """Expanded inputs, plus results for inputs that named nothing (a glob without a match)."""

    inputs: list[Input] = field(default_factory=list)
    missing: list[FileResult] = field(default_factory=list)


def is_glob(arg: str) -> bool:
    return any(c in _GLOB_MAGIC for c in arg)


def collect(
    args: Sequence[str],
    *,
    excluded: Callable[[str], bool] | None = None,
    stdin_filename: str | None = None,
    force_exclude: bool = False,
) -> Collected:
    """Expand command-line inputs into files, in a deterministic order.

    A path that exists is taken literally (even with ``*`` or ``[`` in its name); otherwise a
    pattern is expanded with ``**`` spanning folders, sorted. Folders (given or matched) are
    walked for ``*.yaml``/``*.yml``. ``excluded`` (the configuration's ``exclude``) applies to files
    found by walking or globbing, never to a file named explicitly — as in ruff and black, so that
    pre-commit, which names files, still checks what the user asked for — unless
    ``force_exclude`` is set (the pre-commit hook sets it, so that ``exclude`` holds there too).
    """
    out = Collected()
    seen: set[str] = set()

    def add(name: str, *, stdin: bool = False) -> None:
        key = STDIN if stdin else os.path.normcase(os.path.abspath(name))
        if key in seen:
            return
        seen.add(key)
        out.inputs.append(Input(name, stdin))

    def walk(folder: str, *, named: bool = False) -> None:
        empty = True
        for found in expand_paths([folder]):
            empty = False
            if excluded is None or not excluded(found):
                add(found)
        if named and empty:  # a folder named on the command line with nothing to check
            out.missing.append(_empty_folder(folder))

    for arg in args:
        if arg == STDIN:
            add(stdin_filename or STDIN_NAME, stdin=True)
        elif os.path.isdir(arg):
            walk(arg, named=True)
        elif os.path.lexists(arg) or not is_glob(arg):
            if not (force_exclude and excluded is not None and excluded(arg)):
                add(arg)
        else:
            matches = sorted(glob.glob(arg, recursive=True), key=_path_order)
            if not matches:
                out.missing.append(_no_match(arg))
            for match in matches:
                if os.path.isdir(match):
                    walk(match)
                elif excluded is None or not excluded(match):
                    add(match)
    return out


def _path_order(path: str) -> tuple[str, ...]:
    return tuple(path.replace("\\", "/").split("/"))


def _no_match(pattern: str) -> FileResult:
    problem = unreadable(
        pattern,
        "没有与此模式匹配的文件。",
        "no file matches this pattern.",
    )
    return FileResult(pattern, (problem,))


def _empty_folder(folder: str) -> FileResult:
    problem = unreadable(
        folder,
        "此文件夹（含子文件夹）中没有 *.yaml 或 *.yml 文件。",
        "this folder (with its subfolders) holds no *.yaml or *.yml file.",
    )
    return FileResult(folder, (problem,))


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def slim(result: FileResult) -> FileResult:
    """What reporters and baselines read, cheap to pickle: no declaration, no full source map.

    The text stays (excerpts), and the spans of the problems' pointers stay when they are
    scalars (leaves), which the baseline hashes instead of line numbers.
    """
    source = result.source
    wanted = {p.pointer for p in result.problems}
    spans = {}
    if wanted and source.values:
        parents = {ptr.rsplit("/", 1)[0] for ptr in source.values if ptr}
        spans = {
            ptr: source.values[ptr]
            for ptr in wanted
            if ptr in source.values and ptr not in parents and ptr
        }
    return FileResult(result.file, result.problems, None, SourceMap(text=source.text, values=spans))


def check_task(task: Task) -> FileResult:
    """Check one file; never raises (the last guard of a worker process)."""
    try:
        if task.error is not None:
            problem = unreadable(
                task.name,
                f"无法读取标准输入：{task.error}。",
                f"cannot read standard input: {task.error}.",
            )
            return FileResult(task.name, (problem,))
        if task.data is not None:
            result = check_bytes(task.data, file=task.name, options=task.options)
        else:
            result = check_path(task.name, task.options)
        return slim(result)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        return FileResult(task.name, (internal_error(task.name, exc),))


def read_stdin(name: str, options: Options, stream: IO[bytes] | None = None) -> Task:
    """Read standard input once, in the parent, within the size limit (one byte over it is
    enough for the loader to report the file as too large)."""
    try:
        source = stream if stream is not None else sys.stdin.buffer
        data = source.read(options.limits.max_bytes + 1)
    except (OSError, ValueError, AttributeError) as exc:
        return Task(name, options, error=getattr(exc, "strerror", None) or str(exc))
    return Task(name, options, data=data)


def plan(
    inputs: Sequence[Input],
    resolver: Resolver,
    *,
    stdin: IO[bytes] | None = None,
) -> list[Task]:
    """One task per input, with its own options (configuration is resolved in the parent)."""
    tasks = []
    for item in inputs:
        options = resolver.options_for(item.name)
        tasks.append(
            read_stdin(item.name, options, stdin) if item.stdin else Task(item.name, options)
        )
    return tasks


def run(tasks: Sequence[Task], *, jobs: int | None = None) -> Iterator[FileResult]:
    """Check every task; results come in task order whether the run is serial or parallel.

    The pool is started, and every task submitted, before this returns: worker processes are
    then forked before a caller starts a progress bar's refresh thread.
    """
    workers = min(default_jobs() if jobs is None else max(1, jobs), len(tasks))
    if workers <= 1 or len(tasks) < SERIAL_BELOW:
        return (check_task(task) for task in tasks)
    from concurrent.futures import ProcessPoolExecutor  # only here: a serial run skips it

    chunksize = max(1, min(16, len(tasks) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        results = pool.map(check_task, tasks, chunksize=chunksize)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return _drain(pool, results)


def _drain(pool: ProcessPoolExecutor, results: Iterator[FileResult]) -> Iterator[FileResult]:
    try:
        yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def check_files(
    args: Sequence[str],
    resolver: Resolver | None = None,
    *,
    jobs: int | None = None,
    stdin_filename: str | None = None,
) -> list[FileResult]:
    """The library entry point: check files, folders and globs; one result per file, in order."""
    resolver = resolver or FixedOptions()
    collected = collect(args, excluded=resolver.excluded, stdin_filename=stdin_filename)
    results = list(collected.missing)
    results.extend(run(plan(collected.inputs, resolver), jobs=jobs))
    return results


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


class UsageError(Exception):
    """A mistake on the command line; the CLI prints the message and exits 2."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh


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
    """Everything ``perfdecl validate`` decided from its options, for :func:`execute`."""

    stdout_formats: Sequence[str] = ("text",)
    outputs: Sequence[tuple[str, str]] = ()
    lang: Lang = "en"
    color: bool | None = None
    quiet: bool = False
    strict: bool = False
    jobs: int | None = None
    stdin_filename: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    force: bool = False
    force_exclude: bool = False


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


def refuse_clobber(settings: RunSettings) -> None:
    """Fail before checking anything when an output file exists and --force is not given."""
    if settings.force:
        return
    targets = [path for _, path in settings.outputs]
    if settings.write_baseline:
        targets.append(settings.write_baseline)
    for path in targets:
        if os.path.exists(path):
            raise UsageError(
                f"{path} exists; use --force to replace it.",
                f"{path} 已存在；如需覆盖请加 --force。",
            )


def execute(
    args: Sequence[str],
    resolver: Resolver,
    settings: RunSettings,
    *,
    stdin: IO[bytes] | None = None,
) -> Outcome:
    """Check everything, feed every reporter, write report files and the baseline.

    Results reach reporters one by one in input order; reports for ``--output`` are built in
    memory and written atomically at the end, so that a failed run never leaves half a report.
    """
    from perfdecl.files import RefusedOverwrite, write_atomic
    from perfdecl.lint.baseline import Baseline, BaselineError, BaselineFilter
    from perfdecl.reporters import get_reporter

    refuse_clobber(settings)
    parked: BaselineFilter | None = None
    if settings.baseline is not None:
        try:
            known = Baseline.read(settings.baseline)
        except BaselineError as exc:
            raise UsageError(
                f"cannot use baseline {settings.baseline}: {exc}.",
                f"无法使用基线 {settings.baseline}：{exc}。",
            ) from None
        root = Path(os.path.abspath(settings.baseline)).parent
        parked = BaselineFilter(known, root, path=settings.baseline)
    recorder: Baseline | None = Baseline() if settings.write_baseline else None
    record_root = (
        Path(os.path.abspath(settings.write_baseline)).parent if settings.write_baseline else None
    )

    pending = getattr(resolver, "pending", None)
    head: list[FileResult] = list(pending()) if callable(pending) else []
    fatal = bool(getattr(resolver, "fatal", False))
    collected = (
        Collected()
        if fatal
        else collect(
            args,
            excluded=resolver.excluded,
            stdin_filename=settings.stdin_filename,
            force_exclude=settings.force_exclude,
        )
    )
    tasks = plan(collected.inputs, resolver, stdin=stdin)
    prefaces = [list(pending(t.name)) if callable(pending) else [] for t in tasks]
    results = run(tasks, jobs=settings.jobs)

    machine = any(f != "text" for f in settings.stdout_formats)
    show = want_progress(len(tasks), machine_readable=machine, quiet=settings.quiet)
    buffers = [(name, path, io.StringIO()) for name, path in settings.outputs]
    summary = Summary(strict=settings.strict)
    with progress_bar(len(tasks), enabled=show) as bar:
        stdout = bar.stdout or sys.stdout  # above the bar while it shows
        reporters = [
            get_reporter(name)(
                stdout, lang=settings.lang, color=settings.color, quiet=settings.quiet
            )
            for name in settings.stdout_formats
        ]
        reporters += [
            get_reporter(name)(buffer, lang=settings.lang, color=False, quiet=False)
            for name, _, buffer in buffers
        ]

        def emit(result: FileResult) -> None:
            if recorder is not None and record_root is not None:
                recorder.add(result, record_root)
            if parked is not None:
                result = parked.apply(result)
            summary.add(result)
            for reporter in reporters:
                reporter.file(result)

        for reporter in reporters:
            reporter.begin()
        for result in head + collected.missing:
            emit(result)
        for preface, result in zip(prefaces, results, strict=True):
            for extra in preface:
                emit(extra)
            emit(result)
            if bar.advance is not None:
                bar.advance()
        if parked is not None:
            summary.baseline = parked.finish()
        for reporter in reporters:
            reporter.end(summary)

    outcome = Outcome(summary)
    current = ""  # the file being written, for the message when the disk is full
    try:
        for target in [path for _, path, _ in buffers] + [settings.write_baseline or ""]:
            current = target
            if target and os.path.dirname(target):
                os.makedirs(os.path.dirname(target), exist_ok=True)  # reports/ in CI
        for _, path, buffer in buffers:
            current = path
            write_atomic(path, buffer.getvalue(), force=settings.force)
            outcome.written.append(path)
        if recorder is not None and settings.write_baseline:
            current = settings.write_baseline
            write_atomic(settings.write_baseline, recorder.to_json(), force=settings.force)
            outcome.written.append(settings.write_baseline)
            outcome.recorded = sum(recorder.entries.values())
    except RefusedOverwrite as exc:
        raise UsageError(f"{exc}.", f"{exc}（文件已存在；如需覆盖请加 --force）。") from None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise UsageError(
            f"cannot write {current}: {reason}; the file was left as it was.",
            f"无法写入 {current}：{reason}；原文件保持不变。",
        ) from None
    return outcome
