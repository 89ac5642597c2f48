"""Independent extraction of the dose figures of DICOM files with pydicom, for DoseCaptureTests (Scripts is excluded from the target).

Usage: python3 dose_extract.py FILE... ; prints one JSON object: file path -> figures (or null when
the file carries no dose information). Written from the standard (PS3.16 TID 10001-10013, PS3.3
C.8.7.8, C.4.16), not from the Swift code: units are read from each item and converted here.
"""
import json
import sys

import pydicom

# UCUM unit code -> (dimension, factor to SI: Gy.m2, Gy, Gy.m, s, Bq, V, A, A.s, m)
UNITS = {
    "Gy.m2": ("doseArea", 1.0), "Gym2": ("doseArea", 1.0), "dGy.cm2": ("doseArea", 1e-5),
    "cGy.cm2": ("doseArea", 1e-6), "mGy.cm2": ("doseArea", 1e-7), "Gy.cm2": ("doseArea", 1e-4),
    "uGy.m2": ("doseArea", 1e-6), "dGy.m2": ("doseArea", 0.1), "mGy.m2": ("doseArea", 1e-3),
    "uGy.cm2": ("doseArea", 1e-10), "cGy.m2": ("doseArea", 1e-2),
    "Gy": ("dose", 1.0), "mGy": ("dose", 1e-3), "dGy": ("dose", 0.1), "cGy": ("dose", 1e-2), "uGy": ("dose", 1e-6),
    "mGy.cm": ("doseLength", 1e-5), "Gy.cm": ("doseLength", 1e-2), "mGy.m": ("doseLength", 1e-3),
    # Vendors also write products without the dot (Toshiba "mGycm", GE "uAs"); the units are not in doubt.
    "mGycm": ("doseLength", 1e-5), "uAs": ("charge", 1e-6), "Gycm2": ("doseArea", 1e-4),
    "s": ("time", 1.0), "ms": ("time", 1e-3), "us": ("time", 1e-6), "min": ("time", 60.0), "h": ("time", 3600.0),
    "kV": ("voltage", 1e3), "V": ("voltage", 1.0),
    "mA": ("current", 1e-3), "uA": ("current", 1e-6), "A": ("current", 1.0),
    "mA.s": ("charge", 1e-3), "uA.s": ("charge", 1e-6), "As": ("charge", 1.0), "mAs": ("charge", 1e-3),
    "MBq": ("activity", 1e6), "Bq": ("activity", 1.0), "GBq": ("activity", 1e9), "kBq": ("activity", 1e3),
}
CANONICAL = {"dap": ("doseArea", 1e-4), "dose": ("dose", 1e-3), "dlp": ("doseLength", 1e-5), "time": ("time", 1.0),
             "kv": ("voltage", 1e3), "mas": ("charge", 1e-3), "activity": ("activity", 1e6)}


def convert(value, unit, kind):
    if unit not in UNITS:
        return None
    dimension, factor = UNITS[unit]
    want_dimension, want_factor = CANONICAL[kind]
    if dimension != want_dimension:
        return None
    return value * factor / want_factor


def code(item):
    seq = item.get("ConceptNameCodeSequence")
    return seq[0].CodeValue if seq else None


def children(item, value):
    return [child for child in item.get("ContentSequence", []) if code(child) == value]


def child(item, value):
    found = children(item, value)
    return found[0] if found else None


def number(item, kind):
    """A NUM item's value in the canonical unit of `kind` (None when unknown unit or no value)."""
    if item is None or item.get("ValueType") != "NUM":
        return None
    measured = item.get("MeasuredValueSequence")
    if not measured:
        return None
    m = measured[0]
    if "FloatingPointValue" in m and m.FloatingPointValue is not None:
        fp = m.FloatingPointValue
        value = float(fp[0] if isinstance(fp, (list, pydicom.multival.MultiValue)) else fp)
    elif "NumericValue" in m and m.NumericValue is not None and str(m.NumericValue) != "":
        nv = m.NumericValue
        value = float(nv[0] if isinstance(nv, (list, pydicom.multival.MultiValue)) else nv)
    else:
        return None
    units = m.get("MeasurementUnitsCodeSequence")
    unit = units[0].CodeValue if units else None
    return convert(value, unit, kind)


def first_number(parent, value, kind):
    return number(child(parent, value), kind)


def total(values):
    present = [v for v in values if v is not None]
    return sum(present) if present else None


LEFT = {"T-04030", "80248007", "G-A101", "7771000"}
RIGHT = {"T-04020", "73056007", "G-A100", "24028007"}
BOTH = {"G-A102", "51440002", "T-04080", "63762007"}


def laterality(item):
    for c in item.get("ContentSequence", []):
        if code(c) in ("G-C171", "272741003"):
            seq = c.get("ConceptCodeSequence")
            value = seq[0].CodeValue if seq else ""
            meaning = (seq[0].get("CodeMeaning", "") if seq else "").lower()
            if value in LEFT:
                return "left"
            if value in RIGHT:
                return "right"
            if value in BOTH:
                return "both"
            if "both" in meaning or "bilateral" in meaning:
                return "both"
            if "left" in meaning:
                return "left"
            if "right" in meaning:
                return "right"
            return "unknown"
    return "unknown"


