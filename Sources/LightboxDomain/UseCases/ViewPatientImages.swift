import Foundation

/// A patient's archived studies, with their series and instances, for the viewer: the studies matched to any of
/// the patient's exams (reconciled studies included, rejected ones never). Audited once as an image access
/// (`image.read`) naming the studies shown.
public struct ViewPatientImages: Sendable {
    public struct Command: Sendable, Equatable {
        public var patientID: UUID

        public init(patientID: UUID) {
            self.patientID = patientID
        }
    }

    /// One study and the exam it belongs to.
    public struct Study: Sendable, Equatable {
        public var examID: UUID
        public var images: ViewExamImages.Study
    }

    /// The most exams whose images one view lists.
    public static let maximumExams = 500

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> (Patient, [Study]) {
        try environment.policy.require(actor, .viewImages)
        try environment.policy.require(actor, .viewPatient)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let patient = try await unit.patient(command.patientID)
            let exams = try await unit.exams.list(ExamQuery(patientID: patient.id, limit: Self.maximumExams))
            var studies: [Study] = []
            for exam in exams {
                for study in try await unit.archive.studies(examID: exam.id) where study.matchStatus != .rejected {
                    guard let archived = try await unit.archive.patient(id: study.archivedPatientID) else { continue }
                    var series: [ViewExamImages.Series] = []
                    for row in try await unit.archive.series(studyID: study.id) {
                        let instances = try await unit.archive.instances(
                            seriesID: row.id, limit: ViewExamImages.maximumInstancesPerSeries)
                        series.append(ViewExamImages.Series(series: row, instances: instances))
                    }
                    series.sort { ($0.series.seriesNumber ?? Int.max) < ($1.series.seriesNumber ?? Int.max) }
                    studies.append(
                        Study(
                            examID: exam.id,
                            images: ViewExamImages.Study(study: study, patient: archived, series: series)))
                }
            }
            studies.sort { ($0.images.study.studyDate ?? "") > ($1.images.study.studyDate ?? "") }
            try await unit.record(
                actor, "image.read", patientID: patient.id, examID: nil, at: now,
                studies.isEmpty
                    ? "Opened the viewer for \(patient.name.display): no archived images."
                    : "Opened the viewer for \(patient.name.display): "
                        + studies.map(\.images.study.studyInstanceUID).joined(separator: ", ") + ".")
            return (patient, studies)
        }
    }
}
