import NIOCore
import Testing

@testable import DICOM

@Suite struct StructuredReportTests {
    typealias F = SRFixture

    /// A document with one item of every value type.
    static func everyValueType() throws -> DataSet {
        var image = DataSet()
        try image.set(.referencedSOPClassUID, string: "1.2.840.10008.5.1.4.1.1.2")
        try image.set(.referencedSOPInstanceUID, string: "1.2.3.9")
        try image.set(Tag(0x0008, 0x1160), vr: .IS, ints: [2, 5])
        var waveform = DataSet()
        try waveform.set(.referencedSOPClassUID, string: "1.2.840.10008.5.1.4.1.1.9.1.1")
        try waveform.set(.referencedSOPInstanceUID, string: "1.2.3.10")
        try waveform.set(Tag(0x0040, 0xA0B0), vr: .US, ints: [1, 1, 1, 2])
        let children: [DataSet] = [
            try F.text(F.dcm("121106", "Comment"), "hello"),
            try F.code(
                F.dcm("121058", "Procedure reported"), F.dcm("113704", "Projection X-Ray"),
                relationship: "HAS CONCEPT MOD"),
            try F.num(F.dcm("113722", "Dose Area Product Total"), "1.5e-05", unit: "Gy.m2"),
            try F.item("CONTAINS", "DATETIME", F.dcm("111526")) { try $0.set(.dateTime, string: "20240102030405") },
            try F.item("CONTAINS", "DATE", F.dcm("111060")) { try $0.set(.date, string: "20240102") },
            try F.item("CONTAINS", "TIME", F.dcm("111061")) { try $0.set(.time, string: "030405") },
            try F.uid(F.dcm("113769"), "1.2.3.4.5.6", relationship: "HAS OBS CONTEXT"),
            try F.item("HAS OBS CONTEXT", "PNAME", F.dcm("121008")) { try $0.set(.personName, string: "Doe^Jane") },
            try F.item("CONTAINS", "COMPOSITE", F.dcm("121112")) { item in
                var sop = DataSet()
                try sop.set(.referencedSOPClassUID, string: "1.2.840.10008.5.1.4.1.1.88.67")
                try sop.set(.referencedSOPInstanceUID, string: "1.2.3.8")
                item.set(Tag(0x0008, 0x1199), sequence: [sop])
            },
            try F.item("INFERRED FROM", "IMAGE", F.dcm("113795")) { $0.set(Tag(0x0008, 0x1199), sequence: [image]) },
            try F.item("SELECTED FROM", "WAVEFORM", nil) { $0.set(Tag(0x0008, 0x1199), sequence: [waveform]) },
            try F.item("CONTAINS", "SCOORD", F.dcm("111030")) { item in
                try item.set(Tag(0x0070, 0x0023), vr: .CS, string: "POLYLINE")
                try item.set(Tag(0x0070, 0x0022), vr: .FL, doubles: [1, 2, 3, 4])
            },
            try F.item("CONTAINS", "SCOORD3D", F.dcm("111030")) { item in
                try item.set(Tag(0x0070, 0x0023), vr: .CS, string: "POINT")
                try item.set(Tag(0x0070, 0x0022), vr: .FL, doubles: [1.5, 2.5, 3.5])
                try item.set(Tag(0x3006, 0x0024), vr: .UI, string: "1.2.3.77")
            },
            try F.item("HAS ACQ CONTEXT", "TCOORD", F.dcm("111031")) { item in
                try item.set(Tag(0x0040, 0xA130), vr: .CS, string: "SEGMENT")
                try item.set(Tag(0x0040, 0xA138), vr: .DS, doubles: [0.5, 1.25])
            },
            try F.container(
                "HAS PROPERTIES", F.dcm("113702", "Accumulated"), continuous: true,
                [
                    try F.num(F.dcm("113725", "Dose (RP) Total"), "0.003", unit: "Gy")
                ]),
        ]
        return try F.document(title: F.dcm("113701", "X-Ray Radiation Dose Report"), template: "10001", children)
    }

