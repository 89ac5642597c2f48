#!/usr/bin/env python3
"""Oracle for DICOMTests: compares our DICOM JSON (PS3.18 Annex F) with pydicom's `to_json_dict()`.

Reads lines "DICOM-path<TAB>our-JSON-path" on stdin; prints one JSON object per line:
{"path", "differences": [[key, pydicom's value, ours], ...]}.

Normalised before comparing, where the standard leaves a choice or pydicom differs by design:
- group length attributes (gggg,0000) are left out (we omit them: retired, PS3.5 §7.2);
- an empty string inside a multi-valued attribute equals null (PS3.18 §F.2.5 uses null);
- trailing spaces of strings are padding (PS3.5 §6.2);
- a sequence with no items: "Value": [] equals no "Value";
- private attributes read as UN from implicit VR files (pydicom guesses their VR from its private dictionary).
"""
import json
import sys
import warnings

import pydicom

warnings.simplefilter("ignore")


def normalise(value):
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if len(key) == 8 and key.endswith("0000"):
                continue
            if isinstance(item, dict) and item.get("vr") == "SQ" and item.get("Value") == []:
                item = {"vr": "SQ"}
            result[key] = normalise(item)
        return result
    if isinstance(value, list):
        return [None if item == "" else normalise(item) for item in value]
    if isinstance(value, str):
        return value.rstrip(" ")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def is_private(key):
    return len(key) == 8 and int(key[:4], 16) % 2 == 1


def main():
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        dicom_path, our_path = line.split("\t")
        theirs = normalise(pydicom.dcmread(dicom_path).to_json_dict())
        with open(our_path) as handle:
            ours = normalise(json.load(handle))
        differences = []
        for key in sorted(set(theirs) | set(ours)):
            mine, other = ours.get(key), theirs.get(key)
            if mine == other:
                continue
            if is_private(key) and mine is not None and mine.get("vr") == "UN":
                continue
            differences.append([key, other, mine])
        print(json.dumps({"path": dicom_path, "differences": differences}), flush=True)


if __name__ == "__main__":
    main()
