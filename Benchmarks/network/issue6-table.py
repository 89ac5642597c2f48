#!/usr/bin/env python3
"""Markdown table of several store-bench.py runs side by side (the issue 6 section of
docs/benchmarks.md): one row per measurement, one column per target, the runs' figures as
"run 1 / run 2 / ...".

  issue6-table.py RUN [RUN ...]

Each RUN is a folder holding store-bench.py's <target>.jsonl files and, optionally,
mem-experiment.py's mem-pdu.jsonl (our receiver's memory test at other maximum PDU lengths), or
the common prefix of such files copied into one folder, as in Benchmarks/results (".../run1-").
"""
import json
import os
import sys

TARGETS = [("ours", "ours (`lightbox dicom receive`)"),
           ("ours-pagecache", "ours, no syncs (`dicom-receive-bench`)"),
           ("storescp-stock", "storescp stock"), ("storescp-nodelay", "storescp TCP_NODELAY=1")]
ROWS = [
    ("C-ECHO, 200 on 1 association: median ms", "c_echo", "200 echoes", "median_ms", 3),
    ("C-ECHO, 200 on 1 association: p99 ms", "c_echo", "200 echoes", "p99_ms", 2),
    ("associate + echo + release: median ms", "c_echo", "associate+echo", "median_ms", 2),
    ("C-STORE 2.1 MB × 150, 1 association: instances/s", "c_store", "1 assoc", "instances_per_s", 0),
    ("… MB/s", "c_store", "1 assoc", "mb_per_s", 0),
    ("… per-instance median ms", "c_store", "1 assoc", "median_ms", 1),
    ("… server CPU s for the 150", "c_store", "1 assoc", "server_cpu_s", 2),
    ("C-STORE 2.1 MB × 150, 4 associations: instances/s", "c_store", "4 assoc", "instances_per_s", 0),
    ("… MB/s", "c_store", "4 assoc", "mb_per_s", 0),
    ("… per-instance median ms", "c_store", "4 assoc", "median_ms", 1),
    ("… server CPU s for the 150", "c_store", "4 assoc", "server_cpu_s", 2),
    ("peak RSS during echo + store tests, MB", "c_store", "", "server_peak_rss_mb", 0),
    ("**50 parallel associations × one 7 MB instance: peak RSS, MB**", "mem50", "", "peak_rss_tree_mb", 0),
    ("… RSS before the test, MB", "mem50", "", "rss_before_mb", 0),
    ("… wall time for all 50, s", "mem50", "", "wall_s", 2),
]


def load(path):
    return [json.loads(line) for line in open(path)] if os.path.exists(path) else []


def path(run, name):
    return os.path.join(run, name) if os.path.isdir(run) else run + name


def fmt(x, digits):
    return "–" if x is None else f"{x:.{digits}f}"


def main():
    runs = sys.argv[1:]
    recs = {(i, t): load(path(d, f"{t}.jsonl")) for i, d in enumerate(runs) for t, _ in TARGETS}
    # Only the targets these runs measured get a column.
    targets = [(t, name) for t, name in TARGETS if any(recs[(i, t)] for i in range(len(runs)))]
    print("| measurement | " + " | ".join(name for _, name in targets) + " |")
    print("|---|" + "---|" * len(targets))
    for label, test, variant, key, digits in ROWS:
        cells = []
        for t, _ in targets:
            vals = []
            for i in range(len(runs)):
                found = [r for r in recs[(i, t)] if r.get("test") == test and variant in r.get("variant", "")]
                if key == "server_peak_rss_mb" and test == "c_store":
                    found = [max((r for r in recs[(i, t)] if r.get(key) and r.get("test") != "mem50"),
                                 key=lambda r: r[key], default={})]
                vals.append(fmt(found[-1].get(key) if found else None, digits))
            cells.append(" / ".join(vals))
        print(f"| {label} | " + " | ".join(cells) + " |")
    mem = [load(path(d, "mem-pdu.jsonl")) for d in runs]
    for pdu in ("65536", "1048576") if any(mem) else ():
        vals = [fmt(next((r["peak_rss_tree_mb"] for r in m if r["label"].endswith(pdu)), None), 0) for m in mem]
        print(f"| … the same with our maximum PDU {int(pdu) // 1024} KiB (`--max-pdu {pdu}`): peak RSS, MB | "
              + " / ".join(vals) + " |" + " |" * (len(targets) - 1))
    errors = [(d, t, r.get("error") or r.get("errors")) for i, d in enumerate(runs) for t, _ in targets
              for r in recs[(i, t)] if r.get("error") or r.get("errors") or r.get("truncated")]
    print(f"\nerrors / truncated loops: {errors or 'none'}")


if __name__ == "__main__":
    main()
