import Foundation

/// A local diagnostic reference level for one exam type (catalogue code) and, optionally, one room,
/// set by a physicist (clinical scientist / medical physics expert) with sign-off. Append-only: the
/// level in force is the latest whose `effectiveFrom` has come; earlier ones stay as its history.
public struct LocalReferenceLevel: Sendable, Codable, Equatable, Identifiable, ReferenceLevelFigures {
    public var id: UUID
    public var examCode: String
    /// nil: every room without its own level.
    public var roomID: UUID?
    /// CT: CTDIvol per exam (mGy) and DLP (mGy·cm).
    public var ctdiVolMilligray: Double?
    public var dlpMilligrayCm: Double?
    /// Projection X-ray: DAP per exam (Gy·cm²).
    public var doseAreaProductGyCm2: Double?
    /// Radiography: DAP per radiograph (Gy·cm²).
    public var doseAreaProductPerRadiographGyCm2: Double?
    /// Fluoroscopy: dose at the reference point (mGy) and time (s).
    public var referencePointDoseMilligray: Double?
    public var fluoroscopySeconds: Double?
    /// Mammography: AGD per breast (mGy).
    public var averageGlandularDoseMilligray: Double?
    /// Nuclear medicine: administered activity (MBq).
    public var administeredActivityMBq: Double?
    public var effectiveFrom: Date
    /// The clinical scientist (MPE) who signed it off.
    public var signedOffBy: UUID
    public var signedOffByName: String
    /// The account that recorded it.
    public var recordedBy: String
    /// Why (e.g. "median of the last 50 exams, audit 2026-11").
    public var reason: String
    public var recordedAt: Date

    public init(
        id: UUID, examCode: String, roomID: UUID?, ctdiVolMilligray: Double? = nil, dlpMilligrayCm: Double? = nil,
        doseAreaProductGyCm2: Double? = nil, doseAreaProductPerRadiographGyCm2: Double? = nil,
        referencePointDoseMilligray: Double? = nil, fluoroscopySeconds: Double? = nil,
        averageGlandularDoseMilligray: Double? = nil, administeredActivityMBq: Double? = nil, effectiveFrom: Date,
        signedOffBy: UUID, signedOffByName: String, recordedBy: String, reason: String, recordedAt: Date
    ) {
        self.id = id
        self.examCode = examCode
        self.roomID = roomID
        self.ctdiVolMilligray = ctdiVolMilligray
        self.dlpMilligrayCm = dlpMilligrayCm
        self.doseAreaProductGyCm2 = doseAreaProductGyCm2
        self.doseAreaProductPerRadiographGyCm2 = doseAreaProductPerRadiographGyCm2
        self.referencePointDoseMilligray = referencePointDoseMilligray
        self.fluoroscopySeconds = fluoroscopySeconds
        self.averageGlandularDoseMilligray = averageGlandularDoseMilligray
        self.administeredActivityMBq = administeredActivityMBq
        self.effectiveFrom = effectiveFrom
        self.signedOffBy = signedOffBy
        self.signedOffByName = signedOffByName
        self.recordedBy = recordedBy
        self.reason = reason
        self.recordedAt = recordedAt
    }

    /// Each level this entry sets, by metric.
    public var levels: [(DoseMetric, Double)] {
        figures.compactMap { figure in figure.value.map { (figure.metric, $0) } }
    }
}
