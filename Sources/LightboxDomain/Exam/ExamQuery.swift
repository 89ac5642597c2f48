import Foundation

/// Filters for listing exams; every filter set must match.
public struct ExamQuery: Sendable, Codable, Equatable {
    public var patientID: UUID?
    public var states: [ExamState]?
    public var roomID: UUID?
    public var modality: Modality?
    /// Appointment time from (inclusive).
    public var scheduledFrom: Date?
    /// Appointment time until (exclusive).
    public var scheduledBefore: Date?
    public var requestedFrom: Date?
    public var requestedBefore: Date?
    public var limit: Int
    /// Booked into one of these rooms (the worklist: rooms that have one).
    public var roomIDs: [UUID]?
    /// Started outside the pathway and not yet resolved (true), or not flagged or resolved (false).
    public var outsidePathwayUnresolved: Bool?
    /// Only exams on a modality worklist: booked and not finished, in a room that has a worklist (not
    /// suspended). `ListExams` resolves it into states and rooms.
    public var onWorklist: Bool?
    /// The list's order (nil: `ExamOrder.requested`).
    public var order: ExamOrder?
    /// Exams of the ordered list to skip before the first returned (a page of a worklist; nil: none).
    public var offset: Int?
    /// With an alert still waiting for someone (`Exam.hasOpenAlert`), or without one.
    public var openAlert: Bool?

    public init(
        patientID: UUID? = nil, states: [ExamState]? = nil, roomID: UUID? = nil, modality: Modality? = nil,
        scheduledFrom: Date? = nil, scheduledBefore: Date? = nil, requestedFrom: Date? = nil,
        requestedBefore: Date? = nil, limit: Int = 500, roomIDs: [UUID]? = nil, outsidePathwayUnresolved: Bool? = nil,
        onWorklist: Bool? = nil, order: ExamOrder? = nil, offset: Int? = nil, openAlert: Bool? = nil
    ) {
        self.patientID = patientID
        self.states = states
        self.roomID = roomID
        self.modality = modality
        self.scheduledFrom = scheduledFrom
        self.scheduledBefore = scheduledBefore
        self.requestedFrom = requestedFrom
        self.requestedBefore = requestedBefore
        self.limit = limit
        self.roomIDs = roomIDs
        self.outsidePathwayUnresolved = outsidePathwayUnresolved
        self.onWorklist = onWorklist
        self.order = order
        self.offset = offset
        self.openAlert = openAlert
    }

    /// The reference meaning of the query, for stores that filter in memory.
    public func matches(_ exam: Exam) -> Bool {
        if let patientID, exam.patientID != patientID { return false }
        if let states, !states.contains(exam.state) { return false }
        if onWorklist == true, !exam.state.isOnWorklist { return false }
        if let roomID, exam.booking?.roomID != roomID { return false }
        if let roomIDs {
            guard let booked = exam.booking?.roomID, roomIDs.contains(booked) else { return false }
        }
        if let outsidePathwayUnresolved {
            let unresolved = exam.outsidePathway.map { !$0.isResolved } ?? false
            if unresolved != outsidePathwayUnresolved { return false }
        }
        if let modality, exam.modality != modality { return false }
        if scheduledFrom != nil || scheduledBefore != nil {
            guard let scheduled = exam.booking?.scheduledAt else { return false }
            if let scheduledFrom, scheduled < scheduledFrom { return false }
            if let scheduledBefore, scheduled >= scheduledBefore { return false }
        }
        if let requestedFrom, exam.requestedAt < requestedFrom { return false }
        if let requestedBefore, exam.requestedAt >= requestedBefore { return false }
        if let openAlert, exam.hasOpenAlert != openAlert { return false }
        return true
    }
}
