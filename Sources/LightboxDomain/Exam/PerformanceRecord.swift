import Foundation

/// Who performed the exam, under whose supervision, where and what was acquired.
public struct PerformanceRecord: Sendable, Codable, Equatable {
    /// The operator; nil only when a modality started the exam and its operator could not be
    /// matched to a member of staff (the exam is then flagged outside the pathway).
    public var operatorStaffID: UUID?
    public var supervisorStaffID: UUID?
    /// The operator's entitlement in force when the exam started; nil when there was none (flagged
    /// outside the pathway).
    public var entitlementID: UUID?
    public var roomID: UUID
    public var startedAt: Date
    public var completedAt: Date?
    public var completedBy: UUID?
    public var projections: [PerformedProjection]
    public var exposures: [ExposureFigures]
    public var carers: [CarerRecord]

    public init(
        operatorStaffID: UUID?, supervisorStaffID: UUID?, entitlementID: UUID?, roomID: UUID, startedAt: Date,
        completedAt: Date? = nil, completedBy: UUID? = nil, projections: [PerformedProjection] = [],
        exposures: [ExposureFigures] = [], carers: [CarerRecord] = []
    ) {
        self.operatorStaffID = operatorStaffID
        self.supervisorStaffID = supervisorStaffID
        self.entitlementID = entitlementID
        self.roomID = roomID
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.completedBy = completedBy
        self.projections = projections
        self.exposures = exposures
        self.carers = carers
    }

    /// Decodes records written by earlier versions too: collections added later default to empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        operatorStaffID = try c.decodeIfPresent(UUID.self, forKey: .operatorStaffID)
        supervisorStaffID = try c.decodeIfPresent(UUID.self, forKey: .supervisorStaffID)
        entitlementID = try c.decodeIfPresent(UUID.self, forKey: .entitlementID)
        roomID = try c.decode(UUID.self, forKey: .roomID)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        completedAt = try c.decodeIfPresent(Date.self, forKey: .completedAt)
        completedBy = try c.decodeIfPresent(UUID.self, forKey: .completedBy)
        projections = try c.decodeIfPresent([PerformedProjection].self, forKey: .projections) ?? []
        exposures = try c.decodeIfPresent([ExposureFigures].self, forKey: .exposures) ?? []
        carers = try c.decodeIfPresent([CarerRecord].self, forKey: .carers) ?? []
    }
}
