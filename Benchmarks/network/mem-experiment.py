#!/usr/bin/env python3
"""One run of store-bench.py's memory test against our receiver with extra arguments / environment,
to see where the memory goes (figures under "What was observed" in docs/benchmarks.md).

  mem-experiment.py LABEL "RECEIVER ARGS" [VAR=VALUE ...]
  e.g. mem-experiment.py pdu64k "--max-pdu 65536" MALLOC_MMAP_THRESHOLD_=32768

Env: RECEIVER (default /work/pkgs/net/.build/release/NetCLI), DATA7 (default /tmp/netbench/data7),
MEMN (associations, default 50), OUT (JSONL to append to, default /tmp/netbench/memexp.jsonl).
Starts the receiver on a free 127.0.0.1 port in a temp dir, runs the test, stops it (by its pid only).
"""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("store_bench", os.path.join(here, "store-bench.py"))
sb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sb)

label, extra = sys.argv[1], sys.argv[2].split() if len(sys.argv) > 2 and sys.argv[2] else []
env = dict(os.environ)
for kv in sys.argv[3:]:
    k, v = kv.split("=", 1)
    env[k] = v
receiver = os.environ.get("RECEIVER", "/work/pkgs/net/.build/release/NetCLI")
wd = tempfile.mkdtemp(prefix="memexp-")
port = sb.free_port()
cmd = [receiver, "receive", "--host", "127.0.0.1", "--port", str(port), "--dir", os.path.join(wd, "out"),
       "--max-associations", "64"] + extra
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
try:
    sb.wait_tcp(port, p)
    sb.mem_test(label, p.pid, port, "LIGHTBOX", os.environ.get("DATA7", "/tmp/netbench/data7"),
                int(os.environ.get("MEMN", "50")), os.environ.get("OUT", "/tmp/netbench/memexp.jsonl"))
finally:
    p.terminate()
    try:
        p.wait(30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait(10)
    shutil.rmtree(wd, ignore_errors=True)
