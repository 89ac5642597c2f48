import Foundation

/// Which exam dose records an export reads: performed in `from..<to`, of a modality, in a room.
public struct DoseRegisterFilter: Sendable, Codable, Equatable {
    public var from: Date
    public var to: Date
    public var modality: Modality?
    public var roomID: UUID?

    public init(from: Date, to: Date, modality: Modality? = nil, roomID: UUID? = nil) {
        self.from = from
        self.to = to
        self.modality = modality
        self.roomID = roomID
    }

    /// The reference meaning of the filter, for stores that filter in memory.
    public func matches(_ record: ExamDoseRecord) -> Bool {
        record.performedAt >= from && record.performedAt < to && (modality.map { $0 == record.modality } ?? true)
            && (roomID.map { $0 == record.roomID } ?? true)
    }
}
