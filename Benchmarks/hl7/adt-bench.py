#!/usr/bin/env python3
"""HL7 ADT ingest benchmark for issue 5: ADT^A04/A08 messages per second over MLLP with durable
acknowledgement, and the ACK latency (median, p99), on 1 and on N connections.

Client: raw blocking sockets with MLLP framing (0x0B ... 0x1C 0x0D), TCP_NODELAY, one thread per
connection, each sending its next message only when the previous ACK has arrived (one message in
flight per connection, as HL7 v2 senders do). Messages are built before the clock starts. Every ACK
is checked: MSA-1 must be AA and MSA-2 must be the MSH-10 that was sent; anything else counts as an
error and is printed. Every loop is bounded by its count and by --max-seconds.

Messages: each connection registers new, distinct patients with ADT^A04 (hospital number with its
assigning authority, a valid NHS number, name, birth date, sex, address, phone, PV1) and every
fourth message is an ADT^A08 updating (new address and phone) a patient that connection registered
three messages before. Original acknowledgement mode (MSH-15/16 empty): one ACK per message, AA
only after the commit. MSH-10 is unique per run (run tag + connection + index), patients are unique
per run too, so the same server can take several runs.

  adt-bench.py --port 2575 --connections 1 --messages 2000 [--server-pid PID] [--jsonl out.jsonl]

With --serve, the script starts `lightbox serve` itself on a fresh SQLite data folder (a new folder
under --data-root, so on the disk being measured), waits for its HL7 port, measures, and stops it
(SIGTERM to that pid only, SIGKILL after 30 s):
  adt-bench.py --serve .build/release/lightbox --data-root /work/pkgs/adt-data --connections 1,8
Or serve it yourself and pass --port (and --server-pid for the server's CPU seconds).
"""
import argparse
import json
import os
import random
import socket
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

SB, EB, CR = b"\x0b", b"\x1c", b"\x0d"

FAMILY = ["SMITH", "JONES", "TAYLOR", "BROWN", "WILLIAMS", "WILSON", "JOHNSON", "DAVIES", "ROBINSON",
          "WRIGHT", "THOMPSON", "EVANS", "WALKER", "WHITE", "ROBERTS", "GREEN", "HALL", "WOOD", "O'NEILL",
          "MURPHY", "KELLY", "CAMPBELL", "STEWART", "MCCANN"]
GIVEN = ["JOHN", "MARY", "PATRICK", "SIOBHAN", "DAVID", "AOIFE", "JAMES", "CIARA", "MICHAEL", "GRAINNE",
         "PETER", "NIAMH", "THOMAS", "EMMA", "SEAN", "SARAH"]
STREETS = ["HIGH STREET", "MAIN STREET", "CHURCH ROAD", "LISBURN ROAD", "ANTRIM ROAD", "ORMEAU ROAD",
           "FALLS ROAD", "MALONE AVENUE"]
TOWNS = [("BELFAST", "BT1 1AA"), ("LISBURN", "BT27 4AB"), ("NEWRY", "BT34 1DE"), ("BANGOR", "BT20 3AA")]


def nhs_number(rng):
    """A 10-digit NHS number with a valid modulus 11 check digit."""
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        if digits[0] == 0:
            continue
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        return "".join(map(str, digits)) + str(check)


def patient(rng, tag, conn, index):
    town, postcode = rng.choice(TOWNS)
    return {
        "mrn": f"B{tag}{conn:02d}{index:07d}",
        "nhs": nhs_number(rng),
        "family": rng.choice(FAMILY),
        "given": rng.choice(GIVEN),
        "middle": rng.choice(GIVEN),
        "dob": f"{rng.randrange(1930, 2020)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}",
        "sex": rng.choice("MF"),
        "address": f"{rng.randrange(1, 200)} {rng.choice(STREETS)}^^{town}^^{postcode}^GBR^H",
        "phone": f"^PRN^PH^^44^28^{rng.randrange(9000000, 9999999)}",
    }


