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
            let start = Start(
                operatorStaffID: staffID, supervisorStaffID: command.supervisorStaffID, roomID: command.roomID,
                tolerant: false)
            let event = try await Self.start(&exam, start, unit: unit, actor: actor, at: now)
            try await unit.save(exam, events: [event.event], actor: actor, at: now, detail: event.detail)
            return Outcome(exam, events: [event.event])
        }
    }

    /// What one start asks for, from the desk or from a modality.
    struct Start {
        var operatorStaffID: UUID?
        var supervisorStaffID: UUID?
        var roomID: UUID?
        /// A modality's start cannot be refused (the exposure happens whatever we answer): every rule is
        /// still checked, and each one broken is collected instead of thrown.
        var tolerant: Bool
    }

    /// The rules of starting, in the order the desk meets them; applies the start to `exam`. In tolerant mode
    /// the broken rules come back as breaches and the exam moves by `startOutsidePathway`.
    static func start(
        _ exam: inout Exam, _ start: Start, unit: any UnitOfWork, actor: Actor, at now: Date
    ) async throws -> (event: DomainEvent, detail: String, breaches: [OutsidePathwayRecord.Breach]) {
        var breaches: [OutsidePathwayRecord.Breach] = []
        func rule(_ body: () async throws -> Void) async throws {
            do {
                try await body()
            } catch let error as DomainError where start.tolerant {
                breaches.append(OutsidePathwayRecord.Breach(code: error.code, message: error.message))
            }
        }
        try await rule {
            if [.booked, .arrived].contains(exam.state) {
                throw DomainError(
                    .pauseAndCheckIncomplete,
                    "Pause and Check has not been completed for this exam; it must be done before the exposure.")
            }
        }
        try ExamTransition.check(start.tolerant ? .startOutsidePathway : .start, exam)
        let entry = try await unit.catalogueEntry(exam.examCode)
        guard let roomID = start.roomID ?? exam.booking?.roomID else {
            throw DomainError(
                .validationFailed, "Say which room the exam is done in.", fields: [FieldProblem("roomID", "missing")])
        }
        var room = try await unit.room(roomID)
        try await rule { try RoomRules.requireSuitable(room, for: entry) }
        try await rule { try InfectionControlRules.requireCleaned(room, before: exam) }

        let verifier = EntitlementVerifier(unit: unit)
        var operatorMember: StaffMember?
        var entitlement: Entitlement?
        try await rule {
            guard let operatorID = start.operatorStaffID else {
                throw DomainError(
                    .noStaffRecord, "The operator could not be identified as a member of staff entitled for this exam.")
            }
            (operatorMember, entitlement) = try await verifier.require(operatorID, .operate, for: entry, at: now)
        }
        var supervisorName: String?
        try await rule {
            guard let operatorMember else { return }
            let needsSupervision =
                operatorMember.profession.actsUnderSupervision || (entitlement?.supervisionRequired ?? false)
            if let supervisorID = start.supervisorStaffID {
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
        }
        exam.performance = PerformanceRecord(
            operatorStaffID: operatorMember?.id, supervisorStaffID: start.supervisorStaffID,
            entitlementID: entitlement?.id, roomID: room.id, startedAt: now)
        let action: ExamAction = breaches.isEmpty && exam.state == .checked ? .start : .startOutsidePathway
        let note = breaches.isEmpty ? nil : breaches.map(\.message).joined(separator: " ")
        let event = try ExamTransition.apply(action, to: &exam, at: now, by: actor, roomID: room.id, note: note)
        var detail = "Started in \(room.name)"
        if let due = InfectionControlRules.cleaningDue(after: exam, at: now) {
            room.cleaningDue = due
            try await unit.rooms.update(room)
            detail +=
                "; isolation (\(due.precaution.label.lowercased())): the room is to be cleaned before its next exam"
        }
        if let operatorMember { detail += " by \(operatorMember.displayName)" }
        if let supervisorName { detail += " supervised by \(supervisorName)" }
        return (event, detail, breaches)
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
