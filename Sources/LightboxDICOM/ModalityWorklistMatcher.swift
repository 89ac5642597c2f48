import DICOM
import Foundation
import NIOCore

/// PS3.4 §K.2.2.1 (by §C.2.2.2) matching of one worklist item against a C-FIND identifier, and the
/// answer built from the identifier's keys. Matching kinds: single value, wildcard (`*`, `?`), UID list,
/// date, time and date-time ranges, sequence matching, universal matching (an empty key; an empty
/// sequence returns the item's whole sequence). Person names match case-insensitively, as the
/// conformance statement declares; other text is case-sensitive.
enum ModalityWorklistMatcher {
    /// Whether every non-empty key of `query` matches `item`.
    static func matches(_ item: DataSet, _ query: DataSet) -> Bool {
        for key in query where isMatchingKey(key.tag) {
            if key.vr == .SQ {
                guard let first = key.items?.first, first.contains(where: { isMatchingKey($0.tag) && !isEmpty($0) })
                else { continue }
                // Sequence matching (§C.2.2.2.6): some item of the item's sequence matches every key inside.
                guard let candidates = item.sequence(key.tag), candidates.contains(where: { matches($0, first) }) else {
                    return false
                }
                continue
            }
            if !key.vr.isString {
                // Binary numbers (Pregnancy Status is US): single value matching on the numbers.
                guard key.valueLength > 0 else { continue }
                let have = item[key.tag]?.doubleValues() ?? []
                guard key.doubleValues().contains(where: have.contains) else { return false }
                continue
            }
            if isEmpty(key) { continue }
            let wanted = key.stringValues(characterSet: query.characterSet).map { $0.dicomTrimmed }
            let have = (item[key.tag]?.stringValues(characterSet: item.characterSet) ?? []).map {
                $0.dicomTrimmed
            }
            guard matchesValues(have, wanted, vr: item[key.tag]?.vr ?? key.vr) else { return false }
        }
        return true
    }

    /// The answer: each key of the identifier with the item's value (zero length when the item has none);
    /// a sequence key returns each of the item's sequence items narrowed to the keys asked inside, or whole
    /// when asked empty. Specific Character Set is added when the answer holds non-ASCII text.
    static func answer(_ item: DataSet, _ query: DataSet) -> DataSet {
        var answer = DataSet(characterSet: item.characterSet)
        for key in query where isMatchingKey(key.tag) {
            answer.insert(returnValue(key, from: item))
        }
        if let charset = item[.specificCharacterSet], answer.contains(where: { !isASCII($0) }) {
            answer.insert(charset)
        }
        return answer
    }

    private static func returnValue(_ key: DataElement, from item: DataSet) -> DataElement {
        guard key.vr == .SQ else {
            if let value = item[key.tag] { return value }
            return DataElement(tag: key.tag, vr: key.vr, bytes: ByteBuffer())
        }
        let have = item.sequence(key.tag) ?? []
        guard let asked = key.items?.first, !asked.isEmpty else {
            return DataElement(tag: key.tag, vr: .SQ, value: .sequence(have))
        }
        let narrowed = have.filter { matches($0, asked) }.map { candidate in
            var out = DataSet(characterSet: candidate.characterSet)
            for inner in asked where isMatchingKey(inner.tag) { out.insert(returnValue(inner, from: candidate)) }
            return out
        }
        return DataElement(tag: key.tag, vr: .SQ, value: .sequence(narrowed))
    }

    /// Command and file-meta groups and Specific Character Set are not keys.
    private static func isMatchingKey(_ tag: Tag) -> Bool {
        tag.group != 0x0000 && tag.group != 0x0002 && tag != .specificCharacterSet
    }

    private static func isEmpty(_ element: DataElement) -> Bool {
        if element.vr == .SQ { return (element.items ?? []).allSatisfy(\.isEmpty) }
        guard element.vr.isString else { return element.valueLength == 0 }
        return element.valueLength == 0 || element.stringValues().allSatisfy { $0.dicomTrimmed.isEmpty }
    }

    private static func isASCII(_ element: DataElement) -> Bool {
        if element.vr == .SQ { return (element.items ?? []).allSatisfy { $0.allSatisfy(isASCII) } }
        guard element.vr.isString, let bytes = element.bytes else { return true }
        return bytes.readableBytesView.allSatisfy { $0 < 0x80 }
    }