def adt(event, structure, control_id, stamp, p):
    segments = [
        f"MSH|^~\\&|PAS|RVH|LIGHTBOX|RAD|{stamp}||ADT^{event}^{structure}|{control_id}|P|2.5.1",
        f"EVN|{event}|{stamp}|||PASCLERK^CLERK^PAS",
        f"PID|1||{p['mrn']}^^^RVH^MR~{p['nhs']}^^^NHS^NH||{p['family']}^{p['given']}^{p['middle']}^^MR^^L"
        f"||{p['dob']}|{p['sex']}|||{p['address']}||{p['phone']}|||||||||||N",
        f"PV1|1|O|XRAY^^^RVH^^^^^RADIOLOGY||||C4455667^OKAFOR^ADA|||RAD||||1|||||V{control_id}",
    ]
    return ("\r".join(segments) + "\r").encode("utf-8")


def build_messages(rng, tag, conn, count):
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
    registered = []
    out = []
    for i in range(count):
        control = f"{tag}-{conn}-{i}"
        if i % 4 == 3 and len(registered) >= 3:
            p = dict(registered[-3])
            town, postcode = rng.choice(TOWNS)
            p["address"] = f"{rng.randrange(1, 200)} {rng.choice(STREETS)}^^{town}^^{postcode}^GBR^H"
            p["phone"] = f"^PRN^PH^^44^28^{rng.randrange(9000000, 9999999)}"
            out.append((control, SB + adt("A08", "ADT_A01", control, stamp, p) + EB + CR))
        else:
            p = patient(rng, tag, conn, i)
            registered.append(p)
            out.append((control, SB + adt("A04", "ADT_A01", control, stamp, p) + EB + CR))
    return out


def read_frame(sock, buffer, deadline):
    """One MLLP frame's payload; `buffer` keeps bytes read past it."""
    while True:
        start = buffer.find(SB)
        end = buffer.find(EB + CR, start + 1) if start >= 0 else -1
        if end >= 0:
            payload = bytes(buffer[start + 1:end])
            del buffer[:end + 2]
            return payload
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no acknowledgement before the deadline")
        sock.settimeout(remaining)
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        buffer += chunk


def check_ack(payload, control):
    """None if the ACK is AA for `control`, else why not."""
    text = payload.decode("utf-8", "replace")
    for segment in text.replace("\n", "\r").split("\r"):
        if segment.startswith("MSA"):
            fields = segment.split(segment[3] if len(segment) > 3 else "|")
            code = fields[1] if len(fields) > 1 else ""
            ref = fields[2] if len(fields) > 2 else ""
            if code != "AA":
                return f"MSA-1 {code!r} for {control}: {text!r}"
            if ref != control:
                return f"MSA-2 {ref!r} does not match MSH-10 {control!r}"
            return None
    return f"no MSA segment in the reply to {control}: {text!r}"


