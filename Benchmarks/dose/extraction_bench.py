#!/usr/bin/env python3
"""Issue 16's extraction benchmark: the C-STORE time of an RDSR with dose extraction on and off, side by side.

Two `lightbox serve` processes run at once on their own throwaway data folders, the same build and the same
department set up through the JSON API (catalogue, rooms, referrer, a radiologist who justifies); they differ only
in `LIGHTBOX_ARCHIVE_CAPTURE_DOSE` (true, the default, or false). For every round, every RDSR file of the corpus
(manifest category `rdsr`) is made the RDSR of a newly booked exam on each server (pydicom: accession number, Study
Instance UID, patient; new Series and SOP Instance UIDs, so each send is a new instance of a new exam), and the
round's files are C-STOREd with dcmtk's storescu in one association to each server in turn, the order alternating
between rounds (on/off, off/on, ...). The first round warms both servers up and is not counted.

Per round and server: the association's wall time divided by the number of files (the per-instance time, storescu's
start and the association set-up included, the same for both). Prints a Markdown report: per-round figures, the
median per-instance time of each server, and the difference (on - off) as a percentage of off, per round (paired)
and of the medians; with the load (`uptime`) before and after. Afterwards checks that the server with extraction
on has a dose record for the exams and the other has none.

  extraction_bench.py --lightbox BIN --corpus /work/shared/corpus --rounds 8 --work DIR
"""
import argparse
import datetime as dt
import http.client
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time

import pydicom
from pydicom.uid import generate_uid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "archive"))
from book_worklist import nhs_number  # noqa: E402  (the archive benchmark's booking helper)

