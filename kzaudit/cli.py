"""The command line: a thin Typer layer over pipeline, batch and report."""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path

import typer

from kzaudit import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Audit news articles: cross-check every figure, date, name and attribution.",
    rich_markup_mode=None,
)


class CheckFormat(str, Enum):
    rich = "rich"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kzaudit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """kzaudit: audit news articles before readers do."""


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="Files or folders to audit; '-' for stdin."),
    fmt: CheckFormat = typer.Option(CheckFormat.rich, "--format", "-f", help="Output format."),
    as_of: str | None = typer.Option(None, "--as-of", help="Reference date, YYYY-MM-DD."),
    fail_on: FailOn = typer.Option(FailOn.warning, "--fail-on", help="Lowest failing severity."),
) -> None:
    """Audit articles and report what does not add up."""
    from kzaudit.config import Config
    from kzaudit.model import SEVERITY_RANK
    from kzaudit.pipeline import audit_path
    from kzaudit.report import RenderOptions, renderer

    config = Config(as_of=_parse_date(as_of))
    files = _expand(paths)
    results = [audit_path(p, config) for p in files]
    for r in results:
        if r.error:
            typer.echo(f"kzaudit: {r.path}: {r.error}", err=True)
    renderer(fmt.value).render(results, sys.stdout, RenderOptions())
    if any(r.error for r in results):
        raise typer.Exit(2)
    threshold = SEVERITY_RANK.get(fail_on.value, 99)
    if any(r.worst() >= threshold for r in results):
        raise typer.Exit(1)


def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(
                str(f)
                for f in sorted(path.rglob("*"))
                if f.suffix in {".txt", ".md", ".html", ".htm", ".markdown"} and f.is_file()
            )
        else:
            out.append(p)
    return out


def main() -> None:
    app()
