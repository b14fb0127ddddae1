"""The ``ocrclean`` command: parse, configure, run, report.

No cleaning logic lives here: files are planned and cleaned by
:mod:`ocrclean.batch`, read and written by :mod:`ocrclean.textio`.  This module
turns flags and the configuration file into :class:`~ocrclean.batch.Settings`,
runs the jobs (locally or on Dask), and reports: progress bar, error lines,
JSONL log, diff, statistics, exit code.

Exit codes: 0 every file cleaned, 1 some file failed, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from typing import Any, Iterable, Iterator

import click

from . import batch, textio
from .config import ConfigError, load_config

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _err(message: str, bar=None) -> None:
    """One line on stderr (above the progress bar, if there is one)."""
    line = f"ocrclean: {message}"
    if bar is not None and not bar.disable:
        bar.write(line, file=sys.stderr)
    else:
        click.echo(line, err=True)


def _split_names(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def _parse_option(text: str) -> tuple[str, Any]:
    if "=" not in text:
        raise click.UsageError(f"--option expects NAME=VALUE, not {text!r}")
    key, value = text.split("=", 1)
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    return key.strip(), parsed


def _settings_error(exc: Exception) -> click.UsageError:
    """Turn what clean() raises for bad settings into a usage error."""
    msg = str(exc)
    if isinstance(exc, TypeError):
        for opt in ("dictionary", "model"):
            if f"'{opt}'" in msg and "unknown option" in msg:
                return click.UsageError(
                    f"--{opt} is not supported by this installation of ocrclean yet "
                    f"(clean() has no {opt!r} option)")
    return click.UsageError(msg)


# --------------------------------------------------------------------- the group

@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="ocrclean", prog_name="ocrclean")
def cli() -> None:
    """Clean raw OCR text files, with an exact log of every edit.

    \b
    Examples:
      ocrclean clean scans/ -o clean/            clean a folder tree into clean/
      ocrclean clean page.txt --diff             show what would change
      cat page.txt | ocrclean clean - > out.txt  filter stdin to stdout
      ocrclean explain page.txt                  every edit, with context and reason
      ocrclean fixers                            the fixers and presets
    """


# --------------------------------------------------------------------- clean

def _clean_options(f):
    """Options shared by `clean` and `explain`: what to clean with."""
    decorators = [
        click.option("--preset", default=None, metavar="NAME",
                     help="Preset: default (safe edits), layout, aggressive."),
        click.option("--enable", multiple=True, metavar="FIXER[,FIXER]", help="Add fixers by name."),
        click.option("--disable", multiple=True, metavar="FIXER[,FIXER]", help="Remove fixers by name."),
        click.option("--lang", default=None, metavar="CODE", help="Language of the text (en, fr, ...)."),
        click.option("--dictionary", default=None, metavar="PATH",
                     type=click.Path(exists=True, dir_okay=False), help="Extra word list (clean option 'dictionary')."),
        click.option("--model", default=None, metavar="PATH",
                     type=click.Path(exists=True, dir_okay=False),
                     help="Error model from `ocrclean learn` (clean option 'model')."),
        click.option("--option", "extra_options", multiple=True, metavar="NAME=VALUE",
                     help="Any other clean() option, e.g. --option min_confidence=0.8."),
        click.option("--config", "config_path", default=None, metavar="FILE",
                     type=click.Path(exists=True, dir_okay=False),
                     help="Read this configuration file instead of searching for one."),
        click.option("--no-config", is_flag=True, help="Ignore configuration files."),
    ]
    for d in reversed(decorators):
        f = d(f)
    return f


def _load_config(config_path, no_config):
    if no_config:
        from .config import Config

        return Config()
    try:
        return load_config(config_path)
    except ConfigError as exc:
        raise click.UsageError(f"configuration: {exc}") from None


def _build_settings(cfg, *, preset, enable, disable, lang, dictionary, model, extra_options,
                    **more) -> batch.Settings:
    options = dict(cfg.get("options", {}))
    for key, value in (("lang", lang if lang is not None else cfg.get("lang")),
                       ("dictionary", dictionary if dictionary is not None else cfg.get("dictionary")),
                       ("model", model if model is not None else cfg.get("model"))):
        if value is not None:
            options[key] = value
    for text in extra_options:
        k, v = _parse_option(text)
        options[k] = v
    settings = batch.Settings(
        preset=preset or cfg.get("preset", "default"),
        enable=_split_names(enable) if enable else _split_names(cfg.get("enable", [])),
        disable=_split_names(disable) if disable else _split_names(cfg.get("disable", [])),
        options=options,
        **more,
    )
    try:
        settings.check()
    except LookupError as exc:  # codecs.lookup
        raise click.UsageError(f"unknown encoding: {exc}") from None
    except (ValueError, TypeError) as exc:  # UnknownFixerError is a ValueError
        raise _settings_error(exc) from None
    return settings


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", "out_dir", default=None, metavar="OUT_DIR",
              help="Write cleaned files here, mirroring the input tree.")
@click.option("--in-place", is_flag=True, help="Rewrite the input files (atomically).")
@click.option("--backup", default=None, metavar="SUFFIX",
              help="With --in-place: keep each original as FILE+SUFFIX (e.g. .orig).")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="File names to take from folders (default *.txt; repeatable).")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Skip files and folders matching this (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to use (default: all cores).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--log", "log_path", default=None, metavar="FILE.jsonl",
              help="Write one JSON record per edit and one summary per file.")
@click.option("--diff", is_flag=True, help="Show a diff of what would change; write nothing.")
@click.option("--dry-run", is_flag=True, help="Same as --diff: show what would change, write nothing.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the diff.")
@click.option("--stats", is_flag=True, help="Print a summary table at the end (on stderr).")
@click.option("--keep-encoding", is_flag=True, default=None,
              help="Write each file in the encoding it was read in (default: UTF-8).")
@click.option("--output-encoding", default=None, metavar="CODEC", help="Write output in this encoding.")
@click.option("--encoding", "input_encoding", default=None, metavar="CODEC",
              help="Decode inputs with this encoding instead of detecting it.")
@click.option("--force", is_flag=True, help="Redo outputs that are already up to date.")
@click.option("--dask-scheduler", default=None, metavar="ADDRESS",
              help="Run the files on a Dask cluster (needs ocrclean[dask]).")
@_clean_options
def clean(paths, out_dir, in_place, backup, globs, exclude, jobs, quiet, log_path, diff, dry_run,
          color, stats, keep_encoding, output_encoding, input_encoding, force, dask_scheduler, **clean_opts):
    """Clean files and folders (recursively) into OUT_DIR, or in place.

    PATH may be files, folders, fsspec URLs (s3://..., memory://...), or - for
    stdin (the cleaned text goes to stdout).  Nothing is ever written over an
    input unless --in-place is given.
    """
    cfg = _load_config(clean_opts.pop("config_path"), clean_opts.pop("no_config"))
    show_diff = diff or dry_run
    stdin_mode = paths == ("-",)
    if "-" in paths and not stdin_mode:
        raise click.UsageError("'-' (stdin) cannot be mixed with other paths")
    if in_place and out_dir:
        raise click.UsageError("give either -o OUT_DIR or --in-place, not both")
    if backup and not in_place:
        raise click.UsageError("--backup only makes sense with --in-place")
    if backup is not None and (not backup or "/" in backup or os.sep in backup):
        raise click.UsageError("--backup needs a suffix such as .orig (no slashes)")
    if not stdin_mode and not (out_dir or in_place or show_diff):
        raise click.UsageError(
            "say where the cleaned files go: -o OUT_DIR, or --in-place to rewrite the inputs, "
            "or --diff to only show the changes")
    if out_dir and not textio.is_url(out_dir) and os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise click.UsageError(f"-o {out_dir}: exists and is not a folder")
    if keep_encoding is None:
        keep_encoding = cfg.get("keep-encoding", False)
    encoding = "keep" if keep_encoding else (output_encoding or cfg.get("output-encoding", "utf-8"))
    if in_place and backup is None:
        backup = cfg.get("backup")
    settings = _build_settings(
        cfg, **clean_opts,
        output_encoding=encoding, input_encoding=input_encoding, in_place=in_place, backup=backup if in_place else None,
        dry_run=show_diff, diff=show_diff, collect_edits=bool(log_path),
        spill_edits=None if dask_scheduler else 200_000,
    )
    use_color = {"always": True, "never": False}.get(color)
    log = _open_log(log_path)
    try:
        if stdin_mode:
            code = _clean_stdin(settings, log, show_diff, use_color, stats)
        else:
            code = _clean_paths(paths, out_dir, settings, cfg, log=log, globs=globs, exclude=exclude,
                                jobs=jobs, quiet=quiet, show_diff=show_diff, use_color=use_color,
                                stats=stats, force=force, dask_scheduler=dask_scheduler)
    finally:
        if log is not None:
            log.close()
    sys.exit(code)


def _open_log(path):
    if not path:
        return None
    try:
        parent = os.path.dirname(os.path.abspath(path))
        os.makedirs(parent, exist_ok=True)  # "--log out/edits.jsonl" before out/ exists
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise click.UsageError(f"--log {path}: cannot write: {textio.describe_os_error(exc)}") from None


def _write_log(log, outcome: batch.FileOutcome) -> None:
    if log is None:
        return
    for rec in batch.iter_edit_records(outcome):
        log.write(json.dumps({"type": "edit", "file": outcome.name, **rec}, ensure_ascii=False) + "\n")
    log.write(json.dumps(_summary_record(outcome), ensure_ascii=False) + "\n")
    log.flush()


def _summary_record(o: batch.FileOutcome) -> dict:
    return {
        "type": "summary", "file": o.name, "source": o.source, "destination": o.destination,
        "ok": o.ok, "error": o.error, "skipped": o.skipped, "encoding": o.encoding,
        "bytes": o.bytes_in, "seconds": round(o.seconds, 4), **o.summary,
    }


def _print_diff(outcome: batch.FileOutcome, use_color) -> None:
    if not outcome.diff:
        return
    lines = [f"--- a/{outcome.name}\n", f"+++ b/{outcome.name}\n"]
    lines.extend(outcome.diff.splitlines(keepends=True))
    for line in lines:
        if line.startswith(("---", "+++")):
            styled = click.style(line, bold=True)
        elif line.startswith("@@"):
            styled = click.style(line, fg="cyan")
        elif line.startswith("-"):
            styled = click.style(line, fg="red")
        elif line.startswith("+"):
            styled = click.style(line, fg="green")
        else:
            styled = line
        click.echo(styled, nl=False, color=use_color)


def _clean_stdin(settings, log, show_diff, use_color, want_stats) -> int:
    stdout = sys.stdout.buffer
    encoding = "utf-8" if settings.output_encoding == "keep" else settings.output_encoding

    def write(text: str) -> None:
        stdout.write(text.encode(encoding))

    t0 = time.perf_counter()
    try:
        outcome = batch.process_stream(sys.stdin.buffer, write, settings, name="<stdin>")
        stdout.flush()
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_INTERRUPTED
    if show_diff:
        _print_diff(outcome, use_color)
    _write_log(log, outcome)
    tally = _Tally()
    tally.add(outcome)
    if not outcome.ok:
        _err(f"<stdin>: {outcome.error}")
    if want_stats:
        tally.print(time.perf_counter() - t0)
    return EXIT_OK if outcome.ok else EXIT_FAILED


class _Tally:
    """Figures for --stats."""

    def __init__(self):
        self.files = self.ok = self.failed = self.skipped = 0
        self.bytes = 0
        self.edits = Counter()
        self.changed = 0

    def add(self, o: batch.FileOutcome) -> None:
        self.files += 1
        if o.skipped:
            self.skipped += 1
        elif o.ok:
            self.ok += 1
            self.bytes += o.bytes_in
            self.changed += bool(o.summary.get("changed"))
            self.edits.update(o.summary.get("by_fixer", {}))
        else:
            self.failed += 1

    def print(self, seconds: float) -> None:
        mb = self.bytes / 1e6
        rows = [
            ("files", f"{self.files}"),
            ("  cleaned", f"{self.ok}"),
            ("  changed", f"{self.changed}"),
            ("  up to date (skipped)", f"{self.skipped}"),
            ("  failed", f"{self.failed}"),
            ("MB read", f"{mb:.3f}"),
            ("time", f"{seconds:.2f} s"),
            ("speed", f"{mb / seconds:.2f} MB/s" if seconds > 0 else "-"),
            ("edits", f"{sum(self.edits.values())}"),
        ]
        rows += [(f"  {name}", f"{n}") for name, n in self.edits.most_common()]
        width = max(len(r[0]) for r in rows)
        click.echo("", err=True)
        for label, value in rows:
            click.echo(f"{label:<{width}}  {value:>10}", err=True)


def _progress(total_bytes: int, n_files: int, quiet: bool):
    from tqdm import tqdm

    disable = quiet or not sys.stderr.isatty()
    return tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1000, desc="cleaning",
                file=sys.stderr, disable=disable, dynamic_ncols=True, smoothing=0.1,
                postfix=f"0/{n_files} files", mininterval=0.2)


def _shown(path: str) -> str:
    """A path as the user would write it: relative to the working folder when under it."""
    if textio.is_url(path) or not os.path.isabs(path):
        return path
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _dask_outcomes(address: str, jobs, settings) -> Iterator[batch.FileOutcome]:
    from . import dask_backend  # imports dask itself only when it runs

    return dask_backend.run_jobs(jobs, settings, address=address)


def _clean_paths(paths, out_dir, settings: batch.Settings, cfg, *, log, globs, exclude, jobs, quiet,
                 show_diff, use_color, stats, force, dask_scheduler) -> int:
    t0 = time.perf_counter()
    globs = tuple(globs) or tuple(cfg.get("glob", ("*.txt",)))
    exclude = tuple(exclude) or tuple(cfg.get("exclude", ()))
    jobs_n = jobs or cfg.get("jobs") or os.cpu_count() or 1
    target = None if show_diff else out_dir
    try:
        planned, problems = batch.plan_jobs(paths, target, globs=globs, exclude=exclude,
                                            in_place=settings.in_place and not show_diff)
    except textio.InputError as exc:
        raise click.UsageError(str(exc)) from None
    tally = _Tally()
    failed = False
    for p in problems:
        _err(f"{p.path}: {p.reason}")
        failed = True
    manifest = batch.Manifest(out_dir) if (target and not textio.is_url(out_dir) and not settings.in_place) else None
    fingerprint = settings.fingerprint()
    todo: list[batch.FileJob] = []
    for job in planned:
        if manifest is not None and not force and manifest.up_to_date(job, fingerprint):
            o = batch.FileOutcome(job.source, job.destination, job.name, ok=True, skipped=True)
            tally.add(o)
            if log is not None:
                _write_log(log, o)
            continue
        todo.append(job)
    if not planned and not problems:
        _err("no files to clean (folders are searched for " + ", ".join(globs) + ")")
    sizes = {j.source: (textio.file_size(j.source) or 0) for j in todo}
    bar = _progress(sum(sizes.values()), len(todo), quiet)
    done_files = 0
    if dask_scheduler:
        outcomes = _dask_outcomes(dask_scheduler, todo, settings)
    else:
        outcomes = batch.run_local(todo, settings, jobs_n)
    interrupted = False
    try:
        for outcome in outcomes:
            done_files += 1
            bar.update(sizes.get(outcome.source, 0))
            bar.set_postfix_str(f"{done_files}/{len(todo)} files", refresh=False)
            tally.add(outcome)
            if not outcome.ok:
                failed = True
                _err(f"{_shown(outcome.source)}: {outcome.error}", bar)
                if manifest is not None:
                    manifest.forget(batch.FileJob(outcome.source, outcome.destination, outcome.name))
            elif manifest is not None:
                manifest.record(batch.FileJob(outcome.source, outcome.destination, outcome.name), fingerprint)
            if show_diff:
                _print_diff(outcome, use_color)
            _write_log(log, outcome)
    except KeyboardInterrupt:
        interrupted = True
    except click.UsageError:
        bar.close()
        raise
    except Exception as exc:
        if not (dask_scheduler and type(exc).__name__ == "DaskBackendError"):
            raise
        bar.close()
        _err(f"--dask-scheduler {dask_scheduler}: {exc}")
        return EXIT_USAGE
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            try:
                close()  # stops the pool and removes temporary files
            except KeyboardInterrupt:
                pass
        bar.close()
        if manifest is not None and (manifest.entries or os.path.exists(manifest.path)):
            try:
                manifest.save()
            except OSError:
                pass
    if interrupted:
        batch.remove_temporary_outputs(todo)
        _err(f"interrupted after {done_files} of {len(todo)} files; no partial output was left")
        return EXIT_INTERRUPTED
    if stats:
        tally.print(time.perf_counter() - t0)
    return EXIT_FAILED if failed else EXIT_OK


# --------------------------------------------------------------------- fixers

@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def fixers(as_json) -> None:
    """List the fixers in the order they run, with their presets."""
    from .pipeline import PRESETS, fixer_table

    rows = fixer_table()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    w = max(len(r["name"]) for r in rows)
    click.echo(f"{'fixer':<{w}}  {'stage':<11}  {'applicability':<13}  {'presets':<26}  description")
    for r in rows:
        click.echo(f"{r['name']:<{w}}  {r['stage']:<11}  {r['applicability']:<13}  "
                   f"{','.join(r['presets']) or '-':<26}  {r['description']}")
    click.echo(f"\npresets: {', '.join(PRESETS)} (default applies only safe edits)")


# --------------------------------------------------------------------- explain

def _line_col(text: str, pos: int, line_starts: list[int]) -> tuple[int, int]:
    import bisect

    i = bisect.bisect_right(line_starts, pos) - 1
    return i + 1, pos - line_starts[i] + 1


def _visible(s: str) -> str:
    return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("file", metavar="FILE")
@click.option("--context", "width", type=click.IntRange(min=0), default=30, show_default=True,
              help="Characters of context on each side.")
@click.option("--suggestions", is_flag=True, help="Also show edits proposed but not applied.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@_clean_options
def explain(file, width, suggestions, color, **clean_opts):
    """Show every edit made to FILE, with its context and reason."""
    cfg = _load_config(clean_opts.pop("config_path"), clean_opts.pop("no_config"))
    settings = _build_settings(cfg, **clean_opts)
    try:
        with textio.open_binary(file) as f:
            data = f.read()
        detection = textio.detect_encoding(data)
        raw = data.decode(detection.encoding)
    except textio.InputError as exc:
        _err(f"{file}: {exc}")
        sys.exit(EXIT_FAILED)
    except UnicodeDecodeError as exc:
        _err(f"{file}: not valid {exc.encoding}")
        sys.exit(EXIT_FAILED)
    from .pipeline import clean as clean_text

    result = clean_text(raw, **settings.clean_kwargs())
    use_color = {"always": True, "never": False}.get(color)
    starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\n"]
    items = [(e, True) for e in result.edits]
    if suggestions:
        items += [(e, False) for e in result.suggestions]
        items.sort(key=lambda t: (t[0].start, t[0].end))
    if detection.encoding != "utf-8":
        click.echo(f"{file}: decoded as {detection.encoding} ({detection.method})")
    for e, applied in items:
        line, col = _line_col(raw, e.start, starts)
        left = _visible(raw[max(0, e.start - width):e.start])
        right = _visible(raw[e.end:e.end + width])
        change = (click.style(_visible(e.before) or "", fg="red", strikethrough=True)
                  + click.style("\u2192", dim=True)
                  + click.style(_visible(e.replacement) or "", fg="green"))
        tag = "" if applied else click.style(" (suggestion, not applied)", fg="yellow")
        click.echo(f"{file}:{line}:{col}: {click.style(e.fixer, bold=True)} [{e.applicability.label}, "
                   f"confidence {e.confidence:.2f}]{tag} {e.reason}", color=use_color)
        click.echo(f"    \u2026{left}[{change}]{right}\u2026", color=use_color)
        click.echo(f"    {e.before!r} -> {e.replacement!r}", color=use_color)
    n = len(result.edits)
    click.echo(f"{n} edit{'s' if n != 1 else ''}" +
               (f", {len(result.suggestions)} suggestion(s) not applied" if result.suggestions else ""))


# --------------------------------------------------------------------- learn

@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("pairs_dir", metavar="PAIRS_DIR", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", "out", required=True, metavar="MODEL.json", help="Where to save the model.")
def learn(pairs_dir, out):
    """Learn an OCR error model from NAME.ocr.txt / NAME.gt.txt pairs."""
    from .errormodel import learn_from_dir

    try:
        model = learn_from_dir(pairs_dir)
        model.save(out)
    except (OSError, ValueError) as exc:
        _err(f"{pairs_dir}: {exc}")
        sys.exit(EXIT_FAILED)
    click.echo(f"saved the error model to {out}")


# --------------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> None:
    """The console script."""
    try:
        cli.main(args=argv, prog_name="ocrclean", standalone_mode=True)
    except BrokenPipeError:  # `ocrclean clean - < x | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":  # pragma: no cover
    main()
