import Foundation

/// Pause and Check: identity (3 points, how and by whom), anatomy and side, the pregnancy enquiry,
/// contrast screening, equipment and settings. Recorded by an operator entitled for the exam; the
/// exam can start only after it passes.
public struct RecordPauseAndCheck: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var identity: IdentityConfirmation
        public var anatomy: AnatomyConfirmation
        public var pregnancy: PregnancyEnquiry?
        public var contrast: ContrastScreening?
        public var equipmentAndSettingsConfirmed: Bool

        public init(
            examID: UUID, identity: IdentityConfirmation, anatomy: AnatomyConfirmation,
            pregnancy: PregnancyEnquiry? = nil, contrast: ContrastScreening? = nil,
            equipmentAndSettingsConfirmed: Bool
        ) {
            self.examID = examID
            self.identity = identity
            self.anatomy = anatomy
            self.pregnancy = pregnancy
            self.contrast = contrast
            self.equipmentAndSettingsConfirmed = equipmentAndSettingsConfirmed
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .pauseAndCheck)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        let configuration = environment.configuration
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            try ExamTransition.check(.pauseAndCheck, exam)
            let entry = try await unit.catalogueEntry(exam.examCode)
            let patient = try await unit.patient(exam.patientID)
            let verifier = EntitlementVerifier(unit: unit)
            _ = try await verifier.require(staffID, .operate, for: entry, at: now)
            let room = try await exam.booking.asyncMap { try await unit.rooms.get($0.roomID) } ?? nil
            let today = CalendarDate(now, in: configuration.timeZone)
            let rules = PauseAndCheckRules(configuration: configuration)

            var problems = rules.identityProblems(command.identity, room: room)
            if let confirmer = command.identity.confirmedBy, try await unit.staff.get(confirmer) == nil {
                problems.append(FieldProblem("identity.confirmedBy", "is not a known member of staff"))
            }
            problems += rules.anatomyProblems(command.anatomy, exam: exam)

            let pregnancyRequired = PregnancyRules(configuration: configuration).enquiryRequired(
                for: patient, entry, on: today)
            var overrideProblem: String?
            if let practitioner = command.pregnancy?.override?.practitionerStaffID {
                overrideProblem = try await verifier.problem(
                    practitioner, .justify, for: entry, at: now, allowSupervised: false)
            }
            problems += rules.pregnancyProblems(
                command.pregnancy, required: pregnancyRequired, highDose: entry.highDose, today: today,
                overrideProblem: overrideProblem)

            var reviewProblem: String?
            if let reviewer = command.contrast?.previousReactionReviewedBy {
                reviewProblem = try await verifier.problem(
                    reviewer, .justify, for: entry, at: now, allowSupervised: false)
            }
            problems += rules.contrastProblems(
                command.contrast, entry: entry, exam: exam, patient: patient, now: now,
                previousReactionProblem: reviewProblem)

            if !command.equipmentAndSettingsConfirmed {
                problems.append(
                    FieldProblem(
                        "equipmentAndSettingsConfirmed", "confirm the equipment and exposure settings",
                        code: .pauseAndCheckIncomplete))
            }
            guard problems.isEmpty else {
                let error = DomainError.problems(problems, fallback: .pauseAndCheckIncomplete, message: "")
                throw DomainError(
                    error.code,
                    "Pause and Check is not complete; the exam cannot go ahead: "
                        + problems.map(\.problem).joined(separator: "; ") + ".",
                    fields: problems)
            }

            var identity = command.identity
            identity.confirmedBy = identity.confirmedBy ?? staffID
            var pregnancy = command.pregnancy
            if var enquiry = pregnancy {
                enquiry.askedBy = enquiry.askedBy ?? staffID
                pregnancy = enquiry
            }
            var contrast = command.contrast
            if var screening = contrast {
                screening.screenedBy = screening.screenedBy ?? staffID
                screening.route = screening.route ?? entry.contrast
                contrast = screening
            }
            exam.pauseAndCheck = PauseAndCheckRecord(
                identity: identity, anatomy: command.anatomy, pregnancy: pregnancy, contrast: contrast,
                equipmentAndSettingsConfirmed: true, recordedBy: staffID, at: now)
            let event = try ExamTransition.apply(.pauseAndCheck, to: &exam, at: now, by: actor, roomID: room?.id)
            var detail = "Pause and Check: identity by \(identity.methods.map(\.rawValue).joined(separator: "+"))"
            if let answer = pregnancy?.answer { detail += "; pregnancy \(answer.rawValue)" }
            if pregnancy?.override != nil { detail += " (override countersigned)" }
            if let contrast { detail += "; contrast \(contrast.agent ?? "") batch \(contrast.batch ?? "")" }
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: detail)
            return Outcome(exam, events: [event])
        }
    }
}
