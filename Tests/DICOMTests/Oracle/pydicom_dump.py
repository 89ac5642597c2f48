#!/usr/bin/env python3
"""Oracle for DICOMTests: reads each DICOM file named on stdin (one path a line) with pydicom and prints one
JSON object per line: {"path", "ok", "error", "ts", "elements", "meta"}, where elements (and meta, the
file meta information) map "GGGGEEEE" to
{"vr", "value"} for every attribute of the data set (sequences recursively).

Values are normalised so the Swift side can compare without pydicom's types:
- text and numbers-as-text (DS, IS): list of strings, stripped of padding;
- binary numbers (US, SS, UL, SL, SV, UV, FL, FD, AT): list of numbers;
- bytes (OB, OW, UN, OF, OD, OL, OV, pixel data): {"len", "crc32"} of the bytes as pydicom holds them;
- SQ: list of items, each an elements map.
"""
import zlib
import json
import sys

import pydicom
from pydicom.multival import MultiValue


def normalise(element):
    vr = element.VR
    value = element.value
    if vr == "SQ":
        return [elements(item) for item in value]
    if isinstance(value, (bytes, bytearray)):
        return {"len": len(value), "crc32": zlib.crc32(value)}
    if value is None:
        return []
    values = list(value) if isinstance(value, (MultiValue, list, tuple)) else [value]
    out = []
    for item in values:
        if item is None:
            out.append("")
        elif vr in ("FL", "FD"):
            out.append(float(item))
        elif vr in ("US", "SS", "UL", "SL", "SV", "UV", "AT") and isinstance(item, int):
            out.append(int(item))
        elif vr in ("DS", "IS"):
            text = getattr(item, "original_string", None)
            out.append((text if text is not None else str(item)).strip(" \0"))
        else:
            out.append(str(item).strip(" \0"))
    return out


def elements(dataset):
    result = {}
    for element in dataset:
        try:
            result[f"{element.tag:08X}"] = {"vr": element.VR, "value": normalise(element)}
        except Exception as error:  # an element pydicom cannot convert: say so, the test reports it
            result[f"{element.tag:08X}"] = {"vr": element.VR, "error": str(error)}
    return result


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        record = {"path": path}
        try:
            try:
                dataset = pydicom.dcmread(path)
            except pydicom.errors.InvalidDicomError:
                dataset = pydicom.dcmread(path, force=True)
            record["ts"] = str(getattr(dataset.file_meta, "TransferSyntaxUID", "")) if hasattr(dataset, "file_meta") else ""
            record["elements"] = elements(dataset)
            record["meta"] = elements(dataset.file_meta) if getattr(dataset, "file_meta", None) is not None else {}
            record["ok"] = True
        except Exception as error:
            record["ok"] = False
            record["error"] = f"{type(error).__name__}: {error}"
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
