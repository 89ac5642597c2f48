import Foundation

/// A QA test performed on a room's equipment: the measured value and its grade against the levels in force when it
/// was recorded (kept on the result, so a later change of the catalogue does not rewrite history).
public struct QAResult: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var roomID: UUID
    /// The item tested, when the test is of one item rather than the room.
    public var equipmentID: UUID?
    public var testCode: String
    public var testName: String
    public var value: Double
    public var unit: String
    public var grade: QAGrade
    public var remedial: QALimits
    public var suspension: QALimits
    /// When the measurement was made (may be earlier than `recordedAt`).
    public var performedAt: Date
    public var performedBy: String
    public var performedByStaffID: UUID?
    public var notes: String?
    public var recordedAt: Date
    /// True when this result suspended the room; true on a pass when it put the room back in use.
    public var changedRoomStatus: Bool

    public init(
        id: UUID, roomID: UUID, equipmentID: UUID?, testCode: String, testName: String, value: Double, unit: String,
        grade: QAGrade, remedial: QALimits, suspension: QALimits, performedAt: Date, performedBy: String,
        performedByStaffID: UUID?, notes: String?, recordedAt: Date, changedRoomStatus: Bool = false
    ) {
        self.id = id
        self.roomID = roomID
        self.equipmentID = equipmentID
        self.testCode = testCode
        self.testName = testName
        self.value = value
        self.unit = unit
        self.grade = grade
        self.remedial = remedial
        self.suspension = suspension
        self.performedAt = performedAt
        self.performedBy = performedBy
        self.performedByStaffID = performedByStaffID
        self.notes = notes
        self.recordedAt = recordedAt
        self.changedRoomStatus = changedRoomStatus
    }
}
