#!/usr/bin/env python3
"""C-ECHO round trips on one association and the server's CPU per echo, for comparing two servers'
echo paths more finely than bench.py's 200 echoes (docs/benchmarks.md, issue 6).

  echo-cpu.py PORT AET COUNT SERVER_PID

Client: ../shared/bench/rawdimse.py (blocking socket, TCP_NODELAY). 200 untimed echoes first, then
COUNT timed ones; the server's CPU over those comes from bench.py's ServerMonitor (/proc, the pid and
its children: storescp --fork serves each association in a child). Prints median, p10, p90 and
server CPU per echo.
"""
import os
import sys
import time

BENCH_DIR = os.path.join(os.environ.get("LIGHTBOX_SHARED") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared"), "bench")
sys.path.insert(0, BENCH_DIR)
import rawdimse as rd  # noqa: E402
from bench import ServerMonitor  # noqa: E402  (the CPU reading bench.py itself reports)


def main():
    port, aet, count, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    association = rd.Association("127.0.0.1", port, aet)
    for _ in range(200):
        association.echo()
    monitor = ServerMonitor(pid).start()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        association.echo()
        times.append(time.perf_counter() - start)
    server_cpu = monitor.stop()["server_cpu_s"]
    association.release()
    times.sort()
    print(f"median {times[len(times) // 2] * 1e3:.3f} ms p10 {times[len(times) // 10] * 1e3:.3f} "
          f"p90 {times[9 * len(times) // 10] * 1e3:.3f} server cpu/echo {server_cpu / count * 1e6:.1f} us")


if __name__ == "__main__":
    main()
