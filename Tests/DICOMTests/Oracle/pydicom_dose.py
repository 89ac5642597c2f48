#!/usr/bin/env python3
"""Independent dose extraction with pydicom: the oracle for DoseSummary (Lightbox DICOM tests).

Usage: pydicom_dose.py FILE...  -> one JSON object per line, in the DoseSummary JSON shape
(warnings left out). Written from PS3.16 (TID 10001-10005, 10011-10013, 10021-10022, 10030; the peak
skin dose as CID 10061 Maximum Absorbed Radiation Dose with CID 10060 finding site Skin) and PS3.3
(C.8.7.8, C.4.16) without reference to the Swift code: units are converted through explicit
tables of the UCUM codes vendors use, not through a unit parser.
"""
import json
import math
import sys

import pydicom

CANONICAL = {
    "dap": "Gy.cm2", "dose": "mGy", "dlp": "mGy.cm", "time": "s", "activity": "MBq",
    "kv": "kV", "ma": "mA", "mas": "mA.s", "mm": "mm",
}
# Factor from the reported unit to the canonical unit of each kind.
FACTORS = {
    "dap": {"Gy.m2": 1e4, "Gym2": 1e4, "Gy.cm2": 1.0, "Gycm2": 1.0, "dGy.cm2": 0.1, "dGycm2": 0.1,
            "cGy.cm2": 0.01, "cGycm2": 0.01, "mGy.cm2": 1e-3, "mGycm2": 1e-3, "uGy.m2": 1e-2,
            "uGym2": 1e-2, "uGy.cm2": 1e-6, "mGy.m2": 10.0, "dGy.m2": 1e3, "cGy.m2": 100.0},
    "dose": {"Gy": 1e3, "dGy": 100.0, "cGy": 10.0, "mGy": 1.0, "uGy": 1e-3, "nGy": 1e-6},
    "dlp": {"mGy.cm": 1.0, "mGycm": 1.0, "Gy.cm": 1e3, "mGy.mm": 0.1, "mGy.m": 100.0, "Gy.m": 1e5,
            "cGy.cm": 10.0, "uGy.m": 0.1},
    "time": {"s": 1.0, "ms": 1e-3, "us": 1e-6, "min": 60.0, "h": 3600.0},
    "activity": {"MBq": 1.0, "Bq": 1e-6, "kBq": 1e-3, "GBq": 1e3, "mCi": 37.0, "uCi": 0.037, "Ci": 37000.0},
    "kv": {"kV": 1.0, "V": 1e-3},
    "ma": {"mA": 1.0, "A": 1e3, "uA": 1e-3},
    "mas": {"mA.s": 1.0, "mAs": 1.0, "uA.s": 1e-3, "uAs": 1e-3, "A.s": 1e3, "As": 1e3},
    "mm": {"mm": 1.0, "cm": 10.0, "m": 1e3, "um": 1e-3},
}

SNOMED = {"SRT", "SNM3", "SCT", "SNOMED", "99SDM"}


def family(scheme):
    s = scheme.upper()
    if s in SNOMED:
        return "SNOMED"
    if s in ("UCUM", "UCM"):
        return "UCUM"
    return s


def text_of(value):
    if value is None:
        return None
    if isinstance(value, (list, pydicom.multival.MultiValue)):
        return "\\".join(str(v) for v in value)
    return str(value)


def code_of(seq):
    """(value, scheme, meaning) of the first item of a code sequence, or None."""
    if not seq:
        return None
    item = seq[0]
    for keyword in ("CodeValue", "LongCodeValue", "URNCodeValue"):
        v = item.get(keyword)
        if v not in (None, ""):
            return (str(v).strip(), str(item.get("CodingSchemeDesignator", "") or "").strip(),
                    str(item.get("CodeMeaning", "") or "").strip())
    return None


