"""The wheel a user installs: built, installed in a fresh venv far from this checkout, run.

`python -m build` makes the sdist and, from it, the wheel (as a release would),
without build isolation (the build backend comes from the test extra: nothing
to download). The wheel goes into a new virtual environment (no system
site-packages) under tmp_path; pip fetches its dependencies as a user's would.
Then `debrief rules check` and `debrief demo` run from that venv with the
working directory outside the checkout and no PYTHONPATH, so nothing can be
imported from here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
NAME = PYPROJECT["project"]["name"]
VERSION = PYPROJECT["project"]["version"]


def run(argv: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> str:
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{' '.join(argv)} exited {done.returncode}:\n" + (
        done.stdout[-4000:] + done.stderr[-4000:]
    )
    return done.stdout


def test_distribution_name_is_not_pypis_debrief() -> None:
    """PyPI's `debrief` is someone else's project; the command keeps the name."""
    assert NAME == "debrief-mail"
    assert PYPROJECT["project"]["scripts"] == {"debrief": "daemon.cli:main"}
    assert "build" in " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])


def test_wheel_installs_in_a_fresh_venv_and_runs_demo_and_rules_check(tmp_path: Path) -> None:
    started = time.monotonic()
    assert ROOT not in tmp_path.parents
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "DEBRIEF_CONFIG", "DEBRIEF_DEMO_IMAP")
    }
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        XDG_STATE_HOME=str(tmp_path / "home" / ".local" / "state"),
        PYTHONNOUSERSITE="1",
    )
    (tmp_path / "home").mkdir()

    # A copy of the source tree, so that the build leaves nothing in the checkout.
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "tests",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            ".hypothesis",
        ),
    )
    dist = tmp_path / "dist"
    run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(src)],
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    stem = f"{NAME.replace('-', '_')}-{VERSION}"
    wheel = dist / f"{stem}-py3-none-any.whl"
    assert wheel.exists(), sorted(p.name for p in dist.iterdir())
    assert (dist / f"{stem}.tar.gz").exists()

    # Everything `demo`, `rules check` and the service read at run time is in it.
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(src).as_posix() for p in (src / "daemon").rglob("*.py")}
    assert modules - names == set()
    data = {
        p.relative_to(src).as_posix()
        for folder in ("templates", "demodata")
        for p in (src / "daemon" / folder).iterdir()
    }
    assert data - names == set()
    assert "daemon/py.typed" in names
    rules = sorted(p.name for p in (src / "rules").glob("*.toml"))
    assert rules
    assert {f"{stem}.data/data/share/debrief/rules/{r}" for r in rules} <= names
    assert {n.split("/")[0] for n in names} == {"daemon", f"{stem}.dist-info", f"{stem}.data"}
    metadata = zipfile.ZipFile(wheel).read(f"{stem}.dist-info/METADATA").decode()
    assert f"\nName: {NAME}\n" in metadata

    # A fresh venv (no system site-packages), the wheel with the demo extra.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path, env=env, timeout=120)
    python, debrief = venv / "bin" / "python", venv / "bin" / "debrief"
    run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            f"{wheel}[demo]",
        ],
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    where = run(
        [str(python), "-c", "import daemon; print(daemon.__file__)"],
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert Path(where.strip()).is_relative_to(venv), where

    out = run([str(debrief), "rules", "check"], cwd=tmp_path, env=env, timeout=60)
    assert f"from {len(rules)} file(s); 0 example(s) failing" in out, out
    out = run([str(debrief), "--help"], cwd=tmp_path, env=env, timeout=60)
    assert "examples:" in out
    out = run([str(debrief), "demo"], cwd=tmp_path, env=env, timeout=180)
    for expected in ("Rejection:", "interviewer:", "SENT to ", "in total: 2"):
        assert expected in out, out
    assert time.monotonic() - started < 90
