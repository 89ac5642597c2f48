import Foundation

/// A patient's dose history across their exams with an effective dose estimate per exam and the
/// cumulative totals over the configured windows (``PatientDoseHistory``). Every read is audited
/// ("dose.history-read": it is part of the patient's record).
public struct ViewPatientDoseHistory: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var patientID: UUID

        public init(patientID: UUID) {
            self.patientID = patientID
        }
    }

    /// At most this many of a patient's exams are read.
    public static let maximumExams = 5_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> PatientDoseHistory {
        try environment.policy.require(actor, .viewDoseRegister)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let patient = try await unit.patient(command.patientID)
            let exams = try await unit.exams.list(ExamQuery(patientID: patient.id, limit: Self.maximumExams))
            var regions: [String: BodyRegion] = [:]
            for code in Set(exams.map(\.examCode)) {
                if let entry = try await unit.catalogue.get(code: code) { regions[code] = entry.bodyRegion }
            }
            let configuration = try await environment.configuration(at: now, in: unit)
            let history = PatientDoseHistory.build(
                patient: patient, exams: exams, regions: regions,
                coefficients: configuration.effectiveDoseCoefficients, timeZone: configuration.timeZone, at: now)
            let total = history.cumulative.last.map { "\($0.effectiveDoseMilliSievert.dose) mSv estimated" } ?? ""
            try await unit.record(
                actor, "dose.history-read", patientID: patient.id, examID: nil, at: now,
                "Viewed the dose history of \(patient.name.display): \(history.entries.count) exam(s), \(total).")
            return history
        }
    }
}
