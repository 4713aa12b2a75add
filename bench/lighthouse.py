"""Lighthouse scores of one page, with Debian's Chromium (npm `lighthouse`, pinned in package.json).

    python bench/lighthouse.py URL
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_scores(url: str) -> dict[str, float]:
    """Category scores from 0 to 100, for a mobile visit (Lighthouse's default)."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


if __name__ == "__main__":
    print(json.dumps(lighthouse_scores(sys.argv[1]), indent=2))
