"""Held-out check: the same harnesses on real articles the rules were not written on.

``../shared/corpus`` holds the business and politics stories of the BBC dataset of
Greene and Cunningham (2004-05); its 511 sport stories were never used to write or tune
a rule, and sport writing differs (team sheets, match previews with kick-off times,
quote-heavy reports).  This builds that set in a temporary folder, read from a public
copy of the dataset, and runs ``false_positives.py`` and ``detection.py`` on it.

    .venv/bin/python benchmarks/heldout.py [--source DIR] [--seed N] [--keep DIR]

``--source`` is a clone of ``github.com/hagar110/topics-classification`` (the copy the
corpus README names); without it the repository is cloned with git into the temporary
folder (network needed).  The articles are decoded from Latin-1, CRLF made LF, as the
corpus README describes, and deleted afterwards unless ``--keep`` names a folder.  They
are never copied into this repository: the BBC owns them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = "https://github.com/hagar110/topics-classification"
AREA = "sport"


def build(source: Path, out: Path) -> int:
    """Write ``bbc-sport-NNN.txt`` files decoded as the corpus was; return how many."""
    out.mkdir(parents=True, exist_ok=True)
    files = sorted((source / "bbc" / AREA).glob("*.txt"))
    for f in files:
        text = f.read_bytes().decode("latin-1").replace("\r\n", "\n").strip() + "\n"
        (out / f"bbc-{AREA}-{f.name}").write_text(text, encoding="utf-8")
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a clone of hagar110/topics-classification")
    parser.add_argument("--seed", default="1", help="planting seed for detection.py")
    parser.add_argument("--keep", help="write the articles here and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(args.source) if args.source else Path(tmp) / "src"
        if not args.source:
            subprocess.run(["git", "clone", "--depth", "1", "-q", REPO, str(source)], check=True)
        articles = Path(args.keep) if args.keep else Path(tmp) / AREA
        print(f"{build(source, articles)} held-out {AREA} articles in {articles}", flush=True)
        for script, extra in (("false_positives.py", ["--top", "3"]), ("detection.py", [])):
            cmd = [sys.executable, str(HERE / script), "--corpus", str(articles), *extra]
            if script == "detection.py":
                cmd += ["--seed", args.seed, "--no-fp"]
            subprocess.run(cmd, check=True)
        if not args.keep:
            shutil.rmtree(articles, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