class Node:
    def __init__(self, ds):
        self.ds = ds
        self.vt = ds.get("ValueType")
        self.name = code_of(ds.get("ConceptNameCodeSequence"))
        self.children = [Node(c) for c in ds.get("ContentSequence", [])]

    def is_(self, value, scheme="DCM"):
        if self.name is None or self.name[0] != value:
            return False
        return not scheme or not self.name[1] or family(scheme) == family(self.name[1])

    def kids(self, value, scheme="DCM"):
        return [c for c in self.children if c.is_(value, scheme)]

    def kid(self, value, scheme="DCM"):
        k = self.kids(value, scheme)
        return k[0] if k else None

    def any_kid(self, codes):
        for c in self.children:
            if any(c.is_(v, s) for v, s in codes):
                return c
        return None

    def number(self):
        if self.vt != "NUM":
            return None
        mv = self.ds.get("MeasuredValueSequence")
        if not mv:
            return None
        m = mv[0]
        if "FloatingPointValue" in m and m.FloatingPointValue is not None:
            v = m.FloatingPointValue
            v = v[0] if isinstance(v, (list, pydicom.multival.MultiValue)) else v
            return float(v) if math.isfinite(float(v)) else None
        nv = m.get("NumericValue")
        if nv is None or nv == "":
            return None
        if isinstance(nv, (list, pydicom.multival.MultiValue)):
            nv = nv[0]
        try:
            v = float(str(nv).strip())
        except ValueError:
            return None
        return v if math.isfinite(v) else None

    def unit(self):
        mv = self.ds.get("MeasuredValueSequence")
        if not mv:
            return None
        c = code_of(mv[0].get("MeasurementUnitsCodeSequence"))
        return c[0] if c else None

    def text(self):
        vt = self.vt
        ds = self.ds
        if vt == "CODE":
            c = code_of(ds.get("ConceptCodeSequence"))
            t = c[2] if c else None
        elif vt == "TEXT":
            t = text_of(ds.get("TextValue"))
        elif vt == "UIDREF":
            t = text_of(ds.get("UID"))
        elif vt == "DATETIME":
            t = text_of(ds.get("DateTime"))
        elif vt == "DATE":
            t = text_of(ds.get("Date"))
        elif vt == "TIME":
            t = text_of(ds.get("Time"))
        elif vt == "PNAME":
            t = text_of(ds.get("PersonName"))
        elif vt == "NUM":
            mv = ds.get("MeasuredValueSequence")
            t = text_of(mv[0].get("NumericValue")) if mv and "NumericValue" in mv[0] else None
        else:
            t = None
        return t if t else None


def quantity(value, unit, kind):
    factor = FACTORS[kind].get(unit) if unit else None
    return {"value": value * factor if factor is not None else None, "unit": CANONICAL[kind],
            "reportedValue": value, "reportedUnit": unit}


def num(parent, code, kind):
    if parent is None:
        return None
    node = parent.kid(code)
    return num_of(node, kind) if node else None


def num_of(node, kind):
    v = node.number()
    if v is None:
        return None
    return quantity(v, node.unit(), kind)


def count(parent, code):
    node = parent.kid(code)
    if node is None:
        return None
    v = node.number()
    if v is None or v < 0 or v >= 1e12:
        return None
    return int(math.floor(v + 0.5))


def plain(parent, code):
    node = parent.kid(code)
    return node.number() if node else None


def text(parent, code, scheme="DCM"):
    node = parent.kid(code, scheme)
    return node.text() if node else None


LATERALITY = [("G-C171", "SRT"), ("272741003", "SCT")]
ANATOMY = [("T-D0005", "SRT"), ("91723000", "SCT")]
LEFT = {"T-04030", "80248007", "G-A101", "7771000"}
RIGHT = {"T-04020", "73056007", "G-A100", "24028007"}
BOTH = {"G-A102", "51440002", "T-04080", "63762007"}


def side(node):
    if node is None:
        return "unknown"
    c = code_of(node.ds.get("ConceptCodeSequence")) if node.vt == "CODE" else None
    if c:
        if c[0] in LEFT:
            return "left"
        if c[0] in RIGHT:
            return "right"
        if c[0] in BOTH:
            return "both"
    m = (node.text() or "").lower()
    if "both" in m or "bilateral" in m:
        return "both"
    if "left" in m:
        return "left"
    if "right" in m:
        return "right"
    return "unknown"


def total(quantities):
    vals = [q["value"] for q in quantities if q is not None and q["value"] is not None]
    return sum(vals) if vals else None


