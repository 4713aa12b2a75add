"""The built pages are valid HTML according to the Nu HTML checker (npm vnu-jar, run with Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT
from vnu_allowed import ALLOWED

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_no_html_errors_from_our_templates_or_content(site: Path) -> None:
    problems = html_problems(site)
    assert not problems, "\n".join(problems)


def html_problems(folder: Path) -> list[str]:
    """The checker's errors for every HTML file under `folder`, less the ones we tolerate."""
    assert shutil.which("java"), "Java is needed for the Nu HTML checker (scripts/test.sh installs it)"
    assert VNU.exists(), "run `npm ci` (scripts/test.sh does) to get vnu-jar"
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(folder)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{m['url'].split('/' + folder.name + '/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not any(m["message"].startswith(allowed) for allowed in ALLOWED)
    ]
