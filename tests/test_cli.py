"""End-to-end CLI tests: formats, exit codes, config, baseline, rules, explain.

Findings come from two stub rules registered for the test (the real rules are
still being built): ``stub-word`` flags "afront" (warning, suggestion "affront"),
``stub-error`` flags "XXERR" (error).  ``--select`` keeps the real rules out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

from kzaudit.cli import app
from kzaudit.model import Span
from kzaudit.rules import all_rules
from tests.test_report_sarif import validator

STUBS = "--select=stub-word,stub-error"
ARTICLE = (
    "LONDON, March 3, 2025 - Officials met on Monday.\n"
    "\n"
    "The minister said it was an afront to the city.\n"
    "\n"
    "More than 2,000 people were arrested, police said.\n"
)
CLEAN = "Officials met on Monday.\n\nThe minister spoke at length.\n"


def _stub(rule_id: str, severity: str, word: str, suggestion: str | None) -> types.ModuleType:
    module = types.ModuleType(f"kzaudit.rules.{rule_id}")
    module.__doc__ = f"""{rule_id}: a test rule.

    ## What it does
    Flags "{word}".

    ## Why is this bad?
    Tests need findings.

    ## Example
    ```
    {word}
    ```

    ## Use instead
    ```
    {suggestion}
    ```
    """
    module.ID, module.GROUP, module.SEVERITY = rule_id, "mechanics", severity
    module.SUMMARY = f"Flags {word}."
    module.OPTIONS = {"limit": 10}
    pattern = regex.compile(regex.escape(word))

    def check(doc, ctx) -> Iterator:
        for m in list(pattern.finditer(doc.text))[: ctx.options["limit"]]:
            yield ctx.finding(doc, Span(m.start(), m.end()), f'"{word}" is wrong', suggestion)

    module.check = check
    return module


@pytest.fixture(autouse=True)
def stub_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = all_rules()
    monkeypatch.setitem(rules, "stub-word", _stub("stub-word", "warning", "afront", "affront"))
    monkeypatch.setitem(rules, "stub-error", _stub("stub-error", "error", "XXERR", None))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: object, input: str | None = None, env: dict | None = None):
    argv = [str(a) for a in args]
    if argv[:1] == ["check"] and not any(a.startswith("--jobs") for a in argv):
        argv.append("--jobs=1")  # in process: the stub rules exist only here
    return CliRunner().invoke(app, argv, input=input, env=env)


def as_json(result) -> dict:
    return json.loads(result.stdout)


# -- basics -------------------------------------------------------------------------------
def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("kzaudit ")


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "claims", "rules", "explain"):
        assert command in result.stdout


# -- formats ----------------------------------------------------------------------------
def test_json(article: Path) -> None:
    result = run("check", article, "--format", "json", STUBS)
    assert result.exit_code == 1
    doc = as_json(result)
    (file,) = doc["files"]
    assert file["path"] == str(article)
    (f,) = file["findings"]
    assert (f["rule"], f["line"], f["column"], f["text"], f["suggestion"]) == (
        "stub-word", 3, 29, "afront", "affront"
    )  # fmt: skip
    assert doc["summary"] == {"files": 1, "errors": 0, "warnings": 1, "infos": 0}


def test_jsonl_one_line_per_file(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = run("check", tmp_path, "--format", "jsonl", STUBS)
    lines = result.stdout.splitlines()
    assert [Path(json.loads(line)["path"]).name for line in lines] == ["a.txt", "b.md", "c.txt"]


def test_sarif_is_schema_valid(article: Path) -> None:
    doc = as_json(run("check", article, "--format", "sarif", STUBS))
    validator().validate(doc)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {"stub-word", "stub-error"}
    assert all("What it does" in r["help"]["text"] for r in rules)
    (res,) = doc["runs"][0]["results"]
    assert res["ruleId"] == "stub-word"
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_github(article: Path) -> None:
    result = run("check", article, "--format", "github", STUBS)
    assert result.stdout == (
        f"::warning file={article},line=3,col=29,endLine=3,endColumn=35,"
        'title=kzaudit stub-word::"afront" is wrong (suggestion: affront)\n'
    )


def test_github_article_cannot_forge_a_command(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("A afront\n::error file=x::owned\n", encoding="utf-8")
    result = run("check", path, "--format", "github", STUBS)
    assert [line[:10] for line in result.stdout.splitlines()] == ["::warning "]


def test_rich_plain_when_not_a_tty(article: Path) -> None:
    result = run("check", article, STUBS)
    assert result.exit_code == 1
    out = result.stdout
    assert "3:29  warning  stub-word" in out
    assert "suggestion: affront" in out
    assert "\x1b[" not in out
    assert out.rstrip().endswith("Checked 1 file: 0 errors, 1 warning, 0 info")


def test_color_always_and_no_color(article: Path) -> None:
    assert "\x1b[" in run("check", article, STUBS, "--color", "always").stdout
    env = {"NO_COLOR": "1"}
    assert "\x1b[" not in run("check", article, STUBS, env=env).stdout
    assert "\x1b[" not in run("check", article, STUBS, "--color", "never").stdout


def test_quiet_and_statistics(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("An afront. An XXERR. Another afront.\n", encoding="utf-8")
    quiet = run("check", path, STUBS, "--quiet").stdout
    assert "stub-error" in quiet and "stub-word" not in quiet and "Checked 1 file" in quiet
    stats = run("check", path, STUBS, "--statistics").stdout
    assert "2  warning  stub-word" in stats and "1  error    stub-error" in stats
    machine = run("check", path, STUBS, "--statistics", "--format", "json")
    assert json.loads(machine.stdout)["summary"]["warnings"] == 2
    assert "2  warning  stub-word" in machine.stderr


def test_output_file(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run("check", article, "--format", "json", STUBS, "--output", target)
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["warnings"] == 1
    bad = run("check", article, "--output", tmp_path / "no" / "dir.json")
    assert bad.exit_code == 2 and bad.stderr.startswith("kzaudit: --output: ")


def test_deterministic_output(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(ARTICLE + "XXERR afront\n", encoding="utf-8")
    for fmt in ("json", "sarif", "jsonl", "github", "rich"):
        first = run("check", tmp_path, "--format", fmt, STUBS).stdout_bytes
        assert first == run("check", tmp_path, "--format", fmt, STUBS).stdout_bytes


def test_stdin(tmp_path: Path) -> None:
    result = run("check", "-", "--format", "json", STUBS, input=ARTICLE)
    (file,) = as_json(result)["files"]
    assert file["path"] == "<stdin>" and file["findings"][0]["text"] == "afront"


# -- exit codes --------------------------------------------------------------------------
def test_exit_codes(tmp_path: Path, article: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    error = tmp_path / "error.txt"
    error.write_text("A XXERR here.\n", encoding="utf-8")
    assert run("check", clean, STUBS).exit_code == 0
    assert run("check", article, STUBS).exit_code == 1
    assert run("check", article, STUBS, "--fail-on", "error").exit_code == 0
    assert run("check", error, STUBS, "--fail-on", "error").exit_code == 1
    assert run("check", article, STUBS, "--fail-on", "never").exit_code == 0
    assert run("check", article, STUBS, "--fail-on", "info").exit_code == 1


def test_missing_file_among_good_ones(tmp_path: Path, article: Path) -> None:
    result = run("check", article, tmp_path / "gone.txt", "--format", "json", STUBS)
    assert result.exit_code == 2
    assert result.stderr == f"kzaudit: {tmp_path / 'gone.txt'}: no such file or directory\n"
    files = {Path(f["path"]).name: f for f in as_json(result)["files"]}
    assert files["story.txt"]["findings"][0]["text"] == "afront"  # still audited
    assert "error" in files["gone.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2022-13-01"], "kzaudit: --as-of: '2022-13-01' is not a date (YYYY-MM-DD)"),
        (["--select", "no-such-rule"], "kzaudit: --select: unknown rule or group 'no-such-rule'"),
        (["--ignore", "stub-wrd"], "did you mean 'stub-word'?"),
        (["--format", "xml"], "kzaudit: Invalid value for '--format'"),
        (["--fail-on", "fatal"], "kzaudit: Invalid value for '--fail-on'"),
        (["--jobs", "-2"], "kzaudit: Invalid value for '--jobs'"),
        (["--scheduler", "tcp://x:1"], "kzaudit: --scheduler needs --engine dask"),
        (["--baseline", "/nonexistent/b.json"], "kzaudit: --baseline: /nonexistent/b.json"),
    ],
)
def test_usage_errors_are_one_line(article: Path, args: list[str], message: str) -> None:
    result = run("check", article, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


# -- select, ignore, config ------------------------------------------------------------
def test_select_and_ignore(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("An afront and an XXERR.\n", encoding="utf-8")

    def rules(*args):
        doc = as_json(run("check", path, "--format", "json", *args))
        return [f["rule"] for f in doc["files"][0]["findings"]]

    assert rules(STUBS) == ["stub-word", "stub-error"]
    assert rules("--select", "stub-error") == ["stub-error"]
    assert rules(STUBS, "--ignore", "stub-error") == ["stub-word"]
    assert rules("--select", "stub-word", "--select", "stub-error") == ["stub-word", "stub-error"]


def test_config_discovery_explicit_and_isolated(tmp_path: Path) -> None:
    folder = tmp_path / "news" / "2024"
    folder.mkdir(parents=True)
    path = folder / "s.txt"
    path.write_text("An afront and an XXERR.\n", encoding="utf-8")
    (tmp_path / "kzaudit.toml").write_text(
        'select = ["stub-word", "stub-error"]\nignore = ["stub-error"]\n'
        '[severity]\n"stub-word" = "info"\n',
        encoding="utf-8",
    )

    def findings(*args):
        doc = as_json(run("check", path, "--format", "json", *args))
        return [(f["rule"], f["severity"]) for f in doc["files"][0]["findings"]]

    assert findings() == [("stub-word", "info")]
    other = tmp_path / "other.toml"
    other.write_text('select = ["stub-error"]\n', encoding="utf-8")
    assert findings("--config", other) == [("stub-error", "error")]
    assert findings("--isolated", STUBS) == [("stub-word", "warning"), ("stub-error", "error")]
    assert run("check", path, "--fail-on", "warning").exit_code == 0  # info only


def test_rule_options_from_config(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("afront afront afront\n", encoding="utf-8")
    (tmp_path / "kzaudit.toml").write_text("[rules.stub-word]\nlimit = 2\n", encoding="utf-8")
    doc = as_json(run("check", path, "--format", "json", STUBS))
    assert len(doc["files"][0]["findings"]) == 2


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("selekt = []\n", "unknown key 'selekt' (did you mean 'select'?)"),
        ("[rules.stub-word]\nlimit = 'x'\n", "rules.stub-word.limit: expected an integer, got a string"),
        ("[severity]\nnope = 'error'\n", "severity.nope: unknown rule 'nope'"),
        ("select = [\n", "invalid TOML"),
    ],
)  # fmt: skip
def test_bad_config_is_exit_2_one_line(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "kzaudit.toml").write_text(toml, encoding="utf-8")
    path = tmp_path / "s.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kzaudit: {tmp_path / 'kzaudit.toml'}: ")
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.kzaudit]\nselect = ["stub-error"]\n', encoding="utf-8"
    )
    path = tmp_path / "s.txt"
    path.write_text("An afront and an XXERR.\n", encoding="utf-8")
    doc = as_json(run("check", path, "--format", "json"))
    assert [f["rule"] for f in doc["files"][0]["findings"]] == ["stub-error"]


# -- baseline --------------------------------------------------------------------------------
def test_baseline_round_trip_with_an_edit_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "kzaudit-baseline.json"
    first = run("check", path, STUBS, "--write-baseline", baseline)
    assert first.exit_code == 1 and baseline.is_file()
    # an editor adds a paragraph at the top: the accepted finding moves two lines down
    path.write_text("A new first paragraph.\n\n" + ARTICLE, encoding="utf-8")
    again = run("check", path, STUBS, "--baseline", baseline, "--format", "json")
    assert again.exit_code == 0
    assert as_json(again)["files"][0]["findings"] == []
    # a new mistake is still reported
    path.write_text(ARTICLE + "\nThis is another afront entirely.\n", encoding="utf-8")
    new = run("check", path, STUBS, "--baseline", baseline, "--format", "json")
    assert new.exit_code == 1
    (f,) = as_json(new)["files"][0]["findings"]
    assert f["line"] == 7


# -- claims, rules, explain ----------------------------------------------------------------
def test_claims_formats(article: Path, tmp_path: Path) -> None:
    table = run("claims", article)
    assert table.exit_code == 0 and "story.txt" in table.stdout
    doc = as_json(run("claims", article, "--format", "json"))
    assert doc["files"][0]["path"] == str(article) and "findings" not in doc["files"][0]
    csv_out = run("claims", article, "--format", "csv").stdout
    assert csv_out.splitlines()[0] == (
        "path,kind,text,value,qualifier,unit,category,subject,line,column,start,end,source,date"
    )
    missing = run("claims", article, tmp_path / "gone.txt", "--format", "csv")
    assert missing.exit_code == 2 and "gone.txt,error," in missing.stdout


def test_rules_catalogue() -> None:
    table = run("rules", "--color", "never")
    assert table.exit_code == 0 and "stub-word" in table.stdout
    catalogue = json.loads(run("rules", "--format", "json").stdout)
    entry = next(r for r in catalogue if r["id"] == "stub-word")
    assert entry == {"id": "stub-word", "group": "mechanics", "severity": "warning",
                     "summary": "Flags afront.", "options": {"limit": 10}}  # fmt: skip


def test_explain() -> None:
    result = run("explain", "stub-word")
    assert result.exit_code == 0
    assert result.stdout.startswith("stub-word (mechanics, warning): Flags afront.")
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead", "limit = 10"):
        assert heading in result.stdout
    styled = run("explain", "stub-word", "--color", "always").stdout
    assert "\x1b[1;4mWhat it does" in styled
    unknown = run("explain", "stub-wrd")
    assert unknown.exit_code == 2
    assert unknown.stderr == "kzaudit: unknown rule 'stub-wrd' (did you mean 'stub-word'?)\n"


# -- the seed's headline findings, once their rules exist ----------------------------------
SEED = Path(__file__).parent.parent / "seeds" / "kazakhstan-unrest.txt"


@pytest.mark.parametrize(
    ("rule", "text", "suggestions"),
    [("date-outlier", "June 5", ("January 5", "Jan 5")), ("acronym-mismatch", "CTSO", ("CSTO",))],
)
def test_seed_headlines(rule: str, text: str, suggestions: tuple[str, ...]) -> None:
    if rule not in all_rules():
        pytest.skip(f"{rule} not built yet")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, 1) if regex.search(rf"\b{text}\b", t))
    doc = as_json(run("check", SEED, "--format", "json", "--select", rule, "--isolated"))
    found = [(f["line"], f["text"], f["suggestion"]) for f in doc["files"][0]["findings"]]
    assert any(f[:2] == (line, text) and f[2] in suggestions for f in found), found


# -- start-up: no Rich, no pipeline for --version; no Rich console for json -------------------
def _modules_after(args: list[str], cwd: Path) -> set[str]:
    code = (
        "import sys\nfrom kzaudit.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"}, check=False,
    )  # fmt: skip
    return set(proc.stderr.split())


def test_lazy_imports(article: Path, tmp_path: Path) -> None:
    version = _modules_after(["--version"], tmp_path)
    assert "kzaudit.cli" in version
    assert not {"rich.console", "kzaudit.pipeline", "kzaudit.rules"} & version
    as_json_run = _modules_after(["check", str(article), "--format", "json"], tmp_path)
    assert "kzaudit.report.json" in as_json_run
    assert "rich.console" not in as_json_run and "kzaudit.report.terminal" not in as_json_run


def test_engine_that_cannot_start_is_one_line(article: Path, monkeypatch) -> None:
    from kzaudit import batch

    def broken(*args, **kwargs):
        raise batch.EngineError("cannot reach the Dask scheduler at tcp://x:1")
        yield  # a generator, like the real one

    monkeypatch.setattr(batch, "run", broken)
    result = run("check", article, "--format", "json", "--engine", "dask")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "kzaudit: cannot reach the Dask scheduler at tcp://x:1\n"


def test_output_dir_is_passed_to_the_engine(article: Path, monkeypatch, tmp_path: Path) -> None:
    from kzaudit import batch

    seen = {}
    real = batch.run

    def spy(files, config, **kwargs):
        seen.update(kwargs)
        kwargs.pop("output_dir", None)
        return real(files, config, **kwargs)

    monkeypatch.setattr(batch, "run", spy)
    run("check", article, "--format", "json", "--jobs", "1", "--timeout", "5")
    assert "output_dir" not in seen and seen["jobs"] == 1 and seen["timeout"] == 5
    run("check", article, "--output-dir", tmp_path / "out", "--format", "json")
    assert seen["output_dir"] == str(tmp_path / "out")


# -- integrations: pre-commit hook and GitHub Action -----------------------------------------
ROOT = Path(__file__).parent.parent


def test_pre_commit_hook_definition() -> None:
    yaml = pytest.importorskip("yaml")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "kzaudit" and hook["entry"] == "kzaudit check"
    assert hook["types"] == ["text"] and hook["language"] == "python"
    files = regex.compile(hook["files"])
    for name in ("a.txt", "news/b.md", "c.markdown", "d.html", "e.htm"):
        assert files.search(name), name
    assert not files.search("setup.py")
    # the hook's own arguments are valid for the command
    assert run("check", "--help", *hook["args"]).exit_code == 0


def test_action_definition() -> None:
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
    audit = next(s for s in steps if s.get("id") == "audit")
    assert "--format sarif --output" in audit["run"] and "--format github" in audit["run"]
    assert "${{" not in audit["run"]  # inputs arrive as environment variables only


def test_seed_sarif_with_the_real_rules_is_schema_valid() -> None:
    doc = as_json(run("check", SEED, "--format", "sarif", "--isolated", "--fail-on", "never"))
    validator().validate(doc)
    ids = {r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in doc["runs"][0]["results"]} <= ids


def test_empty_folder_warns_and_passes(tmp_path: Path) -> None:
    result = run("check", tmp_path, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith("kzaudit: warning: no articles found")
    assert as_json(result)["files"] == []


def test_sarif_descriptor_uses_the_configured_severity(article: Path, tmp_path: Path) -> None:
    (tmp_path / "kzaudit.toml").write_text('[severity]\n"stub-word" = "error"\n', encoding="utf-8")
    doc = as_json(run("check", article, "--format", "sarif", STUBS))
    levels = {
        r["id"]: r["defaultConfiguration"]["level"]
        for r in doc["runs"][0]["tool"]["driver"]["rules"]
    }
    assert levels == {"stub-word": "error", "stub-error": "error"}
    assert doc["runs"][0]["results"][0]["level"] == "error"