    @Test func decodesEveryValueType() throws {
        let report = try StructuredReport(dataSet: try Self.everyValueType())
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(report.templateIdentifier == "10001")
        #expect(report.mappingResource == "DCMR")
        let root = report.root
        #expect(root.valueType == .container)
        #expect(root.conceptName == CodedEntry("113701", "DCM", "X-Ray Radiation Dose Report"))
        #expect(root.children.count == 15)
        let items = root.children
        #expect(items[0].value == .text("hello"))
        #expect(items[1].relationship == .hasConceptModifier)
        #expect(items[1].code?.value == "113704")
        #expect(items[2].numericValue == 1.5e-05)
        #expect(items[2].units?.value == "Gy.m2")
        #expect(items[2].measuredValue?.numericText == "1.5e-05")
        #expect(items[3].value == .dateTime("20240102030405"))
        #expect(items[4].value == .date("20240102"))
        #expect(items[5].value == .time("030405"))
        #expect(items[6].value == .uidRef("1.2.3.4.5.6"))
        #expect(items[6].relationship == .hasObservationContext)
        #expect(items[7].textValue == PersonName("Doe^Jane").description)
        #expect(items[8].referencedSOP?.sopInstanceUID == "1.2.3.8")
        #expect(
            items[9].value
                == .image(
                    ReferencedSOP(
                        sopClassUID: "1.2.840.10008.5.1.4.1.1.2", sopInstanceUID: "1.2.3.9",
                        frameNumbers: [2, 5])))
        #expect(items[9].relationship == .inferredFrom)
        #expect(items[10].referencedSOP?.waveformChannels == [1, 1, 1, 2])
        #expect(items[10].relationship == .selectedFrom)
        #expect(items[10].conceptName == nil)
        #expect(items[11].value == .scoord(SpatialCoordinates(graphicType: "POLYLINE", graphicData: [1, 2, 3, 4])))
        #expect(
            items[12].value
                == .scoord3D(
                    SpatialCoordinates(
                        graphicType: "POINT", graphicData: [1.5, 2.5, 3.5],
                        frameOfReferenceUID: "1.2.3.77")))
        #expect(items[13].value == .tcoord(TemporalCoordinates(rangeType: "SEGMENT", timeOffsets: [0.5, 1.25])))
        #expect(items[13].relationship == .hasAcquisitionContext)
        #expect(items[14].value == .container(continuous: true))
        #expect(items[14].relationship == .hasProperties)
        #expect(items[14].children[0].position == [15, 1])
        #expect(items[14].children[0].path == "15.1")
        #expect(root.value == .container(continuous: false))
    }

    @Test func survivesWriteAndReadBack() throws {
        let dataSet = try Self.everyValueType()
        let file = DICOMFile(dataSet: dataSet, transferSyntax: .explicitVRLittleEndian)
        let bytes = try DICOMWriter().write(file)
        let reread = try DICOMReader().read(bytes)
        #expect(try StructuredReport(dataSet: reread.dataSet).root == StructuredReport(dataSet: dataSet).root)
    }

    @Test func codedEntriesKeepLongAndURNValues() throws {
        var long = DataSet()
        try long.set(.longCodeValue, string: "A-VERY-LONG-CODE-VALUE-BEYOND-16")
        try long.set(Tag(0x0008, 0x0102), string: "99LOCAL")
        try long.set(.codeMeaning, string: "Local")
        let entry = try #require(CodedEntry(item: long))
        #expect(entry.valueKind == .long)
        #expect(entry.value == "A-VERY-LONG-CODE-VALUE-BEYOND-16")
        var urn = DataSet()
        try urn.set(.urnCodeValue, string: "urn:lex:eu:council:directive:2013-59")
        try urn.set(.codeMeaning, string: "Directive")
        let urnEntry = try #require(CodedEntry(item: urn))
        #expect(urnEntry.valueKind == .urn)
        #expect(urnEntry.scheme.isEmpty)
        #expect(CodedEntry(item: try urnEntry.item()) == urnEntry)
        #expect(CodedEntry(item: DataSet()) == nil)
        #expect(CodedEntry("T-04030", "SRT").matches(CodedEntry("T-04030", "SCT")))
        #expect(!CodedEntry("113722", "DCM").matches(CodedEntry("113722", "99VENDOR")))
    }

    @Test func findsItemsByConceptPath() throws {
        let report = try StructuredReport(dataSet: try Self.everyValueType())
        let rp = report.root.first(path: [.dcm("113702"), .dcm("113725")])
        #expect(rp?.numericValue == 0.003)
        #expect(report.root.find(path: [.dcm("113702"), .dcm("999999")]).isEmpty)
        #expect(report.root.descendants(named: .dcm("111030")).count == 2)
        #expect(report.root.child(named: .dcm("113769"), relationship: .contains) == nil)
        #expect(report.root.child(named: .dcm("113769"), relationship: .hasObservationContext) != nil)
        var visited: [String] = []
        report.root.walk { item, depth in
            visited.append("\(depth):\(item.path)")
            return item.position != [15]
        }
        #expect(visited.first == "0:")
        #expect(visited.contains("1:15"))
        #expect(!visited.contains("2:15.1"), "walk skips children when the visitor says so")
        #expect(report.item(at: [15, 1])?.conceptName?.value == "113725")
        #expect(report.item(at: [16]) == nil)
        #expect(report.item(at: [0]) == nil)
    }

    @Test func resolvesByReferenceRelationships() throws {
        let dataSet = try F.document(
            title: F.dcm("126000", "Imaging Measurement Report"),
            [
                try F.container(
                    "CONTAINS", F.dcm("126010"),
                    [
                        try F.num(F.dcm("410668003", "Length"), "12", unit: "mm"),
                        try F.reference("INFERRED FROM", [1, 1]),
                    ]),
                try F.reference("INFERRED FROM", [1, 2]),
            ])
        let report = try StructuredReport(dataSet: dataSet)
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let byReference = try #require(report.item(at: [1, 2]))
        #expect(byReference.value == .reference)
        #expect(byReference.reference == [1, 1])
        #expect(report.resolve(byReference)?.numericValue == 12)
        // A chain of references (2 → 1.2 → 1.1) is followed to the end.
        #expect(report.resolve(try #require(report.item(at: [2])))?.numericValue == 12)
    }

    @Test func flagsDanglingAndCyclicReferencesWithoutHanging() throws {
        let dataSet = try F.document(
            title: F.dcm("126000"),
            [
                try F.container(
                    "CONTAINS", F.dcm("126010"),
                    [
                        try F.reference("INFERRED FROM", [1]),  // its own parent
                        try F.reference("INFERRED FROM", [3]),  // → 3 → 1.2: a loop
                    ]),
                try F.reference("INFERRED FROM", [9, 9]),  // nowhere
                try F.reference("INFERRED FROM", [1, 2]),
            ])
        let report = try StructuredReport(dataSet: dataSet)
        let codes = report.warnings.map(\.code)
        #expect(codes.filter { $0 == "sr.reference-cycle" }.count == 3)
        #expect(codes.contains("sr.dangling-reference"))
        #expect(report.resolve(try #require(report.item(at: [1, 2]))) == nil)
        #expect(report.resolve(try #require(report.item(at: [2]))) == nil)
        var count = 0
        report.root.walk { _, _ in
            count += 1
            return true
        }
        #expect(count == 6, "root, container, two references inside it, two at the top")
    }

    @Test func decodesMalformedContentLenientlyWithWarnings() throws {
        var nanMeasured = DataSet()
        try nanMeasured.set(.numericValue, string: "NaN")
        let dataSet = try F.document(
            title: F.dcm("113701"),
            [
                try F.num(F.dcm("113722"), "0.5", unit: nil),
                try F.item("CONTAINS", "NUM", F.dcm("113725")),
                try F.item("CONTAINS", "NUM", F.dcm("113738")) {
                    $0.set(.measuredValueSequence, sequence: [nanMeasured])
                },
                try F.item("CONTAINS", "BOGUS", F.dcm("1")),
                try F.item(nil, "TEXT", F.dcm("2")) { try $0.set(.textValue, string: "no relationship") },
                try F.item("CONTAINS", "TEXT", F.dcm("3")),
                try F.item("CONTAINS", "CODE", F.dcm("4")) { $0.set(.conceptCodeSequence, sequence: []) },
                try F.item("RELATES TO", "UIDREF", nil) { try $0.set(.uid, string: "1.2") },
                try F.item("CONTAINS", "SCOORD", F.dcm("5")) { item in
                    try item.set(Tag(0x0070, 0x0023), vr: .CS, string: "POINT")
                    try item.set(Tag(0x0070, 0x0022), vr: .FL, doubles: [1, 2, 3])
                },
            ])
        let report = try StructuredReport(dataSet: dataSet)
        let codes = Set(report.warnings.map(\.code))
        for expected in [
            "sr.missing-units", "sr.missing-measured-value", "sr.bad-numeric-value", "sr.unknown-value-type",
            "sr.bad-relationship", "sr.missing-value", "sr.bad-code", "sr.bad-coordinates",
        ] {
            #expect(codes.contains(expected), "expected warning \(expected) in \(report.warnings)")
        }
        let items = report.root.children
        #expect(items[0].numericValue == 0.5)
        #expect(items[0].units == nil)
        #expect(items[1].measuredValue == nil)
        #expect(items[2].numericValue == nil)
        #expect(items[2].measuredValue?.values == [])
        #expect(items[3].value == .unknown("BOGUS"))
        #expect(items[4].relationship == nil)
        #expect(items[4].value == .text("no relationship"))
        #expect(items[5].value == .unknown("TEXT"))
        #expect(items[7].relationship == nil)
        #expect(report.warnings.first { $0.code == "sr.missing-units" }?.path == "1")
    }

    @Test func refusesDataSetsThatAreNotStructuredReports() throws {
        var image = DataSet()
        try image.set(.modality, string: "CT")
        #expect(throws: DICOMError.self) { try StructuredReport(dataSet: image) }
    }

    @Test func limitsContentDepth() throws {
        var item = try F.text(F.dcm("deepest"), "x")
        for _ in 0..<(StructuredReport.maximumDepth + 5) {
            item = try F.container("CONTAINS", F.dcm("126010"), [item])
        }
        try item.set(.sopClassUID, string: "1.2.840.10008.5.1.4.1.1.88.11")
        item.remove(.relationshipType)
        let report = try StructuredReport(dataSet: item)
        #expect(report.warnings.contains { $0.code == "sr.too-deep" })
    }
}