def run_connection(host, port, messages, barrier, max_seconds, result):
    latencies, errors = [], []
    buffer = bytearray()
    sock = socket.create_connection((host, port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        barrier.wait(timeout=30)
        started = time.monotonic()
        stop_at = started + max_seconds
        sent = 0
        for control, frame in messages:
            if time.monotonic() > stop_at:
                break
            t = time.perf_counter()
            sock.sendall(frame)
            payload = read_frame(sock, buffer, time.monotonic() + 30)
            latencies.append(time.perf_counter() - t)
            sent += 1
            why = check_ack(payload, control)
            if why:
                errors.append(why)
        result.update(started=started, finished=time.monotonic(), latencies=latencies, errors=errors,
                      sent=sent, truncated=sent < len(messages))
    except Exception as exc:  # reported, never swallowed
        result.update(started=time.monotonic(), finished=time.monotonic(), latencies=latencies,
                      errors=errors + [f"connection failed: {exc!r}"], sent=len(latencies), truncated=True)
    finally:
        sock.close()


def cpu_seconds(pid):
    if not pid:
        return None
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    total += (int(fields[11]) + int(fields[12])) / tick
    return total


def measure(host, port, connections, count, tag, max_seconds, server_pid, seed):
    rng = random.Random(seed)
    plans = [build_messages(rng, tag, c, count) for c in range(connections)]
    barrier = threading.Barrier(connections + 1)
    results = [dict() for _ in range(connections)]
    threads = [threading.Thread(target=run_connection, args=(host, port, plans[c], barrier, max_seconds,
                                                             results[c])) for c in range(connections)]
    for t in threads:
        t.start()
    cpu0 = cpu_seconds(server_pid)
    barrier.wait(timeout=30)
    t0 = time.monotonic()
    for t in threads:
        t.join(timeout=max_seconds + 60)
    wall = time.monotonic() - t0
    cpu1 = cpu_seconds(server_pid)
    latencies = sorted(x * 1000 for r in results for x in r.get("latencies", []))
    errors = [e for r in results for e in r.get("errors", ["thread did not finish"])]
    sent = sum(r.get("sent", 0) for r in results)
    record = {
        "connections": connections, "messages": sent, "planned": connections * count, "seconds": round(wall, 3),
        "msg_per_s": round(sent / wall, 1) if wall > 0 else None,
        "ack_median_ms": round(statistics.median(latencies), 3) if latencies else None,
        "ack_p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 3) if latencies else None,
        "ack_max_ms": round(latencies[-1], 3) if latencies else None,
        "errors": len(errors), "truncated": any(r.get("truncated", True) for r in results),
    }
    if cpu0 is not None and cpu1 is not None:
        record["server_cpu_s"] = round(cpu1 - cpu0, 2)
    for e in errors[:10]:
        print("ERROR:", e, file=sys.stderr)
    return record


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_server(binary, data_root):
    """Starts `lightbox serve` on a fresh data folder; returns (process, hl7 port, folder)."""
    os.makedirs(data_root, exist_ok=True)
    data = tempfile.mkdtemp(prefix="adt-bench-", dir=data_root)
    hl7_port = free_port()
    command = [binary, "serve", "--data", data, "--host", "127.0.0.1", "--http-port", "0",
               "--dicom-port", str(free_port()), "--hl7-port", str(hl7_port), "--log-level", "warning"]
    log = open(os.path.join(data, "serve.log"), "wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"lightbox serve exited with {process.returncode}; see {data}/serve.log")
        try:
            socket.create_connection(("127.0.0.1", hl7_port), timeout=1).close()
            return process, hl7_port, data, command
        except OSError:
            time.sleep(0.1)
    stop_server(process)
    sys.exit("lightbox serve did not open its HL7 port within 60 s")


def stop_server(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=2575)
    ap.add_argument("--connections", default="1,8", help="comma-separated list, one measurement each")
    ap.add_argument("--messages", type=int, default=2000, help="messages per connection")
    ap.add_argument("--warmup", type=int, default=200, help="untimed messages on one connection first")
    ap.add_argument("--max-seconds", type=float, default=120)
    ap.add_argument("--server-pid", type=int)
    ap.add_argument("--label", default="lightbox")
    ap.add_argument("--jsonl")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--serve", help="path of the lightbox binary to start on a fresh data folder")
    ap.add_argument("--data-root", default=tempfile.gettempdir(), help="where --serve makes its data folder")
    ap.add_argument("--keep-data", action="store_true", help="keep the --serve data folder afterwards")
    a = ap.parse_args()
    server = None
    if a.serve:
        server, a.port, data, command = start_server(a.serve, a.data_root)
        a.server_pid = server.pid
        print(json.dumps({"served": " ".join(command)}), flush=True)
    try:
        failed = run(a)
    finally:
        if server:
            stop_server(server)
            if not a.keep_data:
                shutil.rmtree(data, ignore_errors=True)
    sys.exit(1 if failed else 0)


def run(a):
    tag = format(int(time.time() * 1000) % 36 ** 6, "x")
    if a.warmup:
        w = measure(a.host, a.port, 1, a.warmup, tag + "w", a.max_seconds, None, a.seed + 1)
        if w["errors"]:
            sys.exit(f"warm-up failed: {w}")
    failed = False
    for n in [int(x) for x in a.connections.split(",")]:
        record = {"label": a.label, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        record.update(measure(a.host, a.port, n, a.messages, f"{tag}c{n}", a.max_seconds, a.server_pid,
                              a.seed + n))
        line = json.dumps(record)
        print(line, flush=True)
        if a.jsonl:
            with open(a.jsonl, "a") as f:
                f.write(line + "\n")
        failed = failed or record["errors"] > 0
    return failed


if __name__ == "__main__":
    main()