def header_context(ds):
    def s(keyword):
        v = ds.get(keyword)
        t = text_of(v)
        return t.strip() if t and t.strip() else None
    ctx = {k: s(k) for k in ("SOPClassUID", "SOPInstanceUID", "Modality", "Manufacturer", "ManufacturerModelName",
                             "StationName", "DeviceSerialNumber", "InstitutionName", "StudyInstanceUID",
                             "AccessionNumber", "StudyDate", "StudyTime", "StudyDescription")}
    out = {
        "sopClassUID": ctx["SOPClassUID"], "sopInstanceUID": ctx["SOPInstanceUID"], "modality": ctx["Modality"],
        "manufacturer": ctx["Manufacturer"], "manufacturerModelName": ctx["ManufacturerModelName"],
        "stationName": ctx["StationName"], "deviceSerialNumber": ctx["DeviceSerialNumber"],
        "institutionName": ctx["InstitutionName"], "studyInstanceUID": ctx["StudyInstanceUID"],
        "accessionNumber": ctx["AccessionNumber"], "studyDate": ctx["StudyDate"], "studyTime": ctx["StudyTime"],
        "studyDescription": ctx["StudyDescription"],
    }
    adt = s("AcquisitionDateTime")
    if adt:
        out["acquisitionDateTime"] = adt
    elif s("AcquisitionDate"):
        out["acquisitionDateTime"] = s("AcquisitionDate") + (s("AcquisitionTime") or "")
    return out


def empty_totals():
    return {"averageGlandularDose": []}


def event_identity(c):
    plane = c.any_kid([("113764", "DCM")])
    return {
        "uid": text(c, "113769"), "dateTimeStarted": text(c, "111526"), "eventType": text(c, "113721"),
        "acquisitionPlane": plane.text() if plane else None, "acquisitionProtocol": text(c, "125203"),
        "targetRegion": text(c, "123014"), "xRaySources": [],
    }


def projection(root, summary):
    for acc in root.kids("113702"):
        plane = acc.any_kid([("113764", "DCM")])
        agd = []
        for item in acc.kids("111637"):
            q = num_of(item, "dose")
            if q is not None:
                agd.append({"laterality": side(item.any_kid(LATERALITY)), "dose": q})
        summary["accumulated"].append({
            "plane": plane.text() if plane else None,
            "doseAreaProduct": num(acc, "113722", "dap"), "fluoroDoseAreaProduct": num(acc, "113726", "dap"),
            "acquisitionDoseAreaProduct": num(acc, "113727", "dap"), "doseRP": num(acc, "113725", "dose"),
            "fluoroDoseRP": num(acc, "113728", "dose"), "acquisitionDoseRP": num(acc, "113729", "dose"),
            "fluoroTime": num(acc, "113730", "time"), "acquisitionTime": num(acc, "113855", "time"),
            "numberOfRadiographicFrames": count(acc, "113731"), "referencePointDefinition": text(acc, "113780"),
            "averageGlandularDose": agd,
        })
    for c in root.kids("113706"):
        e = event_identity(c)
        e.update({
            "doseAreaProduct": num(c, "122130", "dap"), "doseRP": num(c, "113738", "dose"),
            "entranceDose": num(c, "111636", "dose"), "averageGlandularDose": num(c, "111631", "dose"),
            "kvp": num(c, "113733", "kv"), "tubeCurrent": num(c, "113734", "ma"),
            "exposureTime": num(c, "113735", "time") or num(c, "113824", "time"),
            "exposure": num(c, "113736", "mas"), "numberOfPulses": count(c, "113768"),
            "exposureIndex": plain(c, "113845"), "targetExposureIndex": plain(c, "113846"),
            "deviationIndex": plain(c, "113847"),
        })
        anatomy = c.any_kid(ANATOMY)
        lat = anatomy.any_kid(LATERALITY) if anatomy else None
        if lat is None:
            lat = c.any_kid(LATERALITY)
        if lat is not None:
            e["laterality"] = side(lat)
        summary["events"].append(e)
    acc = summary["accumulated"]
    t = summary["totals"]
    for key in ("doseAreaProduct", "fluoroDoseAreaProduct", "acquisitionDoseAreaProduct", "doseRP", "fluoroDoseRP",
                "acquisitionDoseRP", "fluoroTime", "acquisitionTime"):
        t[key] = total([a[key] for a in acc])
    frames = [a["numberOfRadiographicFrames"] for a in acc if a["numberOfRadiographicFrames"] is not None]
    t["numberOfRadiographicFrames"] = sum(frames) if frames else None
    t["numberOfIrradiationEvents"] = len(summary["events"])
    t["averageGlandularDose"] = [d for a in acc for d in a["averageGlandularDose"]]


