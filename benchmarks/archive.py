"""``make bench`` (archive part): a newsroom archive of real articles, as ratios within one run.

Corpus: PolNeAR train + dev from ``../shared`` (924 articles), read in place and
never copied into the repository. Sizes above 924 repeat the articles with a
copy marker appended to each text (``(Archive copy 2.)``), so every article is
unique to the cache and to the build digest; the copies quote the same people,
so the graph grows less than a real archive's would (say so next to the figures).

Two sizes (``--ratio-size``, default 1,000; ``--archive-size``, default 5,000):

- at the ratio size, all in one run: ``extract`` alone, a fresh ``build``, a
  re-run on the unchanged corpus, and a re-run with 50 new articles;
- at the archive size: a fresh ``build --timings`` (graph + layout share, peak
  memory of the whole process tree, graph.html size), graph.html opened in
  headless Chromium (time until ready, nodes shown, labels drawn, screenshot),
  and the layouts compared on that graph (``benchmarks/layouts.py``);
- an extrapolation to 10,000 articles from the measured per-stage costs.

Quick run: ``make bench-archive BENCH_ARGS="--ratio-size 40 --archive-size 80"``.
Results go to ``output/bench-archive.json`` and are printed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora" / "polnear"
QUOTEGRAPH = [sys.executable, "-m", "quotegraph"]
STAGES = ("read", "extract", "link", "graph", "layout", "export", "page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ratio-size", type=int, default=int(os.environ.get("BENCH_RATIO_SIZE", 1000)))
    parser.add_argument("--archive-size", type=int, default=int(os.environ.get("BENCH_ARCHIVE_SIZE", 5000)))
    parser.add_argument("--new", type=int, default=50, help="Articles added for the incremental re-run.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "bench-archive.json")
    parser.add_argument("--screenshot", type=Path, default=ROOT / "output" / "bench-archive.png")
    parser.add_argument("--skip-layouts", action="store_true", help="Do not compare layouts.")
    args = parser.parse_args()
    articles = _polnear()
    if not articles:
        print("evaluation data (../shared) not present: archive bench skipped")
        return
    figures: dict[str, Any] = {"workers": args.workers, "unique_articles": len(articles)}
    with tempfile.TemporaryDirectory(prefix="qg-archive-") as folder:
        work = Path(folder)
        if args.ratio_size:
            figures["ratio"] = _ratios(articles, args.ratio_size, args.new, args.workers, work / "ratio")
            _save(figures, args.out)
        if args.archive_size:
            figures["archive"] = _archive(articles, args.archive_size, args.workers, work / "archive", args)
            _save(figures, args.out)
    figures["extrapolation_10000"] = _extrapolate(figures, 10_000)
    _save(figures, args.out)
    _print(figures)


def _polnear() -> list[dict[str, Any]]:
    rows = []
    for name in ("train.jsonl", "dev.jsonl"):
        path = SHARED / name
        if path.is_file():
            with path.open(encoding="utf-8") as handle:
                rows += [json.loads(line) for line in handle if line.strip()]
    seen, unique = set(), []
    for row in rows:  # one article per text
        if row["text"] not in seen:
            seen.add(row["text"])
            unique.append({"doc_id": row["doc_id"], "text": row["text"], "source": row.get("publisher")})
    return unique


def _corpus(articles: list[dict[str, Any]], size: int, path: Path, *, start: int = 0) -> Path:
    """Articles ``start`` to ``start + size`` of the endless, unique sequence of copies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(start, start + size):
            copy, base = divmod(number, len(articles))
            row = dict(articles[base])
            if copy:
                row["doc_id"] = f"{row['doc_id']}-copy{copy + 1}"
                row["text"] = f"{row['text']}\n\n(Archive copy {copy + 1}.)"
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _ratios(articles: list[dict[str, Any]], size: int, new: int, workers: int, work: Path) -> dict[str, Any]:
    corpus = _corpus(articles, size, work / "corpus.jsonl")
    grown = _corpus(articles, new, work / "new.jsonl", start=size)
    out = work / "out"
    common = ["--workers", str(workers), "-q"]
    extract = _run([*QUOTEGRAPH, "extract", str(corpus), "-o", str(work / "quotes.jsonl"), *common])
    build = _run([*QUOTEGRAPH, "build", str(corpus), "-o", str(out), "--timings", *common])
    stages = json.loads((out / "timings.json").read_text())["stages"]
    rerun = _run([*QUOTEGRAPH, "build", str(corpus), "-o", str(out), *common])
    added = _run([*QUOTEGRAPH, "build", str(corpus), str(grown), "-o", str(out), *common])
    figures = {
        "articles": size, "extract_s": extract["seconds"], "build_s": build["seconds"],
        "rerun_s": rerun["seconds"], f"add_{new}_s": added["seconds"], "build_stages_s": stages,
        "ratio_build_to_extract": build["seconds"] / extract["seconds"],
        "ratio_rerun_to_build": rerun["seconds"] / build["seconds"],
        f"ratio_add_{new}_to_build": added["seconds"] / build["seconds"],
        "peak_rss_mb_build": build["peak_rss_mb"],
    }  # fmt: skip
    print(f"ratio size {size}: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items() if k.startswith("ratio")))
    return figures


def _archive(articles: list[dict[str, Any]], size: int, workers: int, work: Path, args: Any) -> dict[str, Any]:
    corpus = _corpus(articles, size, work / "corpus.jsonl")
    out = work / "out"
    build = _run([*QUOTEGRAPH, "build", str(corpus), "-o", str(out), "--timings", "--workers", str(workers), "-q"])
    timings = json.loads((out / "timings.json").read_text())
    stages = timings["stages"]
    graph_json = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    figures: dict[str, Any] = {
        "articles": size, "build_s": build["seconds"], "build_stages_s": stages,
        "graph_plus_layout_share": (stages["graph"] + stages["layout"]) / build["seconds"],
        "peak_rss_mb_tree": build["peak_rss_mb"],
        "graph_html_mb": (out / "graph.html").stat().st_size / 1e6,
        "quote_file_mb": (out / "graph.quotes.js").stat().st_size / 1e6 if (out / "graph.quotes.js").is_file() else 0.0,
        "output_folder_mb": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6,
        "nodes": len(graph_json["nodes"]), "edges": len(graph_json["edges"]),
    }  # fmt: skip
    figures.update(_browser(out / "graph.html", args.screenshot))
    if not args.skip_layouts:
        from layouts import compare_layouts  # benchmarks/layouts.py

        figures["layouts"] = compare_layouts(out / "graph.json", out_dir=args.screenshot.parent)
    return figures


def _run(command: list[str]) -> dict[str, float]:
    """Wall time of ``command`` and the peak summed RSS of its process tree (sampled every 0.2 s)."""
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0.0]

    def sample() -> None:
        root = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree if p.is_running()) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    watcher.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-2000:]}")
    return {"seconds": seconds, "peak_rss_mb": peak[0]}


