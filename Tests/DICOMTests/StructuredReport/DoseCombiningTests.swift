import Testing

@testable import DICOM

/// Several reports of one study: cumulative ones are not counted twice, continued ones are added.
@Suite struct DoseCombiningTests {
    func summaries(_ names: [String]) throws -> [DoseSummary] {
        let corpus = try Corpus.load()
        return try names.map { name in
            let entry = try #require(corpus.entries.first { $0.path.hasSuffix("/" + name) })
            return try DoseSummary(contentsOf: corpus.url(entry).path)
        }
    }

    @Test func cumulativeReportsCountEachEventOnce() throws {
        let multi = try summaries([
            "CT-RDSR-Siemens-Multi-2.dcm", "CT-RDSR-Siemens-Multi-1.dcm", "CT-RDSR-Siemens-Multi-3.dcm",
        ])
        let combined = try #require(DoseSummary.combining(multi))
        #expect(combined.totals.ctDoseLengthProduct == multi[2].totals.ctDoseLengthProduct)
        #expect(combined.totals.ctDoseLengthProduct == 236.09)
        #expect(combined.events.count == 3)
        #expect(combined.warnings.filter { $0.code == "dose.superseded-report" }.count == 2)
    }

    @Test func continuedReportsAreAdded() throws {
        let continued = try summaries(["CT-RDSR-Siemens-Continued-1.dcm", "CT-RDSR-Siemens-Continued-2.dcm"])
        let combined = try #require(DoseSummary.combining(continued))
        let expected = (continued[0].totals.ctDoseLengthProduct ?? 0) + (continued[1].totals.ctDoseLengthProduct ?? 0)
        #expect(abs((combined.totals.ctDoseLengthProduct ?? 0) - expected) < 1e-9)
        #expect(abs(expected - 116.61) < 1e-9)
        #expect(combined.events.count == 4)
        #expect(combined.totals.numberOfIrradiationEvents == 4)
        #expect(!combined.warnings.contains { $0.code == "dose.superseded-report" })
    }

    @Test func resentReportIsCountedOnceAndNonDoseIsIgnored() throws {
        let reports = try summaries(["RF-RDSR-Siemens-Zee.dcm", "RF-RDSR-Siemens-Zee.dcm", "ESR_non-dose.dcm"])
        let combined = try #require(DoseSummary.combining(reports))
        #expect(combined.totals.doseAreaProduct == reports[0].totals.doseAreaProduct)
        #expect(combined.events.count == reports[0].events.count)
        #expect(DoseSummary.combining([reports[2]]) == nil)
        #expect(DoseSummary.combining([]) == nil)
    }
}
