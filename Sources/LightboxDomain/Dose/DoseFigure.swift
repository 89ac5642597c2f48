import Foundation

/// One exam's figure in a statistic (an outlier of a distribution): which exam, when, who performed it.
public struct DoseFigure: Sendable, Codable, Equatable {
    public var examID: UUID
    public var performedAt: Date
    public var operatorStaffID: UUID?
    public var value: Double

    public init(examID: UUID, performedAt: Date, operatorStaffID: UUID?, value: Double) {
        self.examID = examID
        self.performedAt = performedAt
        self.operatorStaffID = operatorStaffID
        self.value = value
    }
}