def ct(root, summary):
    for acc in root.kids("113811"):
        summary["accumulated"].append({
            "ctDoseLengthProduct": num(acc, "113813", "dlp"),
            "numberOfIrradiationEvents": count(acc, "113812"), "averageGlandularDose": [],
        })
    for c in root.kids("113819"):
        e = event_identity(c)
        e["ctAcquisitionType"] = text(c, "113820")
        params = c.kid("113822") or c
        e["exposureTime"] = num(params, "113824", "time")
        e["scanningLength"] = num(params, "113825", "mm")
        e["pitchFactor"] = plain(params, "113828")
        for src in params.kids("113831"):
            e["xRaySources"].append({
                "identification": text(src, "113832"), "kvp": num(src, "113733", "kv"),
                "maximumTubeCurrent": num(src, "113833", "ma"), "tubeCurrent": num(src, "113734", "ma"),
                "exposureTimePerRotation": num(src, "113834", "time"),
            })
        if e["xRaySources"]:
            e["kvp"] = e["xRaySources"][0]["kvp"]
            e["tubeCurrent"] = e["xRaySources"][0]["tubeCurrent"]
        dose = c.kid("113829") or c
        e["ctdiVol"] = num(dose, "113830", "dose")
        e["dlp"] = num(dose, "113838", "dlp")
        phantom = dose.kid("113835")
        if phantom is not None:
            e["phantomType"] = phantom.text()
            pc = code_of(phantom.ds.get("ConceptCodeSequence")) if phantom.vt == "CODE" else None
            e["phantomDiameter"] = {"113690": 16, "113691": 32}.get(pc[0]) if pc else None
        summary["events"].append(e)
    t = summary["totals"]
    t["ctDoseLengthProduct"] = total([a["ctDoseLengthProduct"] for a in summary["accumulated"]])
    counts = [a["numberOfIrradiationEvents"] for a in summary["accumulated"]
              if a["numberOfIrradiationEvents"] is not None]
    t["numberOfIrradiationEvents"] = sum(counts) if counts else len(summary["events"])


def radiopharmaceutical(root, summary):
    for c in root.kids("113502"):
        agent = c.any_kid([("349358000", "SCT"), ("F-61FDB", "SRT")])
        nuclide = c.any_kid([("89457008", "SCT"), ("C-10072", "SRT")])
        route = c.any_kid([("410675002", "SCT"), ("G-C340", "SRT")])
        uid = c.kid("113769") or c.kid("113503")
        summary["administrations"].append({
            "agent": agent.text() if agent else None, "radionuclide": nuclide.text() if nuclide else None,
            "administeredActivity": num(c, "113507", "activity"), "startDateTime": text(c, "123003"),
            "stopDateTime": text(c, "123004"), "route": route.text() if route else None,
            "uid": uid.text() if uid else None,
        })
    acts = [a["administeredActivity"]["value"] for a in summary["administrations"]
            if a["administeredActivity"] and a["administeredActivity"]["value"] is not None]
    summary["totals"]["administeredActivity"] = sum(acts) if acts else None


SKIN = {"39937001", "T-01000"}
FINDING_SITE = [("363698007", "SCT"), ("G-C0E3", "SRT")]


def on_skin(node):
    """True when one of the node's children is a Finding Site coded Skin."""
    for c in node.children:
        if any(c.is_(v, s) for v, s in FINDING_SITE) and c.vt == "CODE":
            code = code_of(c.ds.get("ConceptCodeSequence"))
            if code and code[0] in SKIN:
                return True
    return False