def _browser(page: Path, screenshot: Path) -> dict[str, Any]:
    """Seconds until graph.html is ready in headless Chromium, nodes shown, labels drawn; a screenshot."""
    browser, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (browser and driver_path):
        return {"browser": "headless Chromium not installed: skipped"}
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--proxy-server=127.0.0.1:9", "--no-first-run", f"--user-data-dir={tempfile.mkdtemp(prefix='qg-')}"):
        options.add_argument(arg)  # fmt: skip
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        started = time.perf_counter()
        driver.get(page.as_uri())
        while not driver.execute_script("return !!(window.quotegraph && window.quotegraph.ready)"):
            if time.perf_counter() - started > 300:
                return {"browser_ready_s": None}
            time.sleep(0.05)
        ready = time.perf_counter() - started
        shown = driver.execute_script("return quotegraph.visibleNodeIds().length")
        time.sleep(0.5)
        labels = label_figures(driver)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(screenshot))
        return {"browser_ready_s": ready, "nodes_shown": shown, **labels, "screenshot": str(screenshot)}
    finally:
        driver.quit()


LABELS_JS = """
var net = quotegraph.network, s = net.getScale(), drawn = [], box = net.canvas.frame.canvas;
var lo = net.DOMtoCanvas({x: 0, y: 0}), hi = net.DOMtoCanvas({x: box.clientWidth, y: box.clientHeight});
quotegraph.visibleNodeIds().forEach(function (id) {
  var b = net.body.nodes[id];  // drawn: in view, and its font at this zoom reaches vis-network's drawThreshold
  var inView = b && b.x >= lo.x && b.x <= hi.x && b.y >= lo.y && b.y <= hi.y;
  if (inView && b.options.label && b.labelModule.baseSize * s >= b.options.scaling.label.drawThreshold) {
    var z = b.labelModule.size;
    drawn.push({px: b.labelModule.baseSize * s, x0: z.left, x1: z.left + z.width, y0: z.top, y1: z.top + z.height});
  }
});
var overlaps = 0;
drawn.forEach(function (a, i) { drawn.slice(i + 1).forEach(function (b) {
  if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) { overlaps++; } }); });
var px = drawn.map(function (d) { return d.px; }).sort(function (a, b) { return a - b; });
return {labels_drawn: drawn.length, label_overlaps: overlaps, label_px_min: px.length ? px[0] : null};
"""


def label_figures(driver: Any) -> dict[str, Any]:
    """Labels drawn at the current zoom, pairs of them whose boxes (vis-network's own) overlap, smallest size."""
    driver.execute_script("quotegraph.network.redraw()")
    time.sleep(0.2)
    figures: dict[str, Any] = driver.execute_script(LABELS_JS)
    return figures


def _extrapolate(figures: dict[str, Any], target: int) -> dict[str, Any]:
    """Per-stage cost at ``target`` articles: extraction linear, the rest by the measured growth."""
    small, big = figures.get("ratio"), figures.get("archive")
    if not (small and big) or big["articles"] <= small["articles"]:
        return {"note": "needs both sizes"}
    n1, n2 = small["articles"], big["articles"]
    stages = {}
    for name in STAGES:
        t1, t2 = small["build_stages_s"][name], big["build_stages_s"][name]
        if name in ("read", "extract") or t1 <= 0 or t2 <= 0:
            stages[name] = t2 * target / n2
        else:  # t = a * n^k through both points; k at least 1 (never better than linear)
            k = max(1.0, math.log(t2 / t1) / math.log(n2 / n1))
            stages[name] = t2 * (target / n2) ** k
    overhead = big["build_s"] - sum(big["build_stages_s"].values())  # start-up, model loading
    total = sum(stages.values()) + max(0.0, overhead)
    floor = max(stages, key=stages.get)
    return {"articles": target, "stages_s": stages, "total_min": total / 60, "fits_25_min": total < 25 * 60,
            "floor_stage": floor}  # fmt: skip


def _save(figures: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")


def _print(figures: dict[str, Any], indent: str = "  ") -> None:
    for key, value in figures.items():
        if isinstance(value, dict):
            print(f"{indent}{key}:")
            _print(value, indent + "  ")
        else:
            shown = f"{value:,.3f}" if isinstance(value, float) else str(value)
            print(f"{indent}{key:<32} {shown}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
