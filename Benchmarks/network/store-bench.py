#!/usr/bin/env python3
"""Side-by-side storage SCP benchmark for issue 6: `lightbox dicom receive` vs dcmtk storescp.

For each target (ours, storescp stock, storescp with TCP_NODELAY=1), one after the other on
127.0.0.1: start the server with empty storage, run ../shared/bench/bench.py --tests echo,store
against it (rawdimse client, --server-pid for CPU and peak RSS), then the memory test below, then
stop it. Finally report.py prints the side-by-side markdown.

Memory test (`mem50`): N parallel associations (default 50, one process each, barrier start),
each storing one ~7 MB instance, while the server's process tree is sampled every 20 ms
(VmRSS summed over the tree; VmHWM of the main pid, reset through /proc/PID/clear_refs first).
storescp runs with --fork, so its figure is the sum over its per-association children.

Usage:
  store-bench.py --receiver /work/pkgs/net/.build/release/NetCLI \
      --data /tmp/netbench/data --data7 /tmp/netbench/data7 --out /tmp/netbench/results
Targets (--targets, in the order given): ours (--receiver), ours-pagecache (--pagecache-receiver:
Benchmarks' dicom-receive-bench, the same server answering Success before any sync, as storescp
does), storescp-stock, storescp-nodelay.
Data: gen_dataset.py --out DATA --full 160 --tiny 0 --mwl 0   (327 files, 2.1 MB each)
      gen_dataset.py --out DATA7 --full 28 --rows 1870 --tiny 0 --mwl 0   (57 files, 7.0 MB each)
Every loop is bounded by a count and a time limit; only processes this script started are stopped.
"""
import argparse
import json
import multiprocessing as mp
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

# ../shared/bench beside the repository (works from /work/main and from a CI clone X/main), or
# $LIGHTBOX_SHARED/bench when set.
BENCH_DIR = os.path.join(os.environ.get("LIGHTBOX_SHARED") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared"), "bench")
sys.path.insert(0, BENCH_DIR)
import peers  # noqa: E402
import rawdimse as rd  # noqa: E402

HOST = "127.0.0.1"


def free_port():
    s = socket.socket()
    s.bind((HOST, 0))
    p = s.getsockname()[1]
    s.close()
    return p


def tree(pid):
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    st = f.read()
                kids.setdefault(int(st[st.rfind(")") + 2:].split()[1]), []).append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def status_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _mem_worker(path, aet, port, q, go):
    try:
        sop_class, sop_uid, _, body = rd.read_part10(path)
        asc = rd.Association(HOST, port, aet, "RISBENCH", [(sop_class, (rd.EXPLICIT_LE,))], timeout=120)
        q.put(("ready",))
        go.wait(120)
        t = time.perf_counter()
        st = asc.store(sop_class, sop_uid, body)
        dt = time.perf_counter() - t
        asc.release()
        q.put(("ok", st, dt, len(body)))
    except Exception as e:
        q.put(("error", f"{type(e).__name__}: {e}"))


def mem_test(label, pid, port, aet, data7, n, jsonl):
    man = json.load(open(os.path.join(data7, "manifest.json")))
    files = [os.path.join(data7, f["path"]) for f in man["full"]["files"]][:n]
    if len(files) < n:
        raise SystemExit(f"need {n} files in {data7}, have {len(files)}")
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    base_kb = sum(status_kb(p, "VmRSS:") for p in tree(pid))
    peak = {"tree_kb": 0, "max_child_kb": 0, "procs": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            ps = tree(pid)
            rss = [status_kb(p, "VmRSS:") for p in ps]
            peak["tree_kb"] = max(peak["tree_kb"], sum(rss))
            peak["max_child_kb"] = max(peak["max_child_kb"], max(rss[1:], default=0))
            peak["procs"] = max(peak["procs"], len(ps))
            stop.wait(0.02)

    thr = threading.Thread(target=sample, daemon=True)
    thr.start()
    ctx = mp.get_context("fork")
    q, go = ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_mem_worker, args=(f, aet, port, q, go)) for f in files]
    for p in procs:
        p.start()
    msgs, errs = [], []
    dl = time.monotonic() + 300
    ready = 0
    while ready + len(errs) < n and time.monotonic() < dl:
        m = q.get(timeout=300)
        if m[0] == "ready":
            ready += 1
        else:
            errs.append(m[1])
    t0 = time.perf_counter()
    go.set()
    while len(msgs) + len(errs) < n and time.monotonic() < dl:
        m = q.get(timeout=300)
        (msgs if m[0] == "ok" else errs).append(m[1:] if m[0] == "ok" else m[1])
    wall = time.perf_counter() - t0
    for p in procs:
        p.join(30)
    stop.set()
    thr.join()
    hwm = status_kb(pid, "VmHWM:")
    ok = sum(1 for m in msgs if m[0] == 0)
    rec = {"label": label, "test": "mem50", "variant": f"{n} parallel associations x 1 instance ~7 MB",
           "associations_ready": ready, "stored_ok": ok, "errors": len(errs) + len(msgs) - ok,
           "error_samples": errs[:3], "bytes": sum(m[2] for m in msgs), "wall_s": round(wall, 3),
           "rss_before_mb": round(base_kb / 1024, 1),
           "peak_rss_tree_mb": round(peak["tree_kb"] / 1024, 1),
           "main_pid_vmhwm_mb": round(hwm / 1024, 1),
           "max_child_rss_mb": round(peak["max_child_kb"] / 1024, 1), "max_processes": peak["procs"],
           "ts": time.strftime("%Y-%m-%dT%H:%M:%S")}
    print(json.dumps(rec), flush=True)
    with open(jsonl, "a") as f:
        f.write(json.dumps(rec) + "\n")
    return rec


