import Foundation

/// The dose record of one exam: every source received, the figures chosen from them by precedence
/// (``DoseSource``: RDSR over MPPS over image headers over entry), where they disagree, and how the
/// exam compares with its reference levels. Rebuilt by ``DoseRecordBuilder`` whenever a source
/// arrives or a reference level changes; carried by the exam (`Exam.dose`, `GET /api/exams/{id}`).
public struct ExamDoseRecord: Sendable, Codable, Equatable {
    public var examID: UUID
    public var patientID: UUID
    public var examCode: String
    public var modality: Modality
    /// The room the exam was performed in, when it was started.
    public var roomID: UUID?
    /// Who performed the exam (its operator when it was started), for the dose per operator; nil while the exam
    /// has not been started or names no operator.
    public var operatorStaffID: UUID?
    /// When the exam started (or, failing that, when the first source arrived).
    public var performedAt: Date
    /// Every source's report, in order of precedence then arrival.
    public var reports: [DoseReport]
    /// The source the totals and events are taken from; nil while no source gave a figure.
    public var source: DoseSource?
    public var procedure: DoseProcedure?
    /// Chosen totals. A total the chosen source lacks is taken from the next source that has it
    /// (`filledFrom` names which).
    public var totals: DoseRecordTotals
    /// Metric raw value → the lower-precedence source a total was filled from.
    public var filledFrom: [String: DoseSource]
    /// Irradiation events of the chosen source.
    public var events: [DoseEvent]
    public var administrations: [RadiopharmaceuticalDose]
    /// The equipment the chosen source names.
    public var equipment: DoseEquipment
    public var discrepancies: [DoseDiscrepancy]
    public var comparisons: [DoseComparison]
    /// The exam's dose alerts, open and acknowledged (shown at image check).
    public var alerts: [DoseAlert]
    public var updatedAt: Date

    public init(
        examID: UUID, patientID: UUID, examCode: String, modality: Modality, roomID: UUID?,
        operatorStaffID: UUID? = nil, performedAt: Date, reports: [DoseReport] = [], source: DoseSource? = nil,
        procedure: DoseProcedure? = nil,
        totals: DoseRecordTotals = DoseRecordTotals(), filledFrom: [String: DoseSource] = [:], events: [DoseEvent] = [],
        administrations: [RadiopharmaceuticalDose] = [], equipment: DoseEquipment = DoseEquipment(),
        discrepancies: [DoseDiscrepancy] = [], comparisons: [DoseComparison] = [], alerts: [DoseAlert] = [],
        updatedAt: Date
    ) {
        self.alerts = alerts
        self.examID = examID
        self.patientID = patientID
        self.examCode = examCode
        self.modality = modality
        self.roomID = roomID
        self.operatorStaffID = operatorStaffID
        self.performedAt = performedAt
        self.reports = reports
        self.source = source
        self.procedure = procedure
        self.totals = totals
        self.filledFrom = filledFrom
        self.events = events
        self.administrations = administrations
        self.equipment = equipment
        self.discrepancies = discrepancies
        self.comparisons = comparisons
        self.updatedAt = updatedAt
    }

    /// Decodes records written before a member was added too (collections default to empty).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        examID = try c.decode(UUID.self, forKey: .examID)
        patientID = try c.decode(UUID.self, forKey: .patientID)
        examCode = try c.decode(String.self, forKey: .examCode)
        modality = try c.decode(Modality.self, forKey: .modality)
        roomID = try c.decodeIfPresent(UUID.self, forKey: .roomID)
        operatorStaffID = try c.decodeIfPresent(UUID.self, forKey: .operatorStaffID)
        performedAt = try c.decode(Date.self, forKey: .performedAt)
        reports = try c.decodeIfPresent([DoseReport].self, forKey: .reports) ?? []
        source = try c.decodeIfPresent(DoseSource.self, forKey: .source)
        procedure = try c.decodeIfPresent(DoseProcedure.self, forKey: .procedure)
        totals = try c.decodeIfPresent(DoseRecordTotals.self, forKey: .totals) ?? DoseRecordTotals()
        filledFrom = try c.decodeIfPresent([String: DoseSource].self, forKey: .filledFrom) ?? [:]
        events = try c.decodeIfPresent([DoseEvent].self, forKey: .events) ?? []
        administrations = try c.decodeIfPresent([RadiopharmaceuticalDose].self, forKey: .administrations) ?? []
        equipment = try c.decodeIfPresent(DoseEquipment.self, forKey: .equipment) ?? DoseEquipment()
        discrepancies = try c.decodeIfPresent([DoseDiscrepancy].self, forKey: .discrepancies) ?? []
        comparisons = try c.decodeIfPresent([DoseComparison].self, forKey: .comparisons) ?? []
        alerts = try c.decodeIfPresent([DoseAlert].self, forKey: .alerts) ?? []
        updatedAt = try c.decode(Date.self, forKey: .updatedAt)
    }

    /// The exam's open dose alerts.
    public var openAlerts: [DoseAlert] { alerts.filter(\.isOpen) }

    /// The highest ratio to a reference level (local first when both apply), for lists and charts.
    public var highestRatio: Double? { comparisons.map(\.ratio).max() }
}