    /// One key against the item's values (any of them, for multi-valued attributes).
    static func matchesValues(_ have: [String], _ wanted: [String], vr: VR) -> Bool {
        switch vr {
        case .UI:
            // UID list matching (§C.2.2.2.2): any of the listed UIDs.
            return have.contains { wanted.contains($0) }
        case .DA, .TM, .DT:
            return wanted.contains { range in have.contains { value in inRange(value, range, vr: vr) } }
        case .PN:
            return wanted.contains { pattern in
                have.contains { wildcard($0.uppercased(), pattern.uppercased()) }
            }
        default:
            return wanted.contains { pattern in have.contains { wildcard($0, pattern) } }
        }
    }

    /// `*` any run of characters, `?` one character; otherwise the whole value must be equal (§C.2.2.2.4).
    static func wildcard(_ value: String, _ pattern: String) -> Bool {
        let v = Array(value)
        let p = Array(pattern)
        var (vi, pi) = (0, 0)
        var star: Int?
        var mark = 0
        while vi < v.count {
            if pi < p.count, p[pi] == "?" || p[pi] == v[vi] {
                vi += 1
                pi += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = vi
                pi += 1
            } else if let s = star {
                pi = s + 1
                mark += 1
                vi = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Range matching (§C.2.2.2.5): `A-B`, `-B`, `A-` or a single value, each side to the precision it is
    /// written in (a key `1000` covers 10:00:00 to 10:00:59.999999). Date and time keys are matched each on
    /// their own, not combined; a DT offset is ignored (Lightbox works in the department's local time).
    static func inRange(_ value: String, _ key: String, vr: VR) -> Bool {
        guard let have = normalised(value, vr: vr, upper: false) else { return false }
        let parts = key.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let lowText = parts[0]
        let highText = parts.count > 1 ? parts[1] : parts[0]
        if !lowText.isEmpty {
            guard let low = normalised(lowText, vr: vr, upper: false), have >= low else { return false }
        }
        if !highText.isEmpty {
            guard let high = normalised(highText, vr: vr, upper: true), have <= high else { return false }
        }
        return true
    }

    /// A comparable fixed-width form: DA `YYYYMMDD`, TM `HHMMSS.ffffff`, DT both; a partial value extends
    /// to the start (or, for an upper bound, the end) of what it names.
    static func normalised(_ text: String, vr: VR, upper: Bool) -> String? {
        let raw = text.dicomTrimmed.filter { $0 != ":" }
        switch vr {
        case .DA:
            let digits = raw.filter { $0 != "." }
            guard digits.count == 8, digits.allSatisfy(\.isNumber) else { return nil }
            return digits
        case .TM:
            return time(raw, upper: upper)
        default:
            // DT: date part then time part; an offset is ignored (the department's local time is used throughout).
            var body = raw
            if let sign = body.firstIndex(of: "+") { body = String(body[..<sign]) }
            let datePart = String(body.prefix(8))
            guard datePart.count >= 4, datePart.allSatisfy(\.isNumber) else { return nil }
            let date = datePart + String(repeating: upper ? "9" : "0", count: 8 - datePart.count)
            let rest = String(body.dropFirst(8))
            guard let time = rest.isEmpty ? (upper ? "235959.999999" : "000000.000000") : time(rest, upper: upper)
            else { return nil }
            return date + time
        }
    }

    private static func time(_ raw: String, upper: Bool) -> String? {
        let pieces = raw.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let main = pieces.first, [2, 4, 6].contains(main.count), main.allSatisfy(\.isNumber) else { return nil }
        let fraction = pieces.count > 1 ? String(pieces[1]) : ""
        guard fraction.count <= 6, fraction.allSatisfy(\.isNumber) else { return nil }
        var clock = String(main)
        while clock.count < 6 { clock += upper ? "59" : "00" }
        return clock + "." + fraction + String(repeating: upper ? "9" : "0", count: 6 - fraction.count)
    }
}

extension String {
    /// Without DICOM's padding (spaces, NUL) at either end.
    fileprivate var dicomTrimmed: String { trimmingCharacters(in: CharacterSet(charactersIn: " \u{0}")) }
}