def skin_values(node, parent):
    """(quantity, mGy) of every Maximum Absorbed Radiation Dose to the skin at or below node."""
    found = []
    if node.is_("128531") and (on_skin(node) or on_skin(parent)):
        q = num_of(node, "dose")
        if q is not None and q["value"] is not None:
            found.append(q)
    for c in node.children:
        found.extend(skin_values(c, node))
    return found


def skin(root, summary, event_code):
    outside, per_event, k = [], [], 0
    for c in root.children:
        found = skin_values(c, root)
        if event_code and c.is_(event_code):
            if found and k < len(summary["events"]):
                top = max(found, key=lambda q: q["value"])
                summary["events"][k]["peakSkinDose"] = top
                per_event.append(top["value"])
            k += 1
        else:
            outside.extend(q["value"] for q in found)
    if outside:
        summary["totals"]["peakSkinDose"] = max(outside)
    elif per_event:
        summary["totals"]["peakSkinDose"] = max(per_event)


def from_sr(ds):
    root = Node(ds)
    summary = {"context": header_context(ds), "totals": empty_totals(), "accumulated": [], "events": [],
               "administrations": []}
    template = ds.get("ContentTemplateSequence")
    summary["templateIdentifier"] = text_of(template[0].get("TemplateIdentifier")) if template else None
    if root.is_("113701"):
        summary["source"] = ("enhanced-xray-radiation-dose-sr" if ds.get("SOPClassUID") == "1.2.840.10008.5.1.4.1.1.88.76"
                             else "xray-radiation-dose-sr")
    elif root.is_("113500"):
        summary["source"] = "radiopharmaceutical-radiation-dose-sr"
    elif root.is_("128401"):
        summary["source"] = "patient-radiation-dose-sr"
    else:
        summary["source"] = "none"
        return summary
    ctx = summary["context"]
    for key, code in (("deviceObserverUID", "121012"), ("deviceObserverName", "121013"),
                      ("deviceObserverManufacturer", "121014"), ("deviceObserverModelName", "121015"),
                      ("deviceObserverSerialNumber", "121016"), ("startOfIrradiation", "113809"),
                      ("endOfIrradiation", "113810")):
        ctx[key] = text(root, code)
    scope = root.kid("113705")
    if scope is not None:
        ctx["scopeOfAccumulation"] = scope.text()
        ctx["scopeUID"] = next((c.text() for c in scope.children if c.text()), None)
    reported = root.kid("121058")
    summary["procedureReported"] = reported.text() if reported else None
    if summary["source"] == "patient-radiation-dose-sr":
        skin(root, summary, None)
        return summary
    if summary["source"] == "radiopharmaceutical-radiation-dose-sr":
        summary["procedure"] = "radiopharmaceutical"
        radiopharmaceutical(root, summary)
        return summary
    rc = code_of(reported.ds.get("ConceptCodeSequence")) if reported is not None and reported.vt == "CODE" else None
    if rc and rc[0] in ("P5-08000", "77477000"):
        proc = "ct"
    elif rc and rc[0] in ("P5-40010", "71651007"):
        proc = "mammography"
    elif rc and rc[0] == "113704":
        proc = "projection"
    elif summary["templateIdentifier"] == "10011" or root.kid("113819") or root.kid("113811"):
        proc = "ct"
    elif has_descendant(root, ("111637", "111631")):
        proc = "mammography"
    else:
        proc = "projection"
    summary["procedure"] = proc
    if proc == "ct":
        ct(root, summary)
        skin(root, summary, "113819")
    else:
        projection(root, summary)
        skin(root, summary, "113706")
    return summary


def has_descendant(node, codes):
    for c in node.children:
        if any(c.is_(code) for code in codes) or has_descendant(c, codes):
            return True
    return False


def header_number(ds, keyword):
    el = ds.get(keyword)
    if el is None or el == "" or (isinstance(el, (list, pydicom.multival.MultiValue)) and len(el) == 0):
        return None
    v = el[0] if isinstance(el, (list, pydicom.multival.MultiValue)) else el
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def header_quantity(ds, keyword, unit, kind):
    v = header_number(ds, keyword)
    return quantity(v, unit, kind) if v is not None else None


