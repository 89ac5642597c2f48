import Foundation
import Testing

@testable import DICOM

/// Peak skin dose (PS3.16 CID 10061 Maximum Absorbed Radiation Dose with CID 10060 finding site Skin):
/// no corpus file carries one, so Oracle/make_skin_dose_reports.py writes two from a corpus RDSR with
/// pydicom (an X-Ray Radiation Dose SR with per-event and report-level skin doses and decoys, and a
/// Patient Radiation Dose SR, TID 10030); the summaries equal the pydicom extraction and the
/// hand-computed values.
@Suite struct SkinDoseOracleTests {
    struct Reports {
        let xRay: String
        let patient: String
    }

    static func write() throws -> Reports {
        let corpus = try Corpus.load()
        let source = try #require(corpus.entries.first { $0.path.hasSuffix("/RF-RDSR-Siemens-Zee.dcm") })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skin-dose-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = Self.oracle("make_skin_dose_reports.py")
        let made = try Tool.run(try Tool.python(), [script, corpus.url(source).path, directory.path])
        try #require(made.status == 0, "make_skin_dose_reports.py failed: \(made.err)")
        return Reports(
            xRay: directory.appendingPathComponent("xray-with-skin-dose.dcm").path,
            patient: directory.appendingPathComponent("patient-dose.dcm").path)
    }

    static func oracle(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Oracle/\(name)").path
    }

    static func near(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < 1e-9 * expected
    }

    @Test func skinDosesMatchPydicomExtraction() throws {
        let reports = try Self.write()
        let paths = [reports.xRay, reports.patient]
        let result = try Tool.run(try Tool.python(), [Self.oracle("pydicom_dose.py")] + paths)
        try #require(result.status == 0, "pydicom_dose.py failed: \(result.err)")
        let lines = result.out.split(separator: "\n")
        try #require(lines.count == 2)
        for (path, line) in zip(paths, lines) {
            let expected = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let actual = try JSONSerialization.jsonObject(
                with: Data(try DoseSummary(contentsOf: path).jsonString().utf8))
            var differences: [String] = []
            DoseOracleTests.compare(actual, expected, path: "", into: &differences)
            #expect(differences.isEmpty, "\(path):\n\(differences.prefix(20).joined(separator: "\n"))")
        }
    }

    @Test func skinDosesHandComputed() throws {
        let reports = try Self.write()
        let xRay = try DoseSummary(contentsOf: reports.xRay)
        #expect(xRay.source == .xRayRadiationDoseSR)
        // Event 1: 1.2 Gy → 1200 mGy; event 2: 1800 mGy (the 9000 mGy to the lung is not skin).
        #expect(Self.near(xRay.events.first?.peakSkinDose?.value, 1200))
        #expect(xRay.events.first?.peakSkinDose?.reportedUnit == "Gy")
        #expect(Self.near(xRay.events.dropFirst().first?.peakSkinDose?.value, 1800))
        #expect(xRay.events.dropFirst(2).allSatisfy { $0.peakSkinDose == nil })
        // The report-level estimate (2480 mGy) is the study's, not the highest event's or the mean.
        #expect(Self.near(xRay.totals.peakSkinDose, 2480))
        // The rest of the summary is unchanged by the added items.
        #expect(abs((xRay.totals.doseAreaProduct ?? 0) - 0.16) < 1e-9)

        let patient = try DoseSummary(contentsOf: reports.patient)
        #expect(patient.source == .patientRadiationDoseSR)
        #expect(patient.templateIdentifier == "10030")
        #expect(Self.near(patient.totals.peakSkinDose, 3100))
        #expect(patient.events.isEmpty)
        #expect(!patient.warnings.contains { $0.code == "dose.no-skin-dose" })
    }

    @Test func corpusReportsGiveNoSkinDose() throws {
        let corpus = try Corpus.load()
        for entry in corpus.entries(in: ["rdsr"]) {
            let summary = try DoseSummary(contentsOf: corpus.url(entry).path)
            #expect(summary.totals.peakSkinDose == nil, "\(entry.path)")
            #expect(summary.events.allSatisfy { $0.peakSkinDose == nil }, "\(entry.path)")
        }
    }
}
