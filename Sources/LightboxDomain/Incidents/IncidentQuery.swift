import Foundation

/// The filters of the incident listing (the manager's list): each narrows it when set.
public struct IncidentQuery: Sendable, Codable, Equatable {
    public var status: IncidentStatus?
    public var kind: IncidentKind?
    public var category: String?
    public var roomID: UUID?
    public var patientID: UUID?
    public var examID: UUID?
    /// Linked to this dose incident (SAUE) case.
    public var saueCaseID: UUID?
    /// Occurred at or after.
    public var from: Date?
    /// Occurred before.
    public var to: Date?
    public var limit: Int

    /// The most incidents one read returns.
    public static let maximumLimit = 1_000

    public init(
        status: IncidentStatus? = nil, kind: IncidentKind? = nil, category: String? = nil, roomID: UUID? = nil,
        patientID: UUID? = nil, examID: UUID? = nil, saueCaseID: UUID? = nil, from: Date? = nil, to: Date? = nil,
        limit: Int = 200
    ) {
        self.saueCaseID = saueCaseID
        self.status = status
        self.kind = kind
        self.category = category
        self.roomID = roomID
        self.patientID = patientID
        self.examID = examID
        self.from = from
        self.to = to
        self.limit = min(max(limit, 1), Self.maximumLimit)
    }

    /// Whether `incident` passes every filter (the in-memory store's rule, and the Fluent store's columns).
    public func matches(_ incident: Incident) -> Bool {
        (status == nil || incident.status == status) && (kind == nil || incident.kind == kind)
            && (category == nil || incident.category == category) && (roomID == nil || incident.roomID == roomID)
            && (patientID == nil || incident.patientID == patientID) && (examID == nil || incident.examID == examID)
            && (saueCaseID == nil || incident.saueCaseID == saueCaseID)
            && (from.map { incident.occurredAt >= $0 } ?? true) && (to.map { incident.occurredAt < $0 } ?? true)
    }
}
