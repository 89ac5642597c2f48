import Foundation

/// Who performed the exam, under whose supervision, where and what was acquired.
public struct PerformanceRecord: Sendable, Codable, Equatable {
    public var operatorStaffID: UUID
    public var supervisorStaffID: UUID?
    /// The operator's entitlement in force when the exam started.
    public var entitlementID: UUID
    public var roomID: UUID
    public var startedAt: Date
    public var completedAt: Date?
    public var completedBy: UUID?
    public var projections: [PerformedProjection]
    public var exposures: [ExposureFigures]
    public var carers: [CarerRecord]

    public init(
        operatorStaffID: UUID, supervisorStaffID: UUID?, entitlementID: UUID, roomID: UUID, startedAt: Date,
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
}
