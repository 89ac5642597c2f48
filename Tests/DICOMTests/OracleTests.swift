import Foundation
import NIOCore
import Testing

@testable import DICOM

/// pydicom as the oracle: every attribute (tag, VR, value; sequences recursively) of every valid and edge file,
/// and of its file meta information, must equal what pydicom reads.
@Suite("pydicom oracle")
struct OracleTests {
    @Test("every attribute of every valid and edge file equals pydicom's reading")
    func attributesMatchPydicom() throws {
        let corpus = try Corpus.load()
        let entries = corpus.entries(in: ["valid", "edge"])
        let records = try PydicomOracle.dump(entries.map { corpus.url($0).path })
        #expect(records.count == entries.count)
        var compared = 0
        for entry in entries {
            let path = corpus.url(entry).path
            guard let record = records[path] else {
                Issue.record("\(entry.path): no pydicom record")
                continue
            }
            guard record["ok"] as? Bool == true, let elements = record["elements"] as? [String: Any] else {
                Issue.record("\(entry.path): pydicom failed: \(record["error"] ?? "?")")
                continue
            }
            // pydicom's `force` turns a data set shifted by stray leading bytes into one bogus element; there
            // is nothing to compare with (the reading test covers such files).
            if elements.count <= 1 && entry.detected.contains("force-only") { continue }
            let file: DICOMFile
            do {
                file = try DICOMReader().read(contentsOf: path)
            } catch {
                Issue.record("\(entry.path): \(error)")
                continue
            }
            var problems: [String] = []
            OracleComparison(bigEndian: !file.transferSyntax.isLittleEndian)
                .compare(file.dataSet, elements, path: "", problems: &problems)
            if let meta = record["meta"] as? [String: Any] {
                OracleComparison(bigEndian: false).compare(
                    file.fileMetaInformation, meta, path: "meta ", problems: &problems)
            }
            for problem in problems.prefix(5) { Issue.record("\(entry.path): \(problem)") }
            compared += 1
        }
        #expect(compared > 200)
    }
}

enum PydicomOracle {
    /// Runs Oracle/pydicom_dump.py over the paths; returns its records by path.
    static func dump(_ paths: [String], filePath: String = #filePath) throws -> [String: [String: Any]] {
        let script = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Oracle/pydicom_dump.py").path
        let result = try Tool.run(try Tool.python(), [script], stdin: paths.joined(separator: "\n") + "\n")
        guard result.status == 0 else {
            throw CorpusError.missing("pydicom oracle failed (\(result.status)): \(result.err.suffix(2000))")
        }
        var records: [String: [String: Any]] = [:]
        for line in result.out.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let path = object["path"] as? String
            else { continue }
            records[path] = object
        }
        return records
    }
}

struct OracleComparison {
    let bigEndian: Bool

    func compare(_ dataSet: DataSet, _ oracle: [String: Any], path: String, problems: inout [String]) {
        for (key, raw) in oracle {
            guard let tag = Tag(string: key), let expected = raw as? [String: Any] else { continue }
            let here = path + tag.description
            guard let element = dataSet[tag] else {
                problems.append("\(here) missing (pydicom has it)")
                continue
            }
            let oracleVR = expected["vr"] as? String ?? ""
            if expected["error"] != nil { continue }
            if tag.isPrivate && (element.vr == .UN || oracleVR == "UN") { continue }
            let vrMatches =
                oracleVR == element.vr.rawValue
                || (oracleVR.contains(" or ") && oracleVR.components(separatedBy: " or ").contains(element.vr.rawValue))
            if !vrMatches { problems.append("\(here) VR \(element.vr.rawValue), pydicom \(oracleVR)") }
            compareValue(element, expected["value"], dataSet: dataSet, path: here, problems: &problems)
        }
        for element in dataSet where oracle[element.tag.jsonKey] == nil {
            problems.append("\(path)\(element.tag) present here, absent in pydicom")
        }
    }

    private func compareValue(
        _ element: DataElement, _ value: Any?, dataSet: DataSet, path: String,
        problems: inout [String]
    ) {
        if let items = value as? [[String: Any]], element.vr == .SQ || !items.isEmpty {
            guard let ours = element.items, ours.count == items.count else {
                problems.append("\(path) has \(element.items?.count ?? -1) items, pydicom \(items.count)")
                return
            }
            for (index, item) in items.enumerated() {
                compare(ours[index], item, path: "\(path)[\(index)]", problems: &problems)
            }
            return
        }
        if let blob = value as? [String: Any], let length = blob["len"] as? Int, let crc = blob["crc32"] as? Int {
            let bytes = rawBytes(element)
            if bytes.count != length || Int(CRC32.checksum(bytes)) != crc {
                problems.append("\(path) bytes differ: \(bytes.count) here, \(length) in pydicom")
            }
            return
        }
        guard let values = value as? [Any] else { return }
        if values.isEmpty {
            if !element.isEmpty
                && !(element.stringValues().allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty })
            {
                problems.append("\(path) empty in pydicom, not here")
            }
            return
        }
        if let strings = values as? [String] {
            let ours = element.stringValues(characterSet: dataSet.characterSet).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " \0"))
            }
            if ours.isEmpty && strings.allSatisfy(\.isEmpty) { return }
            if element.vr == .PN {
                // pydicom prints a person name without trailing empty component groups.
                let normalised = ours.map { PersonName($0).description }
                if normalised != strings.map({ PersonName($0).description }) {
                    problems.append("\(path) \(ours) ≠ pydicom \(strings)")
                }
                return
            }
            if ours != strings && !(ours.isEmpty && strings == [""]) {
                problems.append("\(path) \(ours) ≠ pydicom \(strings)")
            }
            return
        }
        if element.vr == .FL || element.vr == .FD || element.vr == .OF || element.vr == .OD {
            let ours = element.doubleValues()
            let theirs = values.compactMap { ($0 as? NSNumber)?.doubleValue }
            if ours.count != theirs.count || zip(ours, theirs).contains(where: { !Self.close($0, $1) }) {
                problems.append("\(path) \(ours) ≠ pydicom \(theirs)")
            }
            return
        }
        let theirs = values.compactMap { ($0 as? NSNumber)?.int64Value }.map { Int($0) }
        let ours = element.vr == .AT ? element.tagValues().map { Int($0.rawValue) } : element.integerValues()
        if ours != theirs { problems.append("\(path) \(ours.prefix(8)) ≠ pydicom \(theirs.prefix(8))") }
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN && b.isNaN { return true }
        return a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }

    /// The bytes as pydicom holds them: as in the file (big endian words swapped back), encapsulated
    /// pixel data as its items without the sequence delimitation.
    private func rawBytes(_ element: DataElement) -> [UInt8] {
        switch element.value {
        case .bytes(let buffer):
            var bytes = Array(buffer.readableBytesView)
            if bigEndian, let size = element.vr.binaryWordSize, size > 1 {
                var index = 0
                while index + size <= bytes.count {
                    bytes[index..<index + size].reverse()
                    index += size
                }
            }
            return bytes
        case .fragments(let data):
            var out: [UInt8] = []
            for fragment in [data.basicOffsetTable] + data.fragments {
                out += [0xFE, 0xFF, 0x00, 0xE0]
                let length = UInt32(fragment.readableBytes)
                out += [
                    UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24),
                ]
                out += fragment.readableBytesView
            }
            return out
        case .sequence:
            return []
        }
    }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
