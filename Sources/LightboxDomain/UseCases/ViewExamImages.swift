import Foundation

/// The archived studies of an exam with their series and instances, from the index (FHIR
/// `ImagingStudy`, the exam page). Audited as an image access (`image.read`).
public struct ViewExamImages: Sendable {
    public struct Series: Sendable, Codable, Equatable {
        public var series: ArchivedSeries
        public var instances: [ArchivedInstance]
    }

    public struct Study: Sendable, Codable, Equatable {
        public var study: ArchivedStudy
        public var patient: ArchivedPatient
        public var series: [Series]
    }

    /// The most instances listed per series (a bound on one answer).
    public static let maximumInstancesPerSeries = 5_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(examID: UUID, by actor: Actor) async throws -> [Study] {
        try environment.policy.require(actor, .viewExams)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam = try await unit.exam(examID)
            var studies: [Study] = []
            for study in try await unit.archive.studies(examID: examID) where study.matchStatus != .rejected {
                guard let patient = try await unit.archive.patient(id: study.archivedPatientID) else { continue }
                var series: [Series] = []
                for row in try await unit.archive.series(studyID: study.id) {
                    let instances = try await unit.archive.instances(
                        seriesID: row.id, limit: Self.maximumInstancesPerSeries)
                    series.append(Series(series: row, instances: instances))
                }
                studies.append(Study(study: study, patient: patient, series: series))
            }
            if !studies.isEmpty {
                try await unit.record(
                    actor, "image.read", patientID: exam.patientID, examID: exam.id, at: now,
                    "Read the image index of exam \(exam.accessionNumber): "
                        + studies.map(\.study.studyInstanceUID).joined(separator: ", ") + ".")
            }
            return studies
        }
    }
}
