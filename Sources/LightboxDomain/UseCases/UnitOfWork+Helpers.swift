import Foundation

extension UnitOfWork {
    func exam(_ id: UUID) async throws -> Exam {
        guard let exam = try await exams.get(id) else { throw DomainError.notFound("exam", id) }
        return exam
    }

    func patient(_ id: UUID) async throws -> Patient {
        guard let patient = try await patients.get(id) else { throw DomainError.notFound("patient", id) }
        return patient
    }

    func room(_ id: UUID) async throws -> Room {
        guard let room = try await rooms.get(id) else { throw DomainError.notFound("room", id) }
        return room
    }

    func catalogueEntry(_ code: String) async throws -> CatalogueEntry {
        guard let entry = try await catalogue.get(code: code) else {
            throw DomainError(.unknownExam, "The exam code \(code) is not in the catalogue.")
        }
        return entry
    }

    func record(
        _ actor: Actor, _ action: String, patientID: UUID?, examID: UUID?, at moment: Date, _ detail: String
    ) async throws {
        try await audit.append(
            AuditEntryDraft(actor, action: action, patientID: patientID, examID: examID, at: moment, detail: detail))
    }

    /// Saves the exam and audits every event of this change with the same detail.
    func save(_ exam: Exam, events: [DomainEvent], actor: Actor, at moment: Date, detail: String) async throws {
        try await exams.update(exam)
        for event in events {
            try await record(actor, event.name, patientID: exam.patientID, examID: exam.id, at: moment, detail)
        }
    }
}

extension UnitOfWork {
    func supportTask(_ id: UUID) async throws -> SupportTask {
        guard let task = try await tasks.get(id) else { throw DomainError.notFound("task", id) }
        return task
    }
}
