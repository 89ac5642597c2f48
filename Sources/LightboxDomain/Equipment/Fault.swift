import Foundation

/// An equipment fault (DOMAIN.md "Faults"): reported against a room's equipment, sent to engineering, tracked to
/// closure, with the downtime it cost when it took the room out of use.
public struct Fault: Sendable, Codable, Equatable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case reported
        case withEngineering = "with-engineering"
        case closed

        public var label: String {
            switch self {
            case .reported: "Reported"
            case .withEngineering: "With engineering"
            case .closed: "Closed"
            }
        }
    }

    public var id: UUID
    public var roomID: UUID
    public var equipmentID: UUID?
    public var description: String
    /// The fault stopped the room from being used: downtime runs from `reportedAt` to `closedAt`.
    public var roomOutOfUse: Bool
    public var status: Status
    public var reportedAt: Date
    public var reportedBy: String
    /// The engineering job or call reference.
    public var engineeringReference: String?
    public var sentToEngineeringAt: Date?
    public var sentBy: String?
    public var resolution: String?
    public var closedAt: Date?
    public var closedBy: String?

    public init(
        id: UUID, roomID: UUID, equipmentID: UUID?, description: String, roomOutOfUse: Bool, status: Status = .reported,
        reportedAt: Date, reportedBy: String, engineeringReference: String? = nil, sentToEngineeringAt: Date? = nil,
        sentBy: String? = nil, resolution: String? = nil, closedAt: Date? = nil, closedBy: String? = nil
    ) {
        self.id = id
        self.roomID = roomID
        self.equipmentID = equipmentID
        self.description = description
        self.roomOutOfUse = roomOutOfUse
        self.status = status
        self.reportedAt = reportedAt
        self.reportedBy = reportedBy
        self.engineeringReference = engineeringReference
        self.sentToEngineeringAt = sentToEngineeringAt
        self.sentBy = sentBy
        self.resolution = resolution
        self.closedAt = closedAt
        self.closedBy = closedBy
    }

    /// Minutes the room was out of use because of this fault, up to `now` while it is open; 0 when it never was.
    public func downtimeMinutes(now: Date) -> Int {
        guard roomOutOfUse else { return 0 }
        let end = closedAt ?? now
        return max(0, Int(end.timeIntervalSince(reportedAt) / 60))
    }
}
