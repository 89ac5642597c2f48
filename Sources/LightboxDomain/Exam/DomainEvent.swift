import Foundation

/// Something that happened, returned by a use case (adapters publish these: live lists, HL7, worklists).
public struct DomainEvent: Sendable, Codable, Equatable {
    /// The same stable dotted code as the audit entry ("exam.booked", "patient.registered").
    public var name: String
    public var patientID: UUID?
    public var examID: UUID?
    /// The reference-data record concerned (staff member, room, entitlement...), when not an exam.
    public var subjectID: String?
    public var fromState: ExamState?
    public var toState: ExamState?
    public var at: Date

    public init(
        name: String, patientID: UUID? = nil, examID: UUID? = nil, subjectID: String? = nil,
        fromState: ExamState? = nil, toState: ExamState? = nil, at: Date
    ) {
        self.name = name
        self.patientID = patientID
        self.examID = examID
        self.subjectID = subjectID
        self.fromState = fromState
        self.toState = toState
        self.at = at
    }
}