def wait_tcp(port, proc, timeout=60):
    dl = time.monotonic() + timeout
    while time.monotonic() < dl:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not listen in time")


def start_ours(receiver, workdir):
    port = free_port()
    out = os.path.join(workdir, "out")
    cmd = [receiver, "receive", "--host", HOST, "--port", str(port), "--dir", out, "--aet", "LIGHTBOX",
           "--max-associations", "64"]
    log = open(os.path.join(workdir, "server.log"), "ab")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    wait_tcp(port, proc)
    return proc, {"pid": proc.pid, "port": port, "aet": "LIGHTBOX", "cmd": " ".join(cmd), "workdir": workdir}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--receiver", help="binary whose `receive` subcommand is ours (target ours)")
    ap.add_argument("--pagecache-receiver",
                    help="Benchmarks' dicom-receive-bench: ours with storescp's write policy, no syncs "
                         "(target ours-pagecache)")
    ap.add_argument("--data", required=True)
    ap.add_argument("--data7", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--n-store", type=int, default=150)
    ap.add_argument("--mem-n", type=int, default=50)
    ap.add_argument("--max-seconds", type=float, default=60)
    ap.add_argument("--targets", default="ours,storescp-stock,storescp-nodelay")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    cmds = open(os.path.join(a.out, "commands.txt"), "a")
    for target in a.targets.split(","):
        workdir = tempfile.mkdtemp(prefix=f"netbench-{target}-", dir=a.out)
        if target in ("ours", "ours-pagecache"):
            receiver = a.receiver if target == "ours" else a.pagecache_receiver
            if not receiver:
                ap.error(f"target {target} needs --{'receiver' if target == 'ours' else 'pagecache-receiver'}")
            proc, info = start_ours(os.path.abspath(receiver), workdir)
            pid = proc.pid
        else:
            info = peers.start_storescp(port=free_port(), workdir=workdir, nodelay=target.endswith("nodelay"))
            pid, proc = info["pid"], None
        jsonl = os.path.join(a.out, f"{target}.jsonl")
        bench = [sys.executable, os.path.join(BENCH_DIR, "bench.py"), "--label", target, "--host", HOST,
                 "--port", str(info["port"]), "--aet", info["aet"], "--server-pid", str(pid),
                 "--data", a.data, "--tests", "echo,store", "--n-store", str(a.n_store), "--parallel", "4",
                 "--store-client", "raw", "--max-seconds", str(a.max_seconds), "--jsonl", jsonl]
        cmds.write(f"# {target} {time.strftime('%Y-%m-%dT%H:%M:%S')} server: "
                   f"{'TCP_NODELAY=1 ' if target.endswith('nodelay') else ''}{info['cmd']}\n{' '.join(bench)}\n")
        cmds.flush()
        try:
            with open(os.path.join(a.out, f"uptime-{target}.txt"), "w") as f:
                f.write(open("/proc/loadavg").read())
            subprocess.run(bench, check=False, timeout=a.max_seconds * 8 + 300)
            mem_test(target, pid, info["port"], info["aet"], a.data7, a.mem_n, jsonl)
            with open(os.path.join(a.out, f"uptime-{target}.txt"), "a") as f:
                f.write(open("/proc/loadavg").read())
        finally:
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(10)
            else:
                peers.stop(pid, timeout=30)
            shutil.rmtree(os.path.join(workdir, "out"), ignore_errors=True)


if __name__ == "__main__":
    main()
