import Foundation

/// Filters of the modality worklist; every filter set must match. The DICOM door narrows by these and
/// then applies PS3.4 Annex K matching to each item's attributes.
public struct WorklistQuery: Sendable, Codable, Equatable {
    /// The station's AE title (Scheduled Station AE Title): the room whose `aeTitle` it is.
    public var stationAETitle: String?
    public var roomID: UUID?
    /// The room's modality (the station's).
    public var modality: Modality?
    /// Appointment time from (inclusive).
    public var scheduledFrom: Date?
    /// Appointment time until (exclusive).
    public var scheduledBefore: Date?
    public var accessionNumber: String?
    public var limit: Int

    public init(
        stationAETitle: String? = nil, roomID: UUID? = nil, modality: Modality? = nil, scheduledFrom: Date? = nil,
        scheduledBefore: Date? = nil, accessionNumber: String? = nil, limit: Int = ListExams.maximumLimit
    ) {
        self.stationAETitle = stationAETitle
        self.roomID = roomID
        self.modality = modality
        self.scheduledFrom = scheduledFrom
        self.scheduledBefore = scheduledBefore
        self.accessionNumber = accessionNumber
        self.limit = limit
    }

    /// Whether a room's worklist is asked for: it must have one (not suspended) and fit the filters.
    public func covers(_ room: Room) -> Bool {
        guard room.hasWorklist else { return false }
        if let roomID, room.id != roomID { return false }
        if let modality, room.modality != modality { return false }
        if let station = stationAETitle?.trimmed, room.aeTitle?.trimmed != station { return false }
        return true
    }
}
