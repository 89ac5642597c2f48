import Testing

@testable import DICOM

@Suite struct ContentItemEncodingTests {
    @Test func handBuiltTreeRoundTrips() throws {
        let report = try StructuredReport(dataSet: try StructuredReportTests.everyValueType())
        let encoded = try report.root.dataSet()
        #expect(try StructuredReport(dataSet: encoded).root == report.root)
    }

    @Test func builtInCodeDecodesToTheSameTree() throws {
        let root = ContentItem(
            relationship: nil, valueType: .container, conceptName: .dcm("113701", "X-Ray Radiation Dose Report"),
            value: .container(continuous: false), position: [],
            children: [
                ContentItem(
                    relationship: .contains, valueType: .container, conceptName: .dcm("113702"),
                    value: .container(continuous: true), position: [1],
                    children: [
                        ContentItem(
                            relationship: .contains, valueType: .num,
                            conceptName: .dcm("113722", "Dose Area Product Total"),
                            value: .num(
                                MeasuredValue(value: 1.6e-5, units: CodedEntry("Gy.m2", "UCUM", "Gy.m2")),
                                qualifier: nil),
                            position: [1, 1])
                    ]),
                ContentItem(
                    relationship: .inferredFrom, valueType: nil, conceptName: nil, value: .reference,
                    reference: [1, 1], position: [2]),
            ])
        let report = try StructuredReport(dataSet: try root.dataSet())
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(report.root.children[0].children[0].numericValue == 1.6e-5)
        #expect(report.resolve(report.root.children[1])?.units?.value == "Gy.m2")
        #expect(abs((DoseSummary(dataSet: try root.dataSet()).totals.doseAreaProduct ?? 0) - 0.16) < 1e-12)
    }

    /// Every corpus dose report decodes, encodes and decodes again to the same tree.
    @Test func corpusDoseReportsRoundTrip() throws {
        let corpus = try Corpus.load()
        var checked = 0
        for entry in corpus.entries(in: ["rdsr", "dose-image"]) {
            guard
                let file = try? DICOMReader(options: .init(stopBefore: .pixelData)).read(
                    contentsOf: corpus.url(entry).path),
                let report = try? StructuredReport(dataSet: file.dataSet)
            else { continue }
            let encoded = try report.root.dataSet(characterSet: file.dataSet.characterSet)
            let again = try StructuredReport(dataSet: encoded)
            let difference = Self.firstDifference(again.root, report.root)
            #expect(difference == nil, "\(entry.path): \(difference ?? "")")
            checked += 1
        }
        #expect(checked >= 29)
    }

    /// The path and values of the first item that differs, or nil.
    static func firstDifference(_ a: ContentItem, _ b: ContentItem) -> String? {
        if a.children.count != b.children.count {
            return "\(a.path): \(a.children.count) children vs \(b.children.count)"
        }
        var shallowA = a
        var shallowB = b
        shallowA.children = []
        shallowB.children = []
        if shallowA != shallowB { return "\(a.path): \(shallowA) vs \(shallowB)" }
        for (childA, childB) in zip(a.children, b.children) {
            if let difference = firstDifference(childA, childB) { return difference }
        }
        return nil
    }
}
