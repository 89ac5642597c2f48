import Foundation
import Testing

@testable import DICOM

@Suite struct DoseSummaryTests {
    typealias F = SRFixture

    static func projectionReport(unitOfDAP: String? = "Gy.m2") throws -> DataSet {
        func plane(_ meaning: String, dap: String, rp: String, fluoro: String) throws -> DataSet {
            try F.container(
                "CONTAINS", F.dcm("113702", "Accumulated X-Ray Dose Data"),
                [
                    try F.code(F.dcm("113764"), F.dcm("113623", meaning), relationship: "HAS CONCEPT MOD"),
                    try F.num(F.dcm("113722"), dap, unit: unitOfDAP),
                    try F.num(F.dcm("113725"), rp, unit: "Gy"),
                    try F.num(F.dcm("113730"), fluoro, unit: "min"),
                    try F.num(F.dcm("113731"), "3", unit: "1"),
                    try F.code(F.dcm("113780"), F.dcm("113860", "15cm from Isocenter toward Source")),
                ])
        }
        let event = try F.container(
            "CONTAINS", F.dcm("113706", "Irradiation Event X-Ray Data"),
            [
                try F.code(F.dcm("113764"), F.dcm("113622", "Plane A"), relationship: "HAS CONCEPT MOD"),
                try F.item("CONTAINS", "DATETIME", F.dcm("111526")) { try $0.set(.dateTime, string: "20240102030405") },
                try F.code(F.dcm("113721"), ("P5-06000", "SRT", "Fluoroscopy")),
                try F.text(F.dcm("125203"), "Abdomen"),
                try F.uid(F.dcm("113769"), "1.2.3.100"),
                try F.num(F.dcm("122130"), "25", unit: "dGy.cm2"),
                try F.num(F.dcm("113738"), "1.5", unit: "mGy"),
                try F.num(F.dcm("113733"), "80", unit: "kV"),
                try F.num(F.dcm("113734"), "200", unit: "mA"),
                try F.num(F.dcm("113735"), "50", unit: "ms"),
                try F.num(F.dcm("113736"), "10000", unit: "uA.s"),
                try F.num(F.dcm("113768"), "12", unit: "1"),
                try F.num(F.dcm("113793"), "8\\4\\4", unit: "ms"),
                try F.num(F.dcm("113845"), "300", unit: "1"),
                try F.num(F.dcm("113847"), "-0.5", unit: "1"),
            ])
        return try F.document(
            title: F.dcm("113701"), template: "10001",
            [
                try F.code(F.dcm("121058"), F.dcm("113704", "Projection X-Ray"), relationship: "HAS CONCEPT MOD"),
                try F.text(F.dcm("121014"), "ACME Medical", relationship: "HAS OBS CONTEXT"),
                try F.item("HAS OBS CONTEXT", "DATETIME", F.dcm("113809")) {
                    try $0.set(.dateTime, string: "20240102")
                },
                try F.code(
                    F.dcm("113705"), F.dcm("113014", "Study"), relationship: "HAS OBS CONTEXT",
                    children: [try F.uid(F.dcm("110180"), "1.2.3.4", relationship: "HAS PROPERTIES")]),
                try plane("Plane A", dap: "1.0e-4", rp: "0.010", fluoro: "2"),
                try plane("Plane B", dap: "5e-5", rp: "0.005", fluoro: "1"),
                event,
            ])
    }

