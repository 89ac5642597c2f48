import Foundation
import Testing

@testable import HL7

/// python-hl7 and hl7apy read the same corpus files; their readings must match ours.
@Suite struct OracleTests {
    @Test func pythonLibrariesReadTheCorpusAsWeDo() throws {
        let corpus = try Corpus.load()
        let entries = corpus.hl7("hl7") + corpus.hl7("hl7-edge")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Oracle/oracle.py"
        ).path
        let result = try ExternalProcess.run("python3", [script] + entries.map(\.url.path), timeout: 120)
        try #require(result.status == 0, "oracle.py failed (\(result.status)): \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])

        var pyhl7Compared = 0
        var apyCompared = 0
        var componentCompared = 0
        for entry in entries {
            let reading = try #require(
                json[entry.url.path] as? [String: Any], "\(entry.path) missing from oracle output")
            let bytes = try corpus.bytes(entry)
            let ours = try Batch(parsing: bytes).messages
            let utf8 = String(validating: bytes, as: UTF8.self) != nil

            if let pyAll = reading["pyhl7"] as? [[[String: Any]]] {
                // python-hl7 keeps a trailing BTS/FTS without its header inside the last message; we keep
                // envelope segments apart (Batch), so they are left out of the comparison.
                let py = pyAll.map { $0.filter { !Self.envelope.contains($0["id"] as? String ?? "") } }
                #expect(py.count == ours.count, "\(entry.path): message count")
                for (pm, m) in zip(py, ours) {
                    #expect(pm.map { $0["id"] as? String ?? "" } == m.segments.map(\.id), "\(entry.path): segment ids")
                    for (ps, s) in zip(pm, m.segments) {
                        let fields = ps["fields"] as? [String] ?? []
                        for (i, expected) in fields.enumerated() where utf8 {
                            #expect(s.field(i + 1).raw == expected, "\(entry.path) \(s.id)-\(i + 1)")
                        }
                        for (key, value) in ps["components"] as? [String: String] ?? [:] where utf8 {
                            let parts = key.split(separator: ".").compactMap { Int($0) }
                            guard parts.count == 2 else { continue }
                            let element = s.field(parts[0]).component(parts[1]).subcomponent(1)
                            if element.raw.contains("\\H\\") || element.raw.contains("\\N\\") {
                                // python-hl7 renders highlighting as '_'; a plain value drops it.
                                #expect(
                                    element.value == value.replacingOccurrences(of: "_", with: ""),
                                    "\(entry.path) \(s.id)-\(key)")
                            } else {
                                #expect(element.value == value, "\(entry.path) \(s.id)-\(key)")
                            }
                            componentCompared += 1
                        }
                    }
                    pyhl7Compared += 1
                }
            } else {
                Issue.record("python-hl7 could not read \(entry.path): \(reading["pyhl7_error"] ?? "?")")
            }

            if let apyAll = reading["hl7apy"] as? [[String: Any]], ours.count == 1, utf8 {
                let apy = apyAll.filter { !Self.envelope.contains($0["id"] as? String ?? "") }
                let m = ours[0]
                #expect(
                    apy.map { $0["id"] as? String ?? "" } == m.segments.map(\.id), "\(entry.path): hl7apy segment ids")
                for (ps, s) in zip(apy, m.segments) {
                    for (key, value) in ps["fields"] as? [String: String] ?? [:] {
                        guard let n = Int(key) else { continue }
                        #expect(
                            Self.sameLeaves(s.field(n).raw, value, m.encoding),
                            "\(entry.path) \(s.id)-\(n): ours \(s.field(n).raw), hl7apy \(value)")
                    }
                }
                apyCompared += 1
            }
        }
        #expect(pyhl7Compared >= 25, "python-hl7 compared \(pyhl7Compared) messages")
        #expect(apyCompared >= 8, "hl7apy compared \(apyCompared) messages")
        #expect(componentCompared >= 300)
    }

    static let envelope: Set<String> = ["FHS", "BHS", "BTS", "FTS"]

    /// hl7apy re-encodes what it read through its own data type model: it drops empty components that
    /// its version's structure does not have and writes numbers canonically (`0001` → `1`). So the
    /// comparison is of the non-empty leaf values in order, numbers by value.
    static func sameLeaves(_ ours: String, _ theirs: String, _ enc: EncodingCharacters) -> Bool {
        let seps = Set([enc.component, enc.subcomponent, enc.repetition].map { Character(Unicode.Scalar($0)) })
        func leaves(_ s: String) -> [String] { s.split(whereSeparator: { seps.contains($0) }).map(String.init) }
        let a = leaves(ours)
        let b = leaves(theirs)
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in x == y || (Double(x) != nil && Double(x) == Double(y)) }
    }
}
