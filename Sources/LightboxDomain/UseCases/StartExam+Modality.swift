import Foundation

extension StartExam {
    /// A modality started the exam (MPPS N-CREATE IN PROGRESS). The same rules as the desk's start are
    /// checked, but the modality has exposed the patient whatever we answer: a start that breaks a rule
    /// is accepted, the exam is flagged as started outside the pathway for a radiographer to resolve,
    /// and the breaches are audited ("exam.outside-pathway"). An unknown exam, a step UID already
    /// used, or an exam that is not booked (cancelled, finished) is refused.
    public func fromModality(_ command: ModalityStart, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .recordModalityStep)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            try await Self.requireNewModalityStep(command.sopInstanceUID, unit: unit)
            let exam = try await Self.scheduledExam(
                accessionNumber: command.accessionNumber, studyInstanceUID: command.studyInstanceUID, unit: unit)
            return try await Self.startedByModality(command, exam: exam, unit: unit, actor: actor, at: now)
        }
    }

    /// A step UID is used once: by an exam's step or by a step held for an unknown exam.
    static func requireNewModalityStep(_ sopInstanceUID: String, unit: any UnitOfWork) async throws {
        if try await unit.exams.find(modalityStepUID: sopInstanceUID) != nil {
            throw DomainError(.duplicate, "A performed procedure step \(sopInstanceUID) already exists.")
        }
        if try await unit.heldModalitySteps.find(sopInstanceUID: sopInstanceUID) != nil {
            throw DomainError(
                .duplicate, "A performed procedure step \(sopInstanceUID) already exists (held for reconciliation).")
        }
    }

    /// The exam started by the modality's step, in the caller's transaction (audited, flagged when a rule is
    /// broken).
    static func startedByModality(
        _ command: ModalityStart, exam: Exam, unit: any UnitOfWork, actor: Actor, at now: Date
    ) async throws -> Outcome<Exam> {
        var exam = exam
        let station = command.stationAETitle.trimmed
        let room = try await unit.rooms.list().first { $0.aeTitle?.trimmed == station && !station.isEmpty }
        let operatorID = try await Self.staffID(named: command.operatorName, unit: unit)
        let start = Start(
            operatorStaffID: operatorID, supervisorStaffID: nil, roomID: room?.id ?? exam.booking?.roomID,
            tolerant: true)
        let (event, detail, breaches) = try await Self.start(&exam, start, unit: unit, actor: actor, at: now)
        exam.modalityStep = ModalityProcedureStep(
            sopInstanceUID: command.sopInstanceUID, stationAETitle: station, startedAt: now)
        var events = [event]
        if !breaches.isEmpty {
            exam.outsidePathway = OutsidePathwayRecord(
                breaches: breaches, flaggedAt: now, source: "MPPS from \(station)")
            events.append(
                DomainEvent(
                    name: "exam.outside-pathway", patientID: exam.patientID, examID: exam.id,
                    fromState: event.toState, toState: event.toState, at: now))
        }
        try await unit.exams.update(exam)
        try await unit.record(
            actor, event.name, patientID: exam.patientID, examID: exam.id, at: now,
            "\(detail) (MPPS \(command.sopInstanceUID) from \(station))")
        if !breaches.isEmpty {
            try await unit.record(
                actor, "exam.outside-pathway", patientID: exam.patientID, examID: exam.id, at: now,
                "Started by the modality outside the pathway: "
                    + breaches.map { "\($0.code.rawValue): \($0.message)" }.joined(separator: " "))
        }
        return Outcome(exam, events: events)
    }

    /// The exam a modality names, by accession number, else by Study Instance UID; nil when none.
    static func namedExam(accessionNumber: String?, studyInstanceUID: String?, unit: any UnitOfWork) async throws
        -> Exam?
    {
        if let accession = accessionNumber?.trimmed, !accession.isEmpty,
            let exam = try await unit.exams.find(accessionNumber: accession)
        {
            return exam
        }
        if let uid = studyInstanceUID?.trimmed, !uid.isEmpty,
            let exam = try await unit.exams.find(studyInstanceUID: uid)
        {
            return exam
        }
        return nil
    }

    /// The booked exam a modality names, by accession number, else by Study Instance UID.
    static func scheduledExam(
        accessionNumber: String?, studyInstanceUID: String?, unit: any UnitOfWork
    ) async throws -> Exam {
        if let exam = try await namedExam(
            accessionNumber: accessionNumber, studyInstanceUID: studyInstanceUID, unit: unit)
        {
            return exam
        }
        let named = [accessionNumber.map { "accession number \($0)" }, studyInstanceUID.map { "study \($0)" }]
            .compactMap { $0 }
        throw DomainError(
            .notFound,
            "No exam matches "
                + (named.isEmpty ? "a step that names no accession number or study" : named.joined(separator: " or "))
                + ".")
    }

    /// The one active member of staff with this name; nil when none or several match (the start is then
    /// flagged: the operator could not be identified).
    static func staffID(named name: PersonName?, unit: any UnitOfWork) async throws -> UUID? {
        guard let name, !name.isEmpty else { return nil }
        let matches = try await unit.staff.list().filter { $0.active && $0.name.matches(name) }
        return matches.count == 1 ? matches[0].id : nil
    }
}
