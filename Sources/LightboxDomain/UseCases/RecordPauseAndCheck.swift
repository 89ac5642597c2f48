import Foundation

/// Pause and Check: identity (3 points, how and by whom), anatomy and side, the pregnancy enquiry,
/// contrast screening, equipment and settings. Recorded by an operator entitled for the exam (a
/// student or apprentice names their supervisor); the exam can start only after it passes.
public struct RecordPauseAndCheck: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var identity: IdentityConfirmation
        public var anatomy: AnatomyConfirmation
        public var pregnancy: PregnancyEnquiry?
        public var contrast: ContrastScreening?
        public var equipmentAndSettingsConfirmed: Bool
        /// The supervisor of a student or apprentice recording the check.
        public var supervisorStaffID: UUID?

        public init(
            examID: UUID, identity: IdentityConfirmation, anatomy: AnatomyConfirmation,
            pregnancy: PregnancyEnquiry? = nil, contrast: ContrastScreening? = nil,
            equipmentAndSettingsConfirmed: Bool, supervisorStaffID: UUID? = nil
        ) {
            self.supervisorStaffID = supervisorStaffID
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
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            var exam = try await unit.exam(command.examID)
            try ExamTransition.check(.pauseAndCheck, exam)
            let entry = try await unit.catalogueEntry(exam.examCode)
            let patient = try await unit.patient(exam.patientID)
            let verifier = EntitlementVerifier(unit: unit)
            let (member, _) = try await verifier.require(staffID, .operate, for: entry, at: now)
            // Students and apprentices act only under a named supervisor, for the check as for the exposure.
            var supervisorName: String?
            if let supervisorID = command.supervisorStaffID {
                supervisorName = try await StartExam.verifySupervisor(
                    supervisorID, of: member, entry: entry, at: now, verifier: verifier)
            } else if [.student, .apprentice].contains(member.profession) {
                throw DomainError(
                    .supervisionRequired,
                    "A \(member.profession.rawValue) records Pause and Check only under a named supervisor.",
                    fields: [FieldProblem("supervisorStaffID", "name the supervisor", code: .supervisionRequired)])
            }
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
            var countersignature: (name: String?, problem: String?) = (nil, nil)
            if let doctor = command.pregnancy?.override?.countersigningDoctorID {
                countersignature = try await Self.countersigningDoctor(doctor, at: now, unit)
            }
            problems += rules.pregnancyProblems(
                command.pregnancy, required: pregnancyRequired, highDose: entry.highDose, today: today,
                overrideProblem: overrideProblem, countersignatureProblem: countersignature.problem,
                nuclearMedicine: entry.modality == .NM)

            var reviewProblem: String?
            if let reviewer = command.contrast?.previousReactionReviewedBy {
                reviewProblem = try await verifier.problem(
                    reviewer, .justify, for: entry, at: now, allowSupervised: false)
            }
            // Contrast from a stock batch: its number is the batch's, and one unit is given from it below.
            var contrast = command.contrast
            var stockBatch: StockBatch?
            if let batchID = contrast?.stockBatchID {
                let found = try await StockLedger.contrastBatch(batchID, in: unit)
                let stockProblems = StockLedger.contrastProblems(found, stated: contrast?.batch, at: now)
                problems += stockProblems
                if let (batch, item) = found, stockProblems.isEmpty {
                    stockBatch = batch
                    contrast?.batch = batch.batchNumber
                    if (contrast?.agent ?? "").trimmed.isEmpty { contrast?.agent = item.name }
                }
            }
            problems += rules.contrastProblems(
                contrast, entry: entry, exam: exam, patient: patient, now: now,
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
                enquiry.override?.countersignedBy = countersignature.name
                pregnancy = enquiry
            }
            if var screening = contrast {
                screening.screenedBy = screening.screenedBy ?? staffID
                screening.route = screening.route ?? entry.contrast
                contrast = screening
            }
            exam.pauseAndCheck = PauseAndCheckRecord(
                identity: identity, anatomy: command.anatomy, pregnancy: pregnancy, contrast: contrast,
                equipmentAndSettingsConfirmed: true, recordedBy: staffID, at: now,
                supervisedBy: command.supervisorStaffID)
            let event = try ExamTransition.apply(.pauseAndCheck, to: &exam, at: now, by: actor, roomID: room?.id)
            var detail = "Pause and Check: identity by \(identity.methods.map(\.rawValue).joined(separator: "+"))"
            if let answer = pregnancy?.answer { detail += "; pregnancy \(answer.rawValue)" }
            if let method = pregnancy?.method { detail += " asked \(method.rawValue)" }
            if let breastfeeding = pregnancy?.breastfeeding {
                detail += "; breastfeeding \(breastfeeding ? "yes" : "no")"
            }
            if let doctor = pregnancy?.override?.countersignedBy { detail += " (override countersigned by \(doctor))" }
            if let supervisorName { detail += "; supervised by \(supervisorName)" }
            if let contrast { detail += "; contrast \(contrast.agent ?? "") batch \(contrast.batch ?? "")" }
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: detail)
            if let stockBatch {
                try await StockLedger.move(
                    stockBatch, .given, change: -1, examID: exam.id, patientID: exam.patientID,
                    id: environment.ids.next(),
                    actor: actor, at: now, in: unit,
                    raising: SupportTaskRaiser(environment.ids, try await environment.configuration(at: now, in: unit)))
            }
            return Outcome(exam, events: [event])
        }
    }

    /// The countersigning doctor's name and registration for the record, or why they cannot
    /// countersign: a radiologist on the staff list, active with a registration in force, or an
    /// active medical referrer (hospital doctor or GP).
    static func countersigningDoctor(
        _ id: UUID, at now: Date, _ unit: any UnitOfWork
    ) async throws -> (name: String?, problem: String?) {
        if let member = try await unit.staff.get(id) {
            guard member.profession == .radiologist else {
                return (nil, "\(member.displayName) is a \(member.profession.rawValue), not a doctor")
            }
            guard member.active else { return (nil, "\(member.displayName) is not an active member of staff") }
            guard let registration = member.registration, registration.expires > now else {
                return (nil, "\(member.displayName) has no medical registration in force")
            }
            return ("\(member.displayName) (\(registration.body) \(registration.number))", nil)
        }
        if let referrer = try await unit.referrers.get(id) {
            guard [.doctor, .generalPractitioner].contains(referrer.kind) else {
                return (nil, "\(referrer.name.display) is not a medical referrer")
            }
            guard referrer.active else { return (nil, "\(referrer.name.display) is not an active referrer") }
            return ("\(referrer.name.display) (\(referrer.registrationNumber))", nil)
        }
        return (nil, "is neither a radiologist nor a referrer known to Lightbox")
    }
}
