import Foundation

/// One source's account of an exam's irradiation: an RDSR (one per SOP instance), the MPPS (one per
/// performed procedure step), the image headers of a series (one per series), or the operator's
/// entry (one per exam, replaced when corrected). Kept whole whatever the register chooses, so a
/// disagreement can always be shown. Keyed by `source` and `sourceUID`.
public struct DoseReport: Sendable, Codable, Equatable {
    public var source: DoseSource
    /// SOP Instance UID of the RDSR; MPPS SOP Instance UID; Series Instance UID for headers;
    /// "entry:<exam id>" for the operator's entry.
    public var sourceUID: String
    /// The DICOM document kind: "xray-radiation-dose-sr", "enhanced-xray-radiation-dose-sr",
    /// "radiopharmaceutical-radiation-dose-sr", "image-header"; nil for MPPS and entry.
    public var documentKind: String?
    public var procedure: DoseProcedure?
    /// The exam it belongs to; nil while its study waits on the reconciliation list.
    public var examID: UUID?
    public var studyInstanceUID: String?
    public var accessionNumber: String?
    /// The modality performed procedure step the object names (Referenced Performed Procedure Step
    /// Sequence (0008,1111), PS3.3 §C.7.3.1): links an RDSR to its exam when neither the accession number
    /// nor the Study Instance UID does.
    public var performedProcedureStepUID: String?
    /// Modality (0008,0060) of the object.
    public var modality: String?
    public var equipment: DoseEquipment
    public var totals: DoseRecordTotals
    public var events: [DoseEvent]
    public var administrations: [RadiopharmaceuticalDose]
    /// What was missing or odd in the source (units absent or unknown, totals missing…), in words.
    public var warnings: [String]
    public var receivedAt: Date
    /// Who or what delivered it (the DICOM peer's AE title, the user name).
    public var receivedFrom: String

    public init(
        source: DoseSource, sourceUID: String, documentKind: String? = nil, procedure: DoseProcedure? = nil,
        examID: UUID? = nil, studyInstanceUID: String? = nil, accessionNumber: String? = nil,
        modality: String? = nil, equipment: DoseEquipment = DoseEquipment(),
        totals: DoseRecordTotals = DoseRecordTotals(),
        events: [DoseEvent] = [], administrations: [RadiopharmaceuticalDose] = [], warnings: [String] = [],
        receivedAt: Date, receivedFrom: String
    ) {
        self.source = source
        self.sourceUID = sourceUID
        self.documentKind = documentKind
        self.procedure = procedure
        self.examID = examID
        self.studyInstanceUID = studyInstanceUID
        self.accessionNumber = accessionNumber
        self.modality = modality
        self.equipment = equipment
        self.totals = totals
        self.events = events
        self.administrations = administrations
        self.warnings = warnings
        self.receivedAt = receivedAt
        self.receivedFrom = receivedFrom
    }
}