    @Test func biplaneProjectionReportIsSummedOverPlanes() throws {
        let summary = DoseSummary(dataSet: try Self.projectionReport())
        #expect(summary.source == .xRayRadiationDoseSR)
        #expect(summary.procedure == .projection)
        #expect(summary.templateIdentifier == "10001")
        #expect(summary.procedureReported == "Projection X-Ray")
        #expect(summary.accumulated.map(\.plane) == ["Plane A", "Plane B"])
        #expect(abs((summary.totals.doseAreaProduct ?? 0) - 1.5) < 1e-12)
        #expect(abs((summary.totals.doseRP ?? 0) - 15) < 1e-12)
        #expect(summary.totals.fluoroTime == 180)
        #expect(summary.totals.numberOfRadiographicFrames == 6)
        #expect(summary.totals.numberOfIrradiationEvents == 1)
        #expect(summary.accumulated[0].referencePointDefinition == "15cm from Isocenter toward Source")
        #expect(summary.context.deviceObserverManufacturer == "ACME Medical")
        #expect(summary.context.startOfIrradiation == "20240102")
        #expect(summary.context.scopeOfAccumulation == "Study")
        #expect(summary.context.scopeUID == "1.2.3.4")
        #expect(summary.context.accessionNumber == "ACC1")
        let event = try #require(summary.events.first)
        #expect(event.eventType == "Fluoroscopy")
        #expect(event.acquisitionPlane == "Plane A")
        #expect(event.acquisitionProtocol == "Abdomen")
        #expect(event.uid == "1.2.3.100")
        #expect(
            event.doseAreaProduct
                == DoseQuantity(value: 2.5, unit: "Gy.cm2", reportedValue: 25, reportedUnit: "dGy.cm2"))
        #expect(event.doseRP?.value == 1.5)
        #expect(event.kvp?.value == 80)
        #expect(event.tubeCurrent?.value == 200)
        #expect(event.exposureTime?.value == 0.05)
        #expect(event.exposure?.value == 10)
        #expect(event.numberOfPulses == 12)
        let report = try StructuredReport(dataSet: try Self.projectionReport())
        let pulseWidth = try #require(report.root.first(path: [.dcm("113706"), .dcm("113793")]))
        #expect(pulseWidth.measuredValue?.values == [8, 4, 4])
        #expect(pulseWidth.numericValue == 8)
        #expect(report.warnings.map(\.code) == ["sr.multiple-numeric-values"])
        #expect(event.exposureIndex == 300)
        #expect(event.deviationIndex == -0.5)
        #expect(summary.warnings.map(\.code) == ["sr.multiple-numeric-values"])
    }

    @Test func missingUnitsAreReportedNeverAssumed() throws {
        let summary = DoseSummary(dataSet: try Self.projectionReport(unitOfDAP: nil))
        #expect(summary.totals.doseAreaProduct == nil)
        #expect(summary.accumulated[0].doseAreaProduct?.reportedValue == 1e-4)
        #expect(summary.accumulated[0].doseAreaProduct?.value == nil)
        #expect(summary.warnings.contains { $0.code == "dose.unit" })
        #expect(summary.warnings.contains { $0.code == "sr.missing-units" })
    }

    static func ctReport(phantom: SRFixture.Code?) throws -> DataSet {
        var doseItems = [
            try F.num(F.dcm("113830"), "12.5", unit: "mGy"),
            try F.num(F.dcm("113838"), "40", unit: "mGy.mm"),
        ]
        if let phantom { doseItems.append(try F.code(F.dcm("113835"), phantom)) }
        return try F.document(
            title: F.dcm("113701"), template: "10011",
            [
                try F.code(
                    F.dcm("121058"), ("77477000", "SCT", "Computed Tomography X-Ray"), relationship: "HAS CONCEPT MOD"),
                try F.container(
                    "CONTAINS", F.dcm("113811"),
                    [
                        try F.num(F.dcm("113812"), "1", unit: "{events}"),
                        try F.num(F.dcm("113813"), "0.4", unit: "cGy.cm"),
                    ]),
                try F.container(
                    "CONTAINS", F.dcm("113819"),
                    [
                        try F.text(F.dcm("125203"), "Head"),
                        try F.code(F.dcm("113820"), ("P5-08001", "SRT", "Spiral Acquisition")),
                        try F.container(
                            "CONTAINS", F.dcm("113822"),
                            [
                                try F.num(F.dcm("113824"), "5000", unit: "ms"),
                                try F.num(F.dcm("113825"), "16", unit: "cm"),
                                try F.num(F.dcm("113828"), "0.9", unit: "{ratio}"),
                                try F.container(
                                    "CONTAINS", F.dcm("113831"),
                                    [
                                        try F.text(F.dcm("113832"), "A"),
                                        try F.num(F.dcm("113733"), "120", unit: "kV"),
                                        try F.num(F.dcm("113734"), "0.3", unit: "A"),
                                    ]),
                                try F.container(
                                    "CONTAINS", F.dcm("113831"),
                                    [
                                        try F.text(F.dcm("113832"), "B"),
                                        try F.num(F.dcm("113733"), "100", unit: "kV"),
                                    ]),
                            ]),
                        try F.container("CONTAINS", F.dcm("113829"), doseItems),
                    ]),
            ])
    }

    @Test func ctReportGivesCTDIvolPhantomAndDLP() throws {
        let summary = DoseSummary(dataSet: try Self.ctReport(phantom: F.dcm("113690", "IEC Head Dosimetry Phantom")))
        #expect(summary.procedure == .ct)
        #expect(summary.totals.ctDoseLengthProduct == 4)
        #expect(summary.totals.numberOfIrradiationEvents == 1)
        let event = try #require(summary.events.first)
        #expect(event.ctdiVol?.value == 12.5)
        #expect(event.dlp?.value == 4)
        #expect(event.phantomDiameter == 16)
        #expect(event.phantomType == "IEC Head Dosimetry Phantom")
        #expect(event.scanningLength?.value == 160)
        #expect(event.exposureTime?.value == 5)
        #expect(event.pitchFactor == 0.9)
        #expect(event.acquisitionProtocol == "Head")
        #expect(event.ctAcquisitionType == "Spiral Acquisition")
        #expect(event.xRaySources.map(\.identification) == ["A", "B"])
        #expect(event.kvp?.value == 120)
        #expect(event.tubeCurrent?.value == 300)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")

        let noPhantom = DoseSummary(dataSet: try Self.ctReport(phantom: nil))
        #expect(noPhantom.events.first?.phantomDiameter == nil)
        #expect(noPhantom.warnings.contains { $0.code == "dose.missing-phantom" })
    }

    @Test func mammographyAccumulatedDosePerBreast() throws {
        let dataSet = try F.document(
            title: F.dcm("113701"),
            [
                try F.code(F.dcm("121058"), ("71651007", "SCT", "Mammography"), relationship: "HAS CONCEPT MOD"),
                try F.container(
                    "CONTAINS", F.dcm("113702"),
                    [
                        try F.num(
                            F.dcm("111637"), "1.2", unit: "mGy",
                            children: [
                                try F.code(
                                    ("272741003", "SCT", "Laterality"), ("80248007", "SCT", "Left breast"),
                                    relationship: "HAS CONCEPT MOD")
                            ]),
                        try F.num(
                            F.dcm("111637"), "1400", unit: "uGy",
                            children: [
                                try F.code(
                                    ("G-C171", "SRT", "Laterality"), ("T-04020", "SRT", "Right breast"),
                                    relationship: "HAS CONCEPT MOD")
                            ]),
                    ]),
                try F.container(
                    "CONTAINS", F.dcm("113706"),
                    [
                        try F.code(
                            ("T-D0005", "SRT", "Anatomical structure"), ("T-04000", "SRT", "Breast"),
                            children: [
                                try F.code(
                                    ("G-C171", "SRT", "Laterality"), ("G-A101", "SRT", "Left"),
                                    relationship: "HAS CONCEPT MOD")
                            ]),
                        try F.num(F.dcm("111631"), "1.2", unit: "mGy"),
                        try F.num(F.dcm("111636"), "4", unit: "mGy"),
                    ]),
            ])
        let summary = DoseSummary(dataSet: dataSet)
        #expect(summary.procedure == .mammography)
        #expect(summary.totals.averageGlandularDose.map(\.laterality) == ["left", "right"])
        #expect(summary.totals.averageGlandularDose.map(\.dose.value) == [1.2, 1.4])
        #expect(summary.events.first?.laterality == "left")
        #expect(summary.events.first?.averageGlandularDose?.value == 1.2)
        #expect(summary.events.first?.entranceDose?.value == 4)
    }

    @Test func radiopharmaceuticalAdministeredActivity() throws {
        let dataSet = try F.document(
            title: F.dcm("113500", "Radiopharmaceutical Radiation Dose Report"),
            sopClassUID: "1.2.840.10008.5.1.4.1.1.88.68",
            [
                try F.container(
                    "CONTAINS", F.dcm("113502", "Radiopharmaceutical Administration"),
                    [
                        try F.code(
                            ("349358000", "SCT", "Radiopharmaceutical agent"),
                            ("C-163A8", "SRT", "Fluorodeoxyglucose F^18^")),
                        try F.code(("89457008", "SCT", "Radionuclide"), ("C-111A1", "SRT", "^18^Fluorine")),
                        try F.num(F.dcm("113507", "Administered activity"), "10", unit: "mCi"),
                        try F.item("CONTAINS", "DATETIME", F.dcm("123003")) {
                            try $0.set(.dateTime, string: "20240102101500")
                        },
                        try F.code(
                            ("410675002", "SCT", "Route of administration"), ("G-D101", "SRT", "Intravenous route")),
                        try F.uid(F.dcm("113769"), "1.2.3.200"),
                    ])
            ])
        let summary = DoseSummary(dataSet: dataSet)
        #expect(summary.source == .radiopharmaceuticalRadiationDoseSR)
        #expect(summary.procedure == .radiopharmaceutical)
        let administration = try #require(summary.administrations.first)
        #expect(administration.agent == "Fluorodeoxyglucose F^18^")
        #expect(administration.radionuclide == "^18^Fluorine")
        #expect(administration.administeredActivity?.value == 370)
        #expect(administration.startDateTime == "20240102101500")
        #expect(administration.route == "Intravenous route")
        #expect(administration.uid == "1.2.3.200")
        #expect(summary.totals.administeredActivity == 370)
    }

    @Test func enhancedXRayDoseSRIsRecognised() throws {
        var dataSet = try Self.ctReport(phantom: F.dcm("113691", "IEC Body Dosimetry Phantom"))
        try dataSet.set(.sopClassUID, string: "1.2.840.10008.5.1.4.1.1.88.76")
        let summary = DoseSummary(dataSet: dataSet)
        #expect(summary.source == .enhancedXRayRadiationDoseSR)
        #expect(summary.events.first?.phantomDiameter == 32)
    }

    @Test func malformedDoseReportsAreSummarisedWithWarnings() throws {
        let dataSet = try F.document(
            title: F.dcm("113701"),
            [
                try F.container(
                    "CONTAINS", F.dcm("113702"),
                    [
                        try F.text(F.dcm("113722"), "lots"),
                        try F.item("CONTAINS", "NUM", F.dcm("113725")),
                        try F.num(F.dcm("113730"), "12", unit: "parsecs"),
                        try F.reference("INFERRED FROM", [1]),
                    ]),
                try F.reference("INFERRED FROM", [3]),
                try F.reference("INFERRED FROM", [2]),
            ])
        let summary = DoseSummary(dataSet: dataSet)
        #expect(summary.source == .xRayRadiationDoseSR)
        #expect(summary.totals.doseAreaProduct == nil)
        #expect(summary.totals.doseRP == nil)
        #expect(summary.totals.fluoroTime == nil)
        let codes = Set(summary.warnings.map(\.code))
        for expected in [
            "dose.wrong-value-type", "dose.unit", "sr.missing-measured-value", "sr.reference-cycle", "dose.no-events",
            "dose.missing-total",
        ] {
            #expect(codes.contains(expected), "expected \(expected) in \(summary.warnings)")
        }
    }

    @Test func notADoseReport() throws {
        let dataSet = try F.document(
            title: F.dcm("126000", "Imaging Measurement Report"),
            [
                try F.text(F.dcm("121106"), "nothing about dose")
            ])
        let summary = DoseSummary(dataSet: dataSet)
        #expect(summary.source == .none)
        #expect(!summary.isDoseRecord)
        #expect(summary.warnings.map(\.code) == ["dose.not-a-dose-report"])
    }

    @Test func imageHeaderDoseAttributes() throws {
        var image = DataSet()
        try image.set(.modality, string: "MG")
        try image.set(.manufacturer, string: "ACME")
        try image.set(.acquisitionDate, string: "20240102")
        try image.set(.acquisitionTime, string: "101010")
        try image.set(.kvp, vr: .DS, doubles: [28])
        try image.set(Tag(0x0018, 0x8151), vr: .DS, doubles: [100_000])
        try image.set(Tag(0x0018, 0x8150), vr: .DS, doubles: [850_000])
        try image.set(.exposureInuAs, vr: .IS, ints: [85_000])
        try image.set(.imageAndFluoroscopyAreaDoseProduct, vr: .DS, doubles: [1.5])
        try image.set(Tag(0x0040, 0x0302), vr: .US, ints: [1])
        try image.set(Tag(0x0040, 0x0316), vr: .DS, doubles: [0.013])
        try image.set(Tag(0x0020, 0x0062), vr: .CS, string: "R")
        try image.set(Tag(0x0040, 0x0300), vr: .US, ints: [0])
        let summary = DoseSummary(dataSet: image)
        #expect(summary.source == .imageHeader)
        #expect(summary.procedure == .mammography)
        #expect(summary.context.acquisitionDateTime == "20240102101010")
        let event = try #require(summary.events.first)
        #expect(event.kvp?.value == 28)
        #expect(event.tubeCurrent?.value == 100)
        #expect(event.exposureTime?.value == 0.85)
        #expect(event.exposure?.value == 85)
        #expect(abs((event.doseAreaProduct?.value ?? 0) - 0.15) < 1e-12)
        #expect(event.doseAreaProduct?.reportedUnit == "dGy.cm2")
        #expect(event.entranceDose?.value == 100)
        #expect(abs((event.averageGlandularDose?.value ?? 0) - 1.3) < 1e-12)
        #expect(event.laterality == "right")
        #expect(summary.totals.averageGlandularDose.map(\.laterality) == ["right"])
        #expect(summary.totals.fluoroTime == 0)

        var ctImage = DataSet()
        try ctImage.set(.modality, string: "CT")
        try ctImage.set(.ctdiVol, vr: .FD, doubles: [9.5])
        var exposure = DataSet()
        try exposure.set(.kvp, vr: .DS, doubles: [120])
        try exposure.set(.ctdiVol, vr: .FD, doubles: [7.25])
        ctImage.set(Tag(0x0040, 0x030E), sequence: [exposure])
        let ct = DoseSummary(dataSet: ctImage)
        #expect(ct.events.map { $0.ctdiVol?.value } == [9.5, 7.25])
        #expect(ct.totals.numberOfIrradiationEvents == 2)

        var plain = DataSet()
        try plain.set(.modality, string: "MR")
        let none = DoseSummary(dataSet: plain)
        #expect(none.source == .none)
        #expect(none.warnings.map(\.code) == ["dose.no-dose-attributes"])
    }

    @Test func jsonHasStableFieldNamesAndRoundTrips() throws {
        let summary = DoseSummary(dataSet: try Self.projectionReport())
        let json = try summary.jsonString()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["source", "procedure", "context", "totals", "accumulated", "events"]))
        let totals = try #require(object["totals"] as? [String: Any])
        #expect((totals["doseAreaProduct"] as? NSNumber)?.doubleValue == summary.totals.doseAreaProduct)
        #expect(json.contains("\"reportedUnit\" : \"Gy.m2\""))
        let decoded = try JSONDecoder().decode(DoseSummary.self, from: Data(json.utf8))
        #expect(decoded == summary)
    }

    @Test func oracleComparisonDetectsDifferences() {
        var differences: [String] = []
        DoseOracleTests.compare(
            ["a": 1.0, "b": ["x", "y"], "warnings": ["ignored"], "c": NSNull()] as [String: Any],
            ["a": 1.0000001, "b": ["x", "y"]] as [String: Any], path: "", into: &differences)
        #expect(differences.isEmpty, "\(differences)")
        DoseOracleTests.compare(
            ["a": 1.0, "b": ["x"]] as [String: Any], ["a": 1.01, "b": ["x", "z"], "d": "e"] as [String: Any],
            path: "", into: &differences)
        #expect(differences.count == 3, "\(differences)")
    }
}
