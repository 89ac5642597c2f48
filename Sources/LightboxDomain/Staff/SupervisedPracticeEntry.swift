import Foundation

/// One entry of an apprentice's, student's or assistant practitioner's supervised-practice log, signed off by
/// the supervisor named on it.
public struct SupervisedPracticeEntry: StaffRecord {
    public static let kind = "supervised-practice"
    public var id: UUID
    /// The learner.
    public var staffID: UUID
    public var supervisorID: UUID
    public var supervisorName: String
    public var performedOn: Date
    /// What was done ("PA chest, ambulant adult").
    public var activity: String
    public var examID: UUID?
    public var reflection: String?
    public var recordedBy: String
    public var recordedAt: Date
    public var signedOffAt: Date?
    public var signedOffBy: String?
    public var supervisorComment: String?

    public init(
        id: UUID, staffID: UUID, supervisorID: UUID, supervisorName: String, performedOn: Date, activity: String,
        examID: UUID? = nil, reflection: String? = nil, recordedBy: String, recordedAt: Date,
        signedOffAt: Date? = nil, signedOffBy: String? = nil, supervisorComment: String? = nil
    ) {
        self.id = id
        self.staffID = staffID
        self.supervisorID = supervisorID
        self.supervisorName = supervisorName
        self.performedOn = performedOn
        self.activity = activity
        self.examID = examID
        self.reflection = reflection
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.signedOffAt = signedOffAt
        self.signedOffBy = signedOffBy
        self.supervisorComment = supervisorComment
    }

    public var listedAt: Date { performedOn }
}