def technique(ds):
    e = {"xRaySources": []}
    e["kvp"] = header_quantity(ds, "KVP", "kV", "kv")
    e["tubeCurrent"] = header_quantity(ds, "XRayTubeCurrent", "mA", "ma") or header_quantity(ds, "XRayTubeCurrentInuA", "uA", "ma")
    e["exposureTime"] = header_quantity(ds, "ExposureTime", "ms", "time") or header_quantity(ds, "ExposureTimeInuS", "us", "time")
    e["exposure"] = (header_quantity(ds, "ExposureInuAs", "uA.s", "mas") or header_quantity(ds, "Exposure", "mA.s", "mas")
                     or header_quantity(ds, "ExposureInmAs", "mA.s", "mas"))
    e["ctdiVol"] = header_quantity(ds, "CTDIvol", "mGy", "dose")
    at = text_of(ds.get("AcquisitionType"))
    e["ctAcquisitionType"] = at.strip() if at and at.strip() else None
    return e


def from_header(ds):
    summary = {"source": "image-header", "context": header_context(ds), "totals": empty_totals(), "accumulated": [],
               "events": [], "administrations": []}
    modality = (summary["context"]["modality"] or "").upper()
    summary["procedure"] = {"CT": "ct", "MG": "mammography"}.get(modality) or (
        "projection" if modality in ("CR", "DX", "RF", "XA", "IO", "PX", "RG", "DF", "DS") else None)
    organ = text_of(ds.get("OrganExposed"))
    mammogram = modality == "MG" or (organ or "").strip().upper() == "BREAST"
    e = technique(ds)
    e["doseAreaProduct"] = header_quantity(ds, "ImageAndFluoroscopyAreaDoseProduct", "dGy.cm2", "dap")
    e["entranceDose"] = header_quantity(ds, "EntranceDoseInmGy", "mGy", "dose") or header_quantity(ds, "EntranceDose", "dGy", "dose")
    if mammogram:
        e["averageGlandularDose"] = header_quantity(ds, "OrganDose", "dGy", "dose")
    lat = text_of(ds.get("ImageLaterality")) or text_of(ds.get("Laterality"))
    if lat and lat.strip():
        e["laterality"] = {"L": "left", "R": "right", "B": "both"}.get(lat.strip().upper(), "unknown")
    e["exposureIndex"] = header_number(ds, "ExposureIndex")
    e["targetExposureIndex"] = header_number(ds, "TargetExposureIndex")
    e["deviationIndex"] = header_number(ds, "DeviationIndex")
    pn = text_of(ds.get("ProtocolName"))
    e["acquisitionProtocol"] = pn.strip() if pn and pn.strip() else None
    if any(e.get(k) is not None for k in ("kvp", "tubeCurrent", "exposureTime", "exposure", "doseAreaProduct",
                                          "entranceDose", "averageGlandularDose", "exposureIndex", "ctdiVol")):
        summary["events"].append(e)
    for item in ds.get("ExposureDoseSequence", []):
        summary["events"].append(technique(item))
    t = summary["totals"]
    t["doseAreaProduct"] = e["doseAreaProduct"]["value"] if e["doseAreaProduct"] else None
    ft = header_quantity(ds, "TotalTimeOfFluoroscopy", "s", "time")
    t["fluoroTime"] = ft["value"] if ft else None
    n = ds.get("TotalNumberOfExposures")
    t["numberOfExposures"] = int(n) if n not in (None, "") else None
    if e.get("averageGlandularDose"):
        t["averageGlandularDose"] = [{"laterality": e.get("laterality") or "unknown", "dose": e["averageGlandularDose"]}]
    t["numberOfIrradiationEvents"] = len(summary["events"])
    if not summary["events"] and t["fluoroTime"] is None and t["numberOfExposures"] is None:
        summary["source"] = "none"
        t["numberOfIrradiationEvents"] = None
    return summary


def prune(value):
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def summarise(path):
    ds = pydicom.dcmread(path, stop_before_pixels=True, force=True)
    if "ContentSequence" in ds or ds.get("ValueType") == "CONTAINER":
        summary = from_sr(ds)
        if summary["source"] != "none" or ds.get("Modality") == "SR":
            return summary
    return from_header(ds)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(json.dumps(prune(summarise(p)), sort_keys=True))
