import Foundation

/// A person's decision on a study of the reconciliation list (audited; nothing merged silently):
/// - `link`: the study is the exam's, as the images say (the person has checked the patient);
/// - `correct`: the study is the exam's, and the index's patient attributes of the study are
///   corrected to the exam's patient (the files keep what was received);
/// - `reject`: the study belongs to no exam here (kept, never shown as a patient's images).
public struct ReconcileStudy: Sendable {
    public enum Decision: Sendable, Codable, Equatable {
        case link(examID: UUID)
        case correct(examID: UUID)
        case reject(reason: String)
    }

    public struct Command: Sendable, Codable, Equatable {
        /// The ``ArchivedStudy`` row.
        public var studyID: UUID
        public var decision: Decision

        public init(studyID: UUID, decision: Decision) {
            self.studyID = studyID
            self.decision = decision
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> ArchivedStudy {
        try environment.policy.require(actor, .reconcileImages)
        let now = environment.clock.now()
        let ids = environment.ids
        return try await environment.store.transaction { unit in
            guard var study = try await unit.archive.study(id: command.studyID) else {
                throw DomainError.notFound("archived study", command.studyID)
            }
            try ReconciliationChecks.requireWaiting(
                study.matchStatus.awaitsReconciliation, "Study \(study.studyInstanceUID)",
                status: study.matchStatus.rawValue)
            let action: String
            switch command.decision {
            case .link(let examID), .correct(let examID):
                let exam = try await unit.exam(examID)
                let patient = try await unit.patient(exam.patientID)
                if case .correct = command.decision {
                    let identifier = patient.hospitalNumbers.first
                    let patientID = identifier?.value ?? patient.nhsNumber?.digits ?? patient.id.uuidString
                    let issuer = identifier?.issuingAuthority ?? ""
                    let birth = patient.dateOfBirth.map {
                        String(format: "%04d%02d%02d", $0.year, $0.month, $0.day)
                    }
                    var row: ArchivedPatient
                    if let known = try await unit.archive.patient(patientID: patientID, issuerOfPatientID: issuer) {
                        row = known
                        row.patientName = StudyMatching.dicomName(patient.name)
                        row.patientBirthDate = birth
                        row.updatedAt = now
                        try await unit.archive.update(row)
                    } else {
                        row = ArchivedPatient(
                            id: ids.next(), patientID: patientID, issuerOfPatientID: issuer,
                            patientName: StudyMatching.dicomName(patient.name), patientBirthDate: birth,
                            patientSex: nil, createdAt: now, updatedAt: now)
                        try await unit.archive.insert(row)
                    }
                    let previous = study.archivedPatientID
                    study.archivedPatientID = row.id
                    study.matchDetail =
                        "Corrected to \(patient.name.display) (\(patientID)) and linked to exam \(exam.accessionNumber) "
                        + "by \(actor.username)."
                    action = "image.study-corrected"
                    study.examID = exam.id
                    study.patientRecordID = patient.id
                    study.matchStatus = .linked
                    study.updatedAt = now
                    try await unit.archive.update(study)
                    try await unit.archive.refreshAggregates(studyID: study.id)
                    if previous != row.id { try await unit.archive.refreshAggregates(archivedPatientID: previous) }
                } else {
                    study.matchDetail = "Linked to exam \(exam.accessionNumber) by \(actor.username)."
                    action = "image.study-linked"
                    study.examID = exam.id
                    study.patientRecordID = patient.id
                    study.matchStatus = .linked
                    study.updatedAt = now
                    try await unit.archive.update(study)
                }
            case .reject(let reason):
                let text = try ReconciliationChecks.rejectionReason(reason, of: "study")
                study.matchStatus = .rejected
                study.matchDetail = "Rejected by \(actor.username): \(text)"
                study.updatedAt = now
                action = "image.study-rejected"
                try await unit.archive.update(study)
            }
            try await unit.record(
                actor, action, patientID: study.patientRecordID, examID: study.examID, at: now,
                "Study \(study.studyInstanceUID): \(study.matchDetail)")
            try await Self.linkWaitingDose(study: study, environment: environment, unit: unit, actor: actor, at: now)
            return study
        }
    }
}
