import Foundation
import Testing

@testable import DICOM

/// The dose summary of every `rdsr` and `dose-image` corpus file equals an independent extraction
/// written with pydicom (Oracle/pydicom_dose.py): totals, per-event values and units, within 1e-6.
@Suite struct DoseOracleTests {
    static let relativeTolerance = 1e-6

    @Test func rdsrFilesMatchPydicomExtraction() throws {
        let corpus = try Corpus.load()
        let entries = corpus.entries(in: ["rdsr"])
        #expect(entries.count == 28, "the manifest lists 28 rdsr files")
        try compareWithOracle(corpus, entries)
    }

    @Test func doseImageFilesMatchPydicomExtraction() throws {
        let corpus = try Corpus.load()
        let entries = corpus.entries(in: ["dose-image"])
        #expect(!entries.isEmpty)
        try compareWithOracle(corpus, entries)
    }

    /// Hand-checked values so the comparison cannot pass by both sides being empty.
    @Test func knownValuesFromCorpus() throws {
        let corpus = try Corpus.load()
        func summary(_ name: String) throws -> DoseSummary {
            let entry = try #require(corpus.entries.first { $0.path.hasSuffix("/" + name) })
            return try DoseSummary(contentsOf: corpus.url(entry).path)
        }
        let zee = try summary("RF-RDSR-Siemens-Zee.dcm")
        #expect(zee.source == .xRayRadiationDoseSR)
        #expect(zee.procedure == .projection)
        // 1.6e-5 Gy·m² written with the non-UCUM unit "Gym2".
        #expect(abs((zee.totals.doseAreaProduct ?? 0) - 0.16) < 1e-9)
        #expect(abs((zee.totals.doseRP ?? 0) - 2.52) < 1e-9)
        #expect(zee.totals.fluoroTime == 28)
        #expect(abs((zee.events.first?.exposure?.value ?? 0) - 9.586) < 1e-9)

        let multi = try summary("CT-RDSR-Siemens-Multi-2.dcm")
        #expect(multi.procedure == .ct)
        #expect(multi.totals.ctDoseLengthProduct == 77.27)
        #expect(multi.events.count == 2)
        #expect(multi.events.last?.ctdiVol?.value == 8.13)
        #expect(multi.events.last?.phantomDiameter == 32)
        #expect(multi.context.manufacturer == "SIEMENS")

        let hologic = try summary("MG-RDSR-Hologic_2D.dcm")
        #expect(hologic.procedure == .mammography)
        #expect(hologic.totals.averageGlandularDose.map(\.laterality) == ["left", "right"])
        #expect(hologic.totals.averageGlandularDose.first?.dose.value == 1.30)

        let nonDose = try summary("ESR_non-dose.dcm")
        #expect(nonDose.source == .none)
        #expect(nonDose.warnings.contains { $0.code == "dose.not-a-dose-report" })

        let drx = try summary("DX-Im-Carestream_DRX.dcm")
        #expect(drx.source == .imageHeader)
        #expect(abs((drx.totals.doseAreaProduct ?? 0) - 0.0633) < 1e-12)
        #expect(drx.events.first?.exposure?.value == 1.0)
        #expect(drx.events.first?.deviationIndex == 0.55)

        let canon = try summary("DX-RDSR-Canon_CXDI.dcm")
        #expect(canon.warnings.contains { $0.code == "sr.missing-measured-value" })
        #expect(canon.totals.doseRP == nil)
    }

    private func compareWithOracle(_ corpus: Corpus, _ entries: [Corpus.Entry]) throws {
        let python = try Tool.python()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Oracle/pydicom_dose.py").path
        let paths = entries.map { corpus.url($0).path }
        let result = try Tool.run(python, [script] + paths)
        try #require(result.status == 0, "pydicom_dose.py failed: \(result.err)")
        let lines = result.out.split(separator: "\n")
        try #require(lines.count == entries.count, "oracle printed \(lines.count) summaries for \(entries.count) files")
        for (entry, line) in zip(entries, lines) {
            let expected = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let summary: DoseSummary
            do {
                summary = try DoseSummary(contentsOf: corpus.url(entry).path)
            } catch {
                Issue.record("\(entry.path): the reader refused a file pydicom reads: \(error)")
                continue
            }
            let actual = try JSONSerialization.jsonObject(with: Data(try summary.jsonString().utf8))
            var differences: [String] = []
            Self.compare(actual, expected, path: "", into: &differences)
            #expect(differences.isEmpty, "\(entry.path):\n\(differences.prefix(20).joined(separator: "\n"))")
        }
    }

    /// Recursive comparison; absent and null are the same; `warnings` (ours only) is ignored.
    static func compare(_ actual: Any?, _ expected: Any?, path: String, into differences: inout [String]) {
        let actual = actual is NSNull ? nil : actual
        let expected = expected is NSNull ? nil : expected
        switch (actual, expected) {
        case (nil, nil):
            return
        case (let a as [String: Any], let e as [String: Any]):
            for key in Set(a.keys).union(e.keys).sorted() where key != "warnings" {
                compare(a[key], e[key], path: path + "." + key, into: &differences)
            }
        case (let a as [Any], let e as [Any]):
            guard a.count == e.count else {
                differences.append("\(path): \(a.count) entries, pydicom \(e.count)")
                return
            }
            for index in a.indices { compare(a[index], e[index], path: "\(path)[\(index)]", into: &differences) }
        case (let a as String, let e as String):
            if a.trimmingCharacters(in: .whitespaces) != e.trimmingCharacters(in: .whitespaces) {
                differences.append("\(path): '\(a)' vs pydicom '\(e)'")
            }
        case (let a as NSNumber, let e as NSNumber):
            let x = a.doubleValue
            let y = e.doubleValue
            if abs(x - y) > relativeTolerance * max(abs(x), abs(y)) && abs(x - y) > 1e-300 {
                differences.append("\(path): \(x) vs pydicom \(y)")
            }
        default:
            differences.append("\(path): \(String(describing: actual)) vs pydicom \(String(describing: expected))")
        }
    }
}
