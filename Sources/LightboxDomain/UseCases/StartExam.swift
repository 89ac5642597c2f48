import Foundation

/// Starts the exposure: only after Pause and Check, only by an operator entitled for this exam at
/// this moment, in a room that is taking patients. An assistant practitioner needs a supervising
/// radiographer recorded; a student or apprentice (or anyone whose entitlement requires supervision)
/// a named supervisor; the supervisor must be entitled for the exam themself.
public struct StartExam: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var supervisorStaffID: UUID?
        /// The room used, when not the booked one (for example another general room).
        public var roomID: UUID?

        public init(examID: UUID, supervisorStaffID: UUID? = nil, roomID: UUID? = nil) {
            self.examID = examID
            self.supervisorStaffID = supervisorStaffID
            self.roomID = roomID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .performExam)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            if [.booked, .arrived].contains(exam.state) {
                throw DomainError(
                    .pauseAndCheckIncomplete,
                    "Pause and Check has not been completed for this exam; it must be done before the exposure.")
            }
            try ExamTransition.check(.start, exam)
            let entry = try await unit.catalogueEntry(exam.examCode)
            guard let roomID = command.roomID ?? exam.booking?.roomID else {
                throw DomainError(
                    .validationFailed, "Say which room the exam is done in.",
                    fields: [FieldProblem("roomID", "missing")])
            }
            let room = try await unit.room(roomID)
            try RoomRules.requireSuitable(room, for: entry)

            let verifier = EntitlementVerifier(unit: unit)
            let (operatorMember, entitlement) = try await verifier.require(staffID, .operate, for: entry, at: now)
            let needsSupervision = operatorMember.profession.actsUnderSupervision || entitlement.supervisionRequired
            var supervisorName: String?
            if let supervisorID = command.supervisorStaffID {
                supervisorName = try await Self.verifySupervisor(
                    supervisorID, of: operatorMember, entry: entry, at: now, verifier: verifier)
            } else if needsSupervision {
                let who =
                    operatorMember.profession == .assistantPractitioner
                    ? "An assistant practitioner needs a supervising radiographer recorded"
                    : operatorMember.profession.actsUnderSupervision
                        ? "A \(operatorMember.profession.rawValue) acts only under a named supervisor"
                        : "\(operatorMember.displayName)'s entitlement requires supervision"
                throw DomainError(
                    .supervisionRequired, "\(who) before starting \(entry.name).",
                    fields: [FieldProblem("supervisorStaffID", "name the supervisor", code: .supervisionRequired)])
            }
            exam.performance = PerformanceRecord(
                operatorStaffID: staffID, supervisorStaffID: command.supervisorStaffID, entitlementID: entitlement.id,
                roomID: room.id, startedAt: now)
            let event = try ExamTransition.apply(.start, to: &exam, at: now, by: actor, roomID: room.id)
            var detail = "Started in \(room.name) by \(operatorMember.displayName)"
            if let supervisorName { detail += " supervised by \(supervisorName)" }
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: detail)
            return Outcome(exam, events: [event])
        }
    }

    /// The supervisor must be someone else, of a profession that supervises (a radiographer for an
    /// assistant practitioner), active and entitled to perform the exam without supervision now.
    static func verifySupervisor(
        _ supervisorID: UUID, of operatorMember: StaffMember, entry: CatalogueEntry, at now: Date,
        verifier: EntitlementVerifier
    ) async throws -> String {
        guard supervisorID != operatorMember.id else {
            throw DomainError(
                .supervisorNotEntitled, "You cannot supervise yourself.",
                fields: [FieldProblem("supervisorStaffID", "must be someone else", code: .supervisorNotEntitled)])
        }
        guard let supervisor = try await verifier.unit.staff.get(supervisorID) else {
            throw DomainError(
                .supervisorNotEntitled, "The supervisor named is not a known member of staff.",
                fields: [FieldProblem("supervisorStaffID", "unknown staff member", code: .supervisorNotEntitled)])
        }
        let radiographerRequired = operatorMember.profession == .assistantPractitioner
        let professionFits =
            radiographerRequired
            ? [.radiographer, .reportingRadiographer].contains(supervisor.profession)
            : supervisor.profession.maySupervise
        guard professionFits else {
            let needed = radiographerRequired ? "a radiographer" : "a radiographer or radiologist"
            throw DomainError(
                .supervisorNotEntitled,
                "\(supervisor.displayName) (\(supervisor.profession.rawValue)) cannot supervise this exam; it needs \(needed).",
                fields: [FieldProblem("supervisorStaffID", "must be \(needed)", code: .supervisorNotEntitled)])
        }
        if let problem = try await verifier.problem(supervisorID, .operate, for: entry, at: now, allowSupervised: false)
        {
            throw DomainError(
                .supervisorNotEntitled, "The supervisor is not entitled for this exam: \(problem)",
                fields: [FieldProblem("supervisorStaffID", problem, code: .supervisorNotEntitled)])
        }
        return supervisor.displayName
    }
}
