import Foundation

/// Everything a dose register needs from one DICOM object, in one typed value: a Radiation Dose
/// SR (X-Ray PS3.16 TID 10001/10011, Enhanced X-Ray TID 10040, Radiopharmaceutical TID 10021, Patient
/// Radiation Dose TID 10030) or the
/// dose attributes of an image header (PS3.3 §C.8.7.8 X-Ray Acquisition Dose, §C.4.16 Radiation Dose).
///
/// Quantities are normalised from each item's own unit to Gy·cm², mGy, mGy·cm, s, MBq (see
/// `DoseQuantity`); a unit that is missing or unknown leaves the value out and adds a warning.
/// Encodes to JSON with stable field names (`jsonString()`); absent values are omitted.
public struct DoseSummary: Sendable, Hashable, Codable {
    /// Where the dose information came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// X-Ray Radiation Dose SR (1.2.840.10008.5.1.4.1.1.88.67), or another SR class carrying
        /// an X-Ray Radiation Dose Report root (113701), as older GE "Enhanced SR" reports do.
        case xRayRadiationDoseSR = "xray-radiation-dose-sr"
        /// Enhanced X-Ray Radiation Dose SR (1.2.840.10008.5.1.4.1.1.88.76).
        case enhancedXRayRadiationDoseSR = "enhanced-xray-radiation-dose-sr"
        /// Radiopharmaceutical Radiation Dose SR (1.2.840.10008.5.1.4.1.1.88.68).
        case radiopharmaceuticalRadiationDoseSR = "radiopharmaceutical-radiation-dose-sr"
        /// Patient Radiation Dose SR (1.2.840.10008.5.1.4.1.1.88.73, PS3.16 TID 10030): dose estimates
        /// made from other reports, here its peak skin dose.
        case patientRadiationDoseSR = "patient-radiation-dose-sr"
        /// Dose attributes of an image (or MPPS-like) header.
        case imageHeader = "image-header"
        /// No dose information: an SR that is not a dose report, or an image without dose attributes.
        case none
    }

    /// The kind of procedure.
    public enum Procedure: String, Sendable, Hashable, Codable {
        /// Projection X-ray: radiography, fluoroscopy, interventional (113704).
        case projection
        /// Computed tomography (P5-08000 / 77477000).
        case ct
        /// Mammography (P5-40010 / 71651007).
        case mammography
        /// Nuclear medicine radiopharmaceutical administration.
        case radiopharmaceutical
    }

    /// Where the information came from.
    public var source: Source
    /// The kind of procedure, when known.
    public var procedure: Procedure?
    /// Template Identifier (0040,DB00) of the report root, e.g. `10001`, `10011`.
    public var templateIdentifier: String?
    /// Procedure Reported (121058) meaning.
    public var procedureReported: String?
    /// Device and study.
    public var context: DoseContext
    /// Totals in canonical units.
    public var totals: DoseTotals
    /// Accumulated dose data as reported, one entry per plane (projection, mammography) or the CT one.
    public var accumulated: [AccumulatedDose]
    /// Irradiation events in document order.
    public var events: [IrradiationEvent]
    /// Radiopharmaceutical administrations.
    public var administrations: [RadiopharmaceuticalAdministration]
    /// What was missing or odd. Codes starting `sr.` come from reading the content tree, `dose.` from extraction.
    public var warnings: [SRWarning]

    /// An empty summary from `source`.
    public init(source: Source) {
        self.source = source
        context = DoseContext()
        totals = DoseTotals()
        accumulated = []
        events = []
        administrations = []
        warnings = []
    }

    /// True when dose information was found.
    public var isDoseRecord: Bool { source != .none }

    /// Summarises a data set: a dose SR through its content tree, anything else through its header.
    public init(dataSet: DataSet) {
        if dataSet.contains(.contentSequence) || dataSet.string(.valueType) == "CONTAINER",
            let report = try? StructuredReport(dataSet: dataSet)
        {
            let summary = DoseReportExtractor().summary(of: report, dataSet: dataSet)
            // An image that merely carries a Content Sequence still has its header dose attributes.
            if summary.source == .none, dataSet.string(.modality) != "SR" {
                self = ImageHeaderDoseExtractor().summary(of: dataSet)
            } else {
                self = summary
            }
        } else {
            self = ImageHeaderDoseExtractor().summary(of: dataSet)
        }
    }

    /// Summarises a file.
    public init(file: DICOMFile) { self.init(dataSet: file.dataSet) }

    /// Reads a file (pixel data skipped) and summarises it.
    /// - Throws: `DICOMError` when the file cannot be read.
    public init(contentsOf path: String) throws {
        let file = try DICOMReader(options: .init(stopBefore: .pixelData)).read(contentsOf: path)
        self.init(file: file)
    }

    /// The summary as JSON, keys sorted.
    public func jsonString(prettyPrinted: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            prettyPrinted ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
