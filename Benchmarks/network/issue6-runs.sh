#!/bin/sh
# The issue 6 benchmark rounds of docs/benchmarks.md: for each ROUND:ORDER argument, store-bench.py
# with the targets in that order (rotated between rounds so that no target always runs first), then
# our receiver's 50 x 7 MB memory test at 64 KiB and 1 MiB maximum PDU (mem-experiment.py).
#   issue6-runs.sh RECEIVER OUT 1:ours,storescp-stock,storescp-nodelay 2:storescp-nodelay,ours,storescp-stock ...
# Data: see store-bench.py (DATA=/tmp/netbench/data, DATA7=/tmp/netbench/data7 by default).
# PAGECACHE=path of Benchmarks' dicom-receive-bench enables the target ours-pagecache (no syncs).
# MEM_PDU=0 skips the memory tests at other maximum PDU lengths.
set -e
here=$(cd "$(dirname "$0")" && pwd)
receiver=$1; out=$2; shift 2
data=${DATA:-/tmp/netbench/data}; data7=${DATA7:-/tmp/netbench/data7}
for spec in "$@"; do
  r=${spec%%:*}; order=${spec#*:}
  dir=$out/run$r
  mkdir -p "$dir"
  cat /proc/loadavg > "$dir/loadavg-start.txt"
  timeout 900 python3 "$here/store-bench.py" --receiver "$receiver" --data "$data" --data7 "$data7" --out "$dir" \
      --n-store 150 --mem-n 50 --max-seconds 60 --targets "$order" \
      ${PAGECACHE:+--pagecache-receiver "$PAGECACHE"} > "$dir/run.log" 2>&1
  [ "${MEM_PDU:-1}" = 0 ] && { cat /proc/loadavg > "$dir/loadavg-end.txt"; continue; }
  for pdu in 65536 1048576; do
    RECEIVER=$receiver DATA7=$data7 OUT=$dir/mem-pdu.jsonl timeout 300 \
        python3 "$here/mem-experiment.py" "ours-maxpdu-$pdu" "--max-pdu $pdu" >> "$dir/run.log" 2>&1
  done
  cat /proc/loadavg > "$dir/loadavg-end.txt"
done
