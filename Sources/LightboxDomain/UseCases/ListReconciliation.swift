import Foundation

/// The reconciliation list: archived studies that match no exam or whose patient disagrees with
/// the exam's, oldest first, each with the patient attributes the images carry. Reading it shows
/// patients' images, so it is audited (`image.reconciliation-read`).
public struct ListReconciliation: Sendable {
    /// One study waiting for a decision.
    public struct Item: Sendable, Codable, Equatable {
        public var study: ArchivedStudy
        public var patient: ArchivedPatient

        public init(study: ArchivedStudy, patient: ArchivedPatient) {
            self.study = study
            self.patient = patient
        }
    }

    /// The most items one read returns.
    public static let maximumLimit = 500

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(limit: Int = 100, by actor: Actor) async throws -> [Item] {
        try environment.policy.require(actor, .reconcileImages)
        guard (1...Self.maximumLimit).contains(limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(Self.maximumLimit) studies.",
                fields: [FieldProblem("limit", "must be 1 to \(Self.maximumLimit)")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let studies = try await unit.archive.studies(
                matchStatuses: [.unmatched, .patientMismatch], limit: limit)
            var items: [Item] = []
            for study in studies {
                guard let patient = try await unit.archive.patient(id: study.archivedPatientID) else { continue }
                items.append(Item(study: study, patient: patient))
            }
            try await unit.record(
                actor, "image.reconciliation-read", patientID: nil, examID: nil, at: now,
                "Read the reconciliation list (\(items.count) studies: "
                    + items.prefix(20).map(\.study.studyInstanceUID).joined(separator: ", ")
                    + (items.count > 20 ? ", …" : "") + ").")
            return items
        }
    }
}
