#!/usr/bin/env python3
"""Books the harness's worklist items as exams in a running Lightbox, and writes the same items for wlmscpfs.

The harness (`gen_dataset.py`) writes 1,000 Modality Worklist items as wlmscpfs `.wl` files scheduled in
January 2025. Lightbox's worklist is not loaded from files: its items are the justified, booked exams, and a
booking in the past is refused. So this script moves every item to the same weekday pattern starting a week
from today, gives the items of each station and day consecutive 15-minute slots from 08:00 (a room holds one
exam at a time), then
  * books each item through Lightbox's JSON API as a user would: patient, request, justification, booking in
    the room whose station AE title is the item's, and
  * writes the moved items as `.wl` files plus a manifest, so wlmscpfs answers the same items and bench.py
    asks both servers the same queries (station AE title + date, about 20 matches each).

  python3 book_worklist.py --data DATA --out OUT --url http://127.0.0.1:8080 \
      --manager TOKEN --integration TOKEN --radiologist TOKEN --radiologist-staff ID
"""
import argparse
import datetime as dt
import http.client
import json
import os
import shutil
import sys
import urllib.parse

import pydicom


class API:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=60)

    def post(self, path, token, body, expect=(200, 201)):
        self.conn.request("POST", path, body=json.dumps(body),
                          headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        response = self.conn.getresponse()
        text = response.read().decode()
        if response.status not in expect:
            sys.exit(f"POST {path}: {response.status} {text}")
        return json.loads(text) if text else {}


def nhs_number(seed):
    """A valid NHS number (modulus 11 check digit) derived from `seed`."""
    n = seed
    while True:
        digits = [int(c) for c in f"{n % 10**9:09d}"]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)
        n += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="folder written by gen_dataset.py")
    ap.add_argument("--out", required=True, help="folder for the moved items: mwl/WLMSCP/*.wl and manifest.json")
    ap.add_argument("--url", required=True)
    ap.add_argument("--manager", required=True)
    ap.add_argument("--integration", required=True)
    ap.add_argument("--radiologist", required=True)
    ap.add_argument("--radiologist-staff", required=True)
    a = ap.parse_args()
    source = os.path.join(a.data, "mwl", "WLMSCP")
    files = sorted(f for f in os.listdir(source) if f.endswith(".wl"))
    target = os.path.join(a.out, "mwl", "WLMSCP")
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    open(os.path.join(target, "lockfile"), "a").close()
    api = API(a.url)

    items = [pydicom.dcmread(os.path.join(source, f)) for f in files]
    old_dates = sorted({ds.ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate for ds in items})
    first = dt.date.today() + dt.timedelta(days=7)
    new_date = {d: (first + dt.timedelta(days=i)).strftime("%Y%m%d") for i, d in enumerate(old_dates)}
    stations = sorted({ds.ScheduledProcedureStepSequence[0].ScheduledStationAETitle for ds in items})
    modalities = sorted({ds.ScheduledProcedureStepSequence[0].Modality for ds in items})

    api.post("/api/catalogue", a.manager, {"entries": [
        {"code": f"B{m}", "name": f"{m} examination", "modality": m, "bodyRegion": "chest",
         "projections": ["PA"], "pregnancyRelevant": False} for m in modalities]})
    rooms = {}
    for station in stations:
        modality = next(ds.ScheduledProcedureStepSequence[0].Modality for ds in items
                        if ds.ScheduledProcedureStepSequence[0].ScheduledStationAETitle == station)
        added = api.post("/api/rooms", a.manager, {"name": f"Room {station}", "modality": modality, "aeTitle": station})
        rooms[station] = added["value"]["id"]
    referrer = api.post("/api/referrers", a.manager, {
        "name": {"family": "Bench", "given": ["Referrer"], "prefix": "Dr"}, "kind": "doctor",
        "registrationNumber": "GMC9000001", "scope": {"unrestricted": True, "rules": []}})["value"]["id"]
    for m in modalities:
        api.post("/api/entitlements", a.manager, {
            "staffID": a.radiologist_staff, "duty": "justify", "scope": {"modality": m},
            "starts": "2020-01-01T00:00:00Z", "expires": "2040-01-01T00:00:00Z", "trainingEvidence": "On file"})

    next_slot = {}
    patients = {}
    manifest_items = []
    for j, ds in enumerate(items):
        sps = ds.ScheduledProcedureStepSequence[0]
        station, date = sps.ScheduledStationAETitle, new_date[sps.ScheduledProcedureStepStartDate]
        slot = next_slot.get((station, date), 0)
        next_slot[(station, date)] = slot + 1
        minutes = 8 * 60 + 15 * slot
        time = f"{minutes // 60:02d}{minutes % 60:02d}00"
        family, _, given = str(ds.PatientName).partition("^")
        birth = str(ds.PatientBirthDate)
        # The harness gives some patients several items: register each patient once.
        if str(ds.PatientID) not in patients:
            nhs = nhs_number(400_000_000 + j)
            patients[str(ds.PatientID)] = (nhs, api.post("/api/patients", a.manager, {
                "nhsNumber": nhs,
                "hospitalNumbers": [{"value": str(ds.PatientID), "issuingAuthority": "BENCH"}],
                "name": {"family": family or "Unknown", "given": [given.split("^")[0] or "Unknown"]},
                "dateOfBirth": f"{birth[:4]}-{birth[4:6]}-{birth[6:8]}",
                "sex": {"M": "male", "F": "female"}.get(str(ds.PatientSex), "unknown"),
                "address": {"lines": ["1 Bench Street"], "postcode": "EX1 1AA"}})["value"]["id"])
        nhs, patient = patients[str(ds.PatientID)]
        exam = api.post("/api/requests", a.integration, {
            "patientID": patient,
            "identifiers": {"name": {"family": family or "Unknown", "given": [given.split("^")[0] or "Unknown"]},
                            "dateOfBirth": f"{birth[:4]}-{birth[4:6]}-{birth[6:8]}", "nhsNumber": nhs},
            "examCode": f"B{sps.Modality}", "clinicalQuestion": "Benchmark item", "referrerID": referrer,
            "priority": "routine"})["value"]["id"]
        api.post(f"/api/exams/{exam}/justification", a.radiologist, {"decision": "accept"})
        api.post(f"/api/exams/{exam}/booking", a.integration, {
            "roomID": rooms[station],
            "scheduledAt": f"{date[:4]}-{date[4:6]}-{date[6:]}T{time[:2]}:{time[2:4]}:00Z"})
        sps.ScheduledProcedureStepStartDate, sps.ScheduledProcedureStepStartTime = date, time
        ds.save_as(os.path.join(target, files[j]), enforce_file_format=True)
        manifest_items.append({"station": station, "modality": sps.Modality, "date": date,
                               "PatientID": str(ds.PatientID)})
        if (j + 1) % 200 == 0:
            print(f"  booked {j + 1}/{len(items)}", file=sys.stderr)
    json.dump({"mwl": {"aet_dir": "WLMSCP", "items": manifest_items}},
              open(os.path.join(a.out, "manifest.json"), "w"))


if __name__ == "__main__":
    main()
