"""Reference readings of HL7 corpus files by python-hl7 and hl7apy, printed as JSON for HL7Tests.

Usage: python3 oracle.py FILE...  (exit 2 when either library is missing, so the Swift test fails loudly)
"""
import json
import sys

try:
    import hl7
    from hl7apy.consts import VALIDATION_LEVEL
    from hl7apy.parser import parse_message
except ImportError as e:  # the Swift test reports this text
    print("oracle: missing python package: %s (pip install hl7 hl7apy)" % e, file=sys.stderr)
    sys.exit(2)


def messages_of(parsed):
    if isinstance(parsed, hl7.Message):
        return [parsed]
    out = []
    for child in parsed:
        out.extend(messages_of(child))
    return out


def python_hl7(text):
    result = []
    for message in messages_of(hl7.parse_hl7(text)):
        segments = []
        counts = {}
        for seg in message:
            sid = str(seg[0])
            counts[sid] = counts.get(sid, 0) + 1
            fields = [str(seg[i]) for i in range(1, len(seg))]
            components = {}
            for n in range(1, len(seg)):
                if sid == "MSH" and n <= 2:
                    continue
                raw = fields[n - 1]
                # python-hl7 separators: segment, field, repetition, component, sub-component.
                first_rep = raw.split(message.separators[2])[0]
                ncomp = first_rep.count(message.separators[3]) + 1 if first_rep else 0
                for c in range(1, ncomp + 1):
                    try:
                        value = message.extract_field(sid, counts[sid], n, 1, c)
                    except Exception:  # noqa: BLE001 - the oracle reports what it can read
                        continue
                    components["%d.%d" % (n, c)] = str(value)
            segments.append({"id": sid, "fields": fields, "components": components})
        result.append(segments)
    return result


def hl7apy_reading(text):
    message = parse_message(text, find_groups=False, validation_level=VALIDATION_LEVEL.TOLERANT)
    segments = []
    for seg in message.children:
        fields = {}
        for f in seg.children:
            try:
                index = int(f.name.split("_")[-1])
            except ValueError:
                continue
            fields.setdefault(str(index), []).append(f.to_er7())
        segments.append({"id": seg.name, "fields": {k: "~".join(v) for k, v in fields.items()}})
    return segments


def main(paths):
    out = {}
    for path in paths:
        with open(path, "rb") as fh:
            data = fh.read()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\r").replace("\n", "\r")
        entry = {}
        try:
            entry["pyhl7"] = python_hl7(text)
        except Exception as e:  # noqa: BLE001
            entry["pyhl7_error"] = "%s: %s" % (type(e).__name__, e)
        try:
            entry["hl7apy"] = hl7apy_reading(text.rstrip("\r"))
        except Exception as e:  # noqa: BLE001
            entry["hl7apy_error"] = "%s: %s" % (type(e).__name__, e)
        out[path] = entry
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
