import Foundation

/// Something the physicist must act on (DOMAIN.md "overdue and failed tests raise alerts"): a test overdue on a room,
/// or a test whose latest result is beyond its remedial or suspension level.
public struct QAAlert: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case overdue
        case failed

        public var label: String {
            switch self {
            case .overdue: "Overdue"
            case .failed: "Failed"
            }
        }
    }

    public var kind: Kind
    public var roomID: UUID
    public var roomName: String
    public var testCode: String
    public var testName: String
    /// The latest result, when there is one.
    public var lastResultID: UUID?
    public var lastPerformedAt: Date?
    public var lastGrade: QAGrade?
    /// When the test was (or is) due: the last one plus its frequency; nil when never done.
    public var dueAt: Date?
    public var summary: String

    public init(
        kind: Kind, roomID: UUID, roomName: String, testCode: String, testName: String, lastResultID: UUID?,
        lastPerformedAt: Date?, lastGrade: QAGrade?, dueAt: Date?, summary: String
    ) {
        self.kind = kind
        self.roomID = roomID
        self.roomName = roomName
        self.testCode = testCode
        self.testName = testName
        self.lastResultID = lastResultID
        self.lastPerformedAt = lastPerformedAt
        self.lastGrade = lastGrade
        self.dueAt = dueAt
        self.summary = summary
    }
}
