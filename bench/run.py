"""The benchmark: build time against the floor, page and index sizes, memory, preview refresh,
PDF time and Lighthouse scores, written into BENCHMARKS.md with a plot.

    .venv/bin/python bench/run.py                  # N = 100, 1000, 5000 (about 10 minutes)
    .venv/bin/python bench/run.py --sizes 100 1000 # a quicker partial run

Every figure comes from this one run on this machine: ratios, not absolute times, are
what the targets are about. Needs the `bench` extra (`pip install -e .[bench]`); the
Lighthouse step also needs Node.js/npm and /usr/bin/chromium, and is skipped without them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_course  # noqa: E402
from http_probe import fetch, free_port  # noqa: E402

RUNS = 3
BENCH_DOC = ROOT / "BENCHMARKS.md"
PLOT = ROOT / "bench" / "build-time.png"
RESULTS = ROOT / "bench" / "results.json"
START_MARK = "<!-- bench:results:start -->"
END_MARK = "<!-- bench:results:end -->"


def make_project(where: Path, n: int) -> Path:
    make_course(where, n)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    return where


def timed_run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MB, largest process of the tree) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def build_env() -> dict[str, str]:
    return {**os.environ, "TRAINING_PDF": "0", "CI": "1"}


def measure_build_and_floor(project: Path) -> dict[str, float]:
    """Build and floor, alternating, RUNS times each: both meet the same machine weather.

    Each floor run writes into a new folder like the build does: creating files is part of the cost.
    """
    builds, floors = [], []
    for run in range(RUNS):
        out = project / f"floor-out-{run}"
        floors.append(timed_run([sys.executable, str(ROOT / "bench" / "floor.py"), "content", str(out)], project)[0])
        shutil.rmtree(out)
        builds.append(timed_run([sys.executable, "-m", "generator", "build"], project, build_env()))
    return {"seconds": statistics.median(t for t, _ in builds), "peak_mb": max(m for _, m in builds),
            "floor": statistics.median(floors)}


def sizes(site: Path) -> dict[str, float]:
    pages = [p.stat().st_size for p in (site / "stories").glob("*.html") if p.name != "index.html"]
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    return {
        "story_page_kb_mean": statistics.mean(pages) / 1024,
        "story_page_kb_max": max(pages) / 1024,
        "stories_index_kb": (site / "stories" / "index.html").stat().st_size / 1024,
        "stories_data_kb": (site / "stories" / "index-data.js").stat().st_size / 1024,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "search_index_mb": len(raw) / 2**20,
        "search_index_gzip_mb": len(gzip.compress(raw, 6)) / 2**20,
    }


def measure_preview_refresh(project: Path, edits: int = RUNS) -> float:
    """Seconds from saving a changed story to `serve` answering with the new text (median)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    story = project / "content" / "stories" / "story-00001.md"
    url = f"http://127.0.0.1:{port}/stories/story-00001.html"
    try:
        deadline = time.monotonic() + 300
        while "Story 1" not in fetch(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the preview server did not come up")
            time.sleep(0.2)
        time.sleep(2)  # let the first build settle
        timings = []
        for edit in range(edits):
            marker = f"Refreshmarker{edit}x{time.time_ns()}"
            with story.open("a", encoding="utf-8") as stream:
                stream.write(f"\n{marker}\n")
            saved = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - saved > 120:
                    raise SystemExit("the preview never showed the edit")
                time.sleep(0.02)
            timings.append(time.perf_counter() - saved)
            time.sleep(1.5)
        return statistics.median(timings)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def measure_module_pdfs() -> float | None:
    """Seconds to make the guide and handout PDFs of the first module of content/."""
    from generator.content.loader import load_course
    from generator.output.pdf import pdf_bytes, quiet_weasyprint
    from generator.render.print_docs import PrintRenderer

    course, report = load_course(ROOT / "content")
    if course is None or not course.modules:
        raise SystemExit(f"content/ has no valid module: {report.summary()}")
    renderer = PrintRenderer(course, None)
    quiet_weasyprint()
    started = time.perf_counter()
    for document in (renderer.guide(course.modules[0]), renderer.handout(course.modules[0])):
        pdf_bytes(document, 0)
    return time.perf_counter() - started


def measure_lighthouse(site: Path) -> dict[str, float] | None:
    if not shutil.which("npx") or not Path("/usr/bin/chromium").exists():
        return None
    from lighthouse import lighthouse_scores

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        story = sorted(p.name for p in (site / "stories").glob("*.html") if p.name != "index.html")[0]
        # Performance swings with the VM's load (blocking time): the median of 3 visits.
        runs = [lighthouse_scores(f"http://127.0.0.1:{port}/stories/{story}") for _ in range(RUNS)]
        return {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    finally:
        server.terminate()
        server.wait()


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "pydantic", "PyYAML", "nh3", "weasyprint"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    return found


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    return f"{os.cpu_count()} cores ({cpu}), {int(memory) // 2**20} GiB RAM, {platform.system()} {platform.release()}"


def plot(results: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [row["n"] for row in results["sizes"]]
    figure, axes = plt.subplots(figsize=(7, 4.2), dpi=110)
    axes.plot(ns, [row["build_s"] for row in results["sizes"]], "o-", color="#124e57", label="full build (PDFs off)")
    axes.plot(ns, [row["floor_s"] for row in results["sizes"]], "s--", color="#b5651d", label="floor: read + Markdown + write")
    axes.plot(ns, [1.5 * row["floor_s"] for row in results["sizes"]], ":", color="#888888", label="target: 1.5 × floor")
    axes.set_xlabel("stories")
    axes.set_ylabel("seconds (median of 3)")
    axes.set_title("Build time against the number of stories")
    axes.grid(alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(PLOT)


def markdown_table(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {results['machine']}.",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in results["versions"].items()) + ".",
        "",
        f"Command: `{results['command']}`",
        "",
        "| N | build (s) | floor (s) | build / floor | peak memory (MB) | story page mean / max (KB) | stories index / its data (KB) | site (MB) | search index raw / gzip (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results["sizes"]:
        lines.append(
            f"| {row['n']:,} | {row['build_s']:.2f} | {row['floor_s']:.2f} | {row['ratio']:.2f} | {row['peak_mb']} "
            f"| {row['story_page_kb_mean']:.1f} / {row['story_page_kb_max']:.1f} "
            f"| {row.get('stories_index_kb', 0):.0f} / {row.get('stories_data_kb', 0):.0f} | {row['site_mb']:.1f} "
            f"| {row['search_index_mb']:.2f} / {row['search_index_gzip_mb']:.2f} |"
        )
    extra = results["extra"]
    lines += ["", "| Other figure | Value |", "| --- | ---: |"]
    if "growth_5000_over_1000" in extra:
        lines.append(f"| build time 5,000 / 1,000 | {extra['growth_5000_over_1000']:.2f} |")
    if "story_page_growth_kb" in extra:
        lines.append(f"| story page max, largest N − smallest N (KB) | {extra['story_page_growth_kb']:+.1f} |")
    if extra.get("preview_refresh_s") is not None:
        lines.append(f"| preview refresh after editing one story, N = {extra['preview_n']:,} (s, median of 3) | {extra['preview_refresh_s']:.2f} |")
    if extra.get("module_pdfs_s") is not None:
        lines.append(f"| PDFs of one module: guide + handout (s) | {extra['module_pdfs_s']:.2f} |")
    for name, score in (extra.get("lighthouse") or {}).items():
        lines.append(f"| Lighthouse {name}, a story page | {score:.0f} |")
    lines += ["", f"![Build time against N](bench/{PLOT.name})"]
    return "\n".join(lines)


def write_doc(results: dict) -> None:
    text = BENCH_DOC.read_text(encoding="utf-8") if BENCH_DOC.exists() else f"# Benchmarks\n\n{START_MARK}\n{END_MARK}\n"
    before, rest = text.split(START_MARK, 1)
    _, after = rest.split(END_MARK, 1)
    BENCH_DOC.write_text(f"{before}{START_MARK}\n{markdown_table(results)}\n{END_MARK}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--preview-n", type=int, default=1000)
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    command = "bash scripts/bench.sh" + ("" if args.sizes == [100, 1000, 5000] else " --sizes " + " ".join(map(str, args.sizes)))
    results: dict = {"date": time.strftime("%Y-%m-%d"), "machine": machine(), "versions": versions(),
                     "command": command, "sizes": [], "extra": {}}
    with tempfile.TemporaryDirectory(prefix="ss-bench-") as scratch:
        sites = {}
        for n in args.sizes:
            project = make_project(Path(scratch) / f"n{n}", n)
            print(f"N={n}: the floor and the build, {RUNS}× each, alternating…", flush=True)
            build = measure_build_and_floor(project)
            floor = build["floor"]
            row = {"n": n, "build_s": build["seconds"], "floor_s": floor, "ratio": build["seconds"] / floor,
                   "peak_mb": build["peak_mb"], **sizes(project / "site")}
            print(json.dumps(row), flush=True)
            results["sizes"].append(row)
            sites[n] = project
        by_n = {row["n"]: row for row in results["sizes"]}
        if 1000 in by_n and 5000 in by_n:
            results["extra"]["growth_5000_over_1000"] = by_n[5000]["build_s"] / by_n[1000]["build_s"]
        results["extra"]["story_page_growth_kb"] = (
            results["sizes"][-1]["story_page_kb_max"] - results["sizes"][0]["story_page_kb_max"])
        if args.preview_n in sites:
            print(f"preview refresh at N={args.preview_n}…", flush=True)
            results["extra"]["preview_n"] = args.preview_n
            results["extra"]["preview_refresh_s"] = measure_preview_refresh(sites[args.preview_n])
        print("PDFs of one module…", flush=True)
        results["extra"]["module_pdfs_s"] = measure_module_pdfs()
        if not args.no_lighthouse:
            print("Lighthouse…", flush=True)
            results["extra"]["lighthouse"] = measure_lighthouse(sites[args.sizes[0]] / "site")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    plot(results)
    write_doc(results)
    print(markdown_table(results))


if __name__ == "__main__":
    main()