def rdsr(ds):
    root_code = code(ds)
    if root_code not in ("113701", "113500"):
        return None
    result = {"source": "rdsr"}
    if root_code == "113500":
        activities = [first_number(a, "113507", "activity") for a in children(ds, "113502")]
        result["administeredActivityMBq"] = total(activities)
        result["events"] = []
        return result
    template = None
    for item in ds.get("ContentTemplateSequence", []):
        template = str(item.get("TemplateIdentifier", ""))
    reported = child(ds, "121058")
    reported_code = reported.ConceptCodeSequence[0].CodeValue if reported is not None and reported.get("ConceptCodeSequence") else None
    is_ct = reported_code in ("P5-08000", "77477000") or (
        reported_code not in ("P5-40010", "71651007", "113704")
        and (template == "10011" or child(ds, "113819") is not None or child(ds, "113811") is not None))
    if is_ct:
        accumulated = children(ds, "113811")
        result["dlpMilligrayCm"] = total([first_number(a, "113813", "dlp") for a in accumulated])
        events = []
        for acquisition in children(ds, "113819"):
            parameters = child(acquisition, "113822") or acquisition
            sources = children(parameters, "113831")
            kv = first_number(sources[0], "113733", "kv") if sources else None
            dose = child(acquisition, "113829") or acquisition
            events.append({
                "ctdiVol": first_number(dose, "113830", "dose"),
                "dlp": first_number(dose, "113838", "dlp"),
                "kv": kv,
            })
        result["events"] = events
        ctdis = [e["ctdiVol"] for e in events if e["ctdiVol"] is not None]
        result["ctdiVolMilligray"] = max(ctdis) if ctdis else None
        return result
    planes = children(ds, "113702")
    result["doseAreaProductGyCm2"] = total([first_number(p, "113722", "dap") for p in planes])
    result["referencePointDoseMilligray"] = total([first_number(p, "113725", "dose") for p in planes])
    result["fluoroscopySeconds"] = total([first_number(p, "113730", "time") for p in planes])
    agd = []
    for p in planes:
        for item in children(p, "111637"):
            value = number(item, "dose")
            if value is not None:
                agd.append([laterality(item), value])
    result["averageGlandularDose"] = sorted(agd)
    events = []
    for event in children(ds, "113706"):
        events.append({
            "dap": first_number(event, "122130", "dap"),
            "doseRP": first_number(event, "113738", "dose"),
            "kv": first_number(event, "113733", "kv"),
            "mas": first_number(event, "113736", "mas"),
        })
    result["events"] = events
    return result


def header_number(ds, tag):
    if tag not in ds:
        return None
    value = ds[tag].value
    if value is None or value == "":
        return None
    if isinstance(value, (list, pydicom.multival.MultiValue)):
        value = value[0] if len(value) else None
    return float(value) if value is not None else None


def header_event(item):
    kv = header_number(item, 0x00180060)
    mas = header_number(item, 0x00181153)
    if mas is not None:
        mas = mas / 1000.0
    else:
        mas = header_number(item, 0x00181152)
        if mas is None:
            mas = header_number(item, 0x00189332)
    return {"kv": kv, "mas": mas, "ctdiVol": header_number(item, 0x00189345)}


def header(ds):
    modality = str(ds.get("Modality", "")).upper()
    event = header_event(ds)
    dap = header_number(ds, 0x0018115E)
    if dap is not None:
        dap = dap * 0.1  # dGy.cm2 -> Gy.cm2
    entrance = header_number(ds, 0x00408302)
    if entrance is None:
        entrance = header_number(ds, 0x00400302)
    is_mammogram = modality == "MG" or str(ds.get((0x0040, 0x0318), "") and ds[0x00400318].value).upper() == "BREAST"
    agd = None
    if is_mammogram:
        agd = header_number(ds, 0x00400316)
        if agd is not None:
            agd = agd * 100.0  # dGy -> mGy
    current = header_number(ds, 0x00181151)
    if current is None:
        current = header_number(ds, 0x00188151)
    time_ = header_number(ds, 0x00181150)
    if time_ is None:
        time_ = header_number(ds, 0x00188150)
    exposure_index = header_number(ds, 0x00181411)
    has = any(v is not None for v in (event["kv"], current, time_, event["mas"], dap, entrance, agd, exposure_index,
                                       event["ctdiVol"]))
    events = [event] if has else []
    for item in ds.get((0x0040, 0x030E), []).value if (0x0040, 0x030E) in ds else []:
        events.append(header_event(item))
    fluoro = header_number(ds, 0x00400300)
    exposures = header_number(ds, 0x00400301)
    if not events and fluoro is None and exposures is None:
        return None
    result = {"source": "image-header", "doseAreaProductGyCm2": dap, "fluoroscopySeconds": fluoro, "events": events}
    if modality == "CT":
        ctdis = [e["ctdiVol"] for e in events if e["ctdiVol"] is not None]
        result["ctdiVolMilligray"] = max(ctdis) if ctdis else None
    if agd is not None:
        side = str(ds.get("ImageLaterality", "") or ds.get("Laterality", "") or "").upper()
        result["averageGlandularDose"] = [[{"L": "left", "R": "right", "B": "both"}.get(side, "unknown"), agd]]
    else:
        result["averageGlandularDose"] = []
    return result


def extract(path):
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    if "ContentSequence" in ds or ds.get("ValueType") == "CONTAINER":
        found = rdsr(ds)
        if found is not None or str(ds.get("Modality", "")) == "SR":
            return found
    return header(ds)


if __name__ == "__main__":
    print(json.dumps({path: extract(path) for path in sys.argv[1:]}))