QUIET = {"LIGHTBOX_BCRYPT_COST": "10", "LIGHTBOX_LOG_LEVEL": "warning"}
CALLING = "DOSEBENCH"
# dcmtk's storescu (pynetdicom installs a program of the same name that may come first on PATH).
STORESCU = os.environ.get("DCMTK_STORESCU", "/usr/bin/storescu")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `lightbox serve` on its own data folder, set up as WorklistDepartment (the tests') does."""

    def __init__(self, name, binary, folder, capture):
        self.name, self.binary, self.data = name, binary, os.path.join(folder, name)
        os.makedirs(self.data)
        self.env = dict(os.environ, **QUIET, LIGHTBOX_ARCHIVE_CAPTURE_DOSE="true" if capture else "false")
        self.run("migrate", "--data", self.data)
        self.manager = self.user("bench-mgr", "manager")
        self.integration = self.user("bench-ris", "integration")
        self.run("dicom", "peer", "add", CALLING, "127.0.0.1", "104", "--services", "echo,store", "--data", self.data)
        self.http, self.dicom = free_port(), free_port()
        self.log = open(os.path.join(self.data, "serve.log"), "w")
        self.process = subprocess.Popen(
            [binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--http-port", str(self.http),
             "--dicom-port", str(self.dicom), "--hl7-port", "0", "--ae-title", "LIGHTBOX"],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.dicom), timeout=1).close()
                probe = http.client.HTTPConnection("127.0.0.1", self.http, timeout=5)
                probe.request("GET", "/health")
                probe.getresponse().read()
                probe.close()
                break
            except OSError:
                if self.process.poll() is not None or time.time() > deadline:
                    sys.exit(f"{name}: lightbox serve did not start; see {self.log.name}")
                time.sleep(0.2)
        self.setup()
        self.slots = {"xr": 0, "ct": 0}
        self.serial = 0

    def run(self, *arguments):
        result = subprocess.run([self.binary, *arguments], env=self.env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"lightbox {' '.join(arguments)}: {result.stderr}")
        return result.stdout

    def user(self, username, role, staff=None):
        extra = ["--staff-id", staff] if staff else []
        return self.run("user", "add", username, "--role", role, *extra, "--data", self.data).strip().splitlines()[-1]

    def connection(self):
        if not hasattr(self, "_connection"):
            self._connection = http.client.HTTPConnection("127.0.0.1", self.http, timeout=120)
        return self._connection

    def post(self, path, token, body, expect=(200, 201)):
        connection = self.connection()
        connection.request("POST", path, body=json.dumps(body),
                           headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        response = connection.getresponse()
        text = response.read().decode()
        if response.status not in expect:
            sys.exit(f"{self.name}: POST {path}: {response.status} {text}")
        return json.loads(text) if text else {}

    def setup(self):
        self.post("/api/catalogue", self.manager, {"entries": [
            {"code": "XCHEST", "name": "XR Chest PA", "modality": "DX", "bodyRegion": "chest", "projections": ["PA"],
             "pregnancyRelevant": False},
            {"code": "CHEADN", "name": "CT Head", "modality": "CT", "bodyRegion": "head", "projections": ["Axial"],
             "pregnancyRelevant": False}]})
        self.rooms = {}
        for key, name, modality, ae in [("xr", "X-ray 1", "DX", "LBXR1"), ("ct", "CT 1", "CT", "LBCT1")]:
            self.rooms[key] = self.post("/api/rooms", self.manager,
                                        {"name": name, "modality": modality, "aeTitle": ae})["value"]["id"]
        self.referrer = self.post("/api/referrers", self.manager, {
            "name": {"family": "Adeyemi", "given": ["Tolu"], "prefix": "Dr"}, "kind": "doctor",
            "registrationNumber": "GMC7000111", "scope": {"unrestricted": True, "rules": []}})["value"]["id"]
        doctor = self.post("/api/staff", self.manager, {
            "name": {"family": "Shah", "given": ["Priya"]}, "profession": "radiologist",
            "registration": {"body": "GMC", "number": "GMC7000222", "expires": "2040-01-01T00:00:00Z"}})["value"]["id"]
        for modality in ["DX", "CT"]:
            self.post("/api/entitlements", self.manager, {
                "staffID": doctor, "duty": "justify", "scope": {"modality": modality},
                "starts": "2020-01-01T00:00:00Z", "expires": "2040-01-01T00:00:00Z", "trainingEvidence": "On file"})
        self.radiologist = self.user("bench-doc", "radiologist", doctor)

    def book(self, ct):
        """A new patient with one exam requested, justified and booked (CT head or chest PA); its DICOM keys."""
        self.serial += 1
        room = "ct" if ct else "xr"
        slot = self.slots[room]
        self.slots[room] += 1
        day = dt.date.today() + dt.timedelta(days=1 + slot // 40)
        at = dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.timezone.utc) + dt.timedelta(
            minutes=15 * (slot % 40))
        family, given, number = f"Dosebench{self.serial}", "Pat", f"DB{100000 + self.serial}"
        nhs = nhs_number(400_000_000 + 7 * self.serial)
        patient = self.post("/api/patients", self.manager, {
            "nhsNumber": nhs, "hospitalNumbers": [{"value": number, "issuingAuthority": "RXH"}],
            "name": {"family": family, "given": [given]}, "dateOfBirth": "1970-01-01", "sex": "female",
            "address": {"lines": ["1 High Street"], "postcode": "EX1 1AA"}})["value"]["id"]
        exam = self.post("/api/requests", self.integration, {
            "patientID": patient, "identifiers": {"name": {"family": family, "given": [given]},
                                                  "dateOfBirth": "1970-01-01", "nhsNumber": nhs},
            "examCode": "CHEADN" if ct else "XCHEST", "clinicalQuestion": "Dose benchmark",
            "referrerID": self.referrer, "priority": "routine"})["value"]["id"]
        self.post(f"/api/exams/{exam}/justification", self.radiologist, {"decision": "accept"})
        booked = self.post(f"/api/exams/{exam}/booking", self.integration,
                           {"roomID": self.rooms[room], "scheduledAt": at.strftime("%Y-%m-%dT%H:%M:%SZ")})["value"]
        return {"accession": booked["accessionNumber"], "study": booked["studyInstanceUID"], "patientID": number,
                "name": f"{family.upper()}^{given}", "birth": "19700101"}

    def store(self, files):
        start = time.perf_counter()
        result = subprocess.run([STORESCU, "-nh", "-aet", CALLING, "-aec", "LIGHTBOX", "127.0.0.1",
                                 str(self.dicom), *files], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"{self.name}: storescu failed: {result.stderr}")
        return elapsed

    def count(self, sql):
        with sqlite3.connect(f"file:{os.path.join(self.data, 'lightbox.sqlite')}?mode=ro", uri=True) as db:
            return db.execute(sql).fetchone()[0]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def rewrite(source, target, keys):
    ds = pydicom.dcmread(source)
    ds.AccessionNumber = keys["accession"]
    ds.StudyInstanceUID = keys["study"]
    ds.PatientID = keys["patientID"]
    ds.PatientName = keys["name"]
    ds.PatientBirthDate = keys["birth"]
    ds.SeriesInstanceUID = generate_uid()
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.save_as(target)


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lightbox", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    with open(os.path.join(a.corpus, "manifest.tsv")) as manifest:
        rows = [line.rstrip("\n").split("\t") for line in manifest][1:]
    sources = sorted(os.path.join(a.corpus, row[0]) for row in rows if len(row) > 3 and row[3] == "rdsr")
    if not sources:
        sys.exit("no rdsr files in the corpus manifest")
    size = sum(os.path.getsize(path) for path in sources)
    before = uptime()
    servers = {"on": Server("on", a.lightbox, a.work, True), "off": Server("off", a.lightbox, a.work, False)}
    try:
        per_round = []
        for round_number in range(a.rounds + 1):
            folders = {}
            for name, server in servers.items():
                folder = os.path.join(a.work, f"round{round_number}-{name}")
                os.makedirs(folder)
                files = []
                for index, source in enumerate(sources):
                    ct = os.path.basename(source).startswith("CT")
                    target = os.path.join(folder, f"{index:02d}.dcm")
                    rewrite(source, target, server.book(ct))
                    files.append(target)
                folders[name] = files
            order = ["on", "off"] if round_number % 2 == 0 else ["off", "on"]
            times = {name: servers[name].store(folders[name]) / len(sources) * 1000 for name in order}
            if round_number > 0:
                per_round.append((round_number, order[0], times["on"], times["off"]))
            print(f"round {round_number}{' (warm-up)' if round_number == 0 else ''}: on {times['on']:.1f} ms, "
                  f"off {times['off']:.1f} ms per instance", file=sys.stderr)
        after = uptime()
        checks = {
            "on": (servers["on"].count("SELECT COUNT(*) FROM exam_dose_records WHERE source IS NOT NULL"),
                   servers["on"].count("SELECT COUNT(*) FROM dose_reports")),
            "off": (servers["off"].count("SELECT COUNT(*) FROM exam_dose_records"),
                    servers["off"].count("SELECT COUNT(*) FROM dose_reports")),
        }
        stored = {name: server.count("SELECT COUNT(*) FROM archive_instances") for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.stop()
    on = [r[2] for r in per_round]
    off = [r[3] for r in per_round]
    paired = [(r[2] - r[3]) / r[3] * 100 for r in per_round]
    print(f"RDSR C-STORE with dose extraction on and off: {len(sources)} corpus RDSR files ({size:,} bytes), "
          f"{a.rounds} rounds after one warm-up, {a.lightbox}")
    print(f"\nload before: {before}\n\nload after: {after}\n")
    print("| round | first | on: ms per instance | off: ms per instance | on - off |")
    print("|---|---|---|---|---|")
    for (number, first, t_on, t_off), difference in zip(per_round, paired):
        print(f"| {number} | {first} | {t_on:.2f} | {t_off:.2f} | {difference:+.1f} % |")
    median_on, median_off = statistics.median(on), statistics.median(off)
    print(f"\n- median per-instance time: on **{median_on:.2f} ms**, off **{median_off:.2f} ms**: "
          f"difference **{(median_on - median_off) / median_off * 100:+.1f} %** ({median_on - median_off:+.2f} ms)")
    print(f"- median of the paired per-round differences: **{statistics.median(paired):+.1f} %** "
          f"(smallest {min(paired):+.1f} %, largest {max(paired):+.1f} %)")
    print(f"- fastest round: on {min(on):.2f} ms, off {min(off):.2f} ms "
          f"({(min(on) - min(off)) / min(off) * 100:+.1f} %)")
    print(f"- after the run, extraction on: {checks['on'][0]} exams with a dose record, {checks['on'][1]} dose "
          f"reports; extraction off: {checks['off'][0]} dose records, {checks['off'][1]} dose reports "
          f"({(a.rounds + 1) * len(sources)} RDSRs sent to each; archived: on {stored['on']}, off {stored['off']})")


if __name__ == "__main__":
    main()
