#!/usr/bin/env python3
"""Times pydicom's dcmread over a list of files in one process (the peer of dicom-parse-bench).

usage: pydicom_parse.py LIST {whole,no-pixels,whole-values} RUNS WARMUP
whole        dcmread(path, force=True)
no-pixels    dcmread(path, force=True, stop_before_pixels=True)
whole-values dcmread(path, force=True) and then every top-level value converted (pydicom converts lazily)
Prints one JSON object like dicom-parse-bench.
"""
import json
import os
import statistics
import sys
import time

import pydicom
from pydicom import dcmread


def one_pass(paths, mode):
    elements = 0
    failures = []
    for path in paths:
        try:
            ds = dcmread(path, force=True, stop_before_pixels=(mode == "no-pixels"))
            if mode == "whole-values":
                for element in ds:
                    element.value
            elements += len(ds)
        except Exception as error:  # a refused file is counted, never fatal
            failures.append(f"{path}: {type(error).__name__}: {error}")
    return elements, failures


def main():
    list_path, mode, runs, warmup = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    paths = [line for line in open(list_path).read().splitlines() if line]
    size = sum(os.path.getsize(p) for p in paths)
    failures = []
    for _ in range(warmup):
        _, failures = one_pass(paths, mode)
    seconds = []
    elements = 0
    for _ in range(runs):
        start = time.perf_counter()
        elements, _ = one_pass(paths, mode)
        seconds.append(time.perf_counter() - start)
    median = statistics.median_low(seconds)
    print(json.dumps({
        "tool": f"pydicom {pydicom.__version__}",
        "mode": mode,
        "files": len(paths),
        "bytes": size,
        "runs": seconds,
        "best_s": min(seconds),
        "median_s": median,
        "files_per_s": len(paths) / median,
        "mb_per_s": size / 1e6 / median,
        "top_level_elements": elements,
        "failures": failures,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
