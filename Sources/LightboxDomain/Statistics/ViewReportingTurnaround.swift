import Foundation

/// Reporting turnaround for the exams performed in a period, against DOMAIN.md's targets, and the exams still
/// unreported beyond the limit now. No patient is named, so reading it is not audited.
public struct ViewReportingTurnaround: Sendable {
    public typealias Command = StatisticsPeriod

    /// The most exams one turnaround reads (a year of a large department).
    public static let maximumExams = 500_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ period: Command, by actor: Actor) async throws -> TurnaroundReport {
        try environment.policy.require(actor, .viewStatistics)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let rows = try await unit.statistics.turnaround(in: period, limit: Self.maximumExams)
            let cutoff = now.addingTimeInterval(-Double(configuration.reportingTurnaroundDays) * 86_400)
            let unreported = try await unit.statistics.unreported(performedBefore: cutoff, at: now)
            return Self.report(
                rows, period: period, unreported: unreported, asOf: now, configuration: configuration)
        }
    }

    /// The report from the store's rows, outcomes read at `asOf`.
    public static func report(
        _ rows: [TurnaroundRow], period: StatisticsPeriod, unreported: [Modality: Int], asOf: Date,
        configuration: DepartmentConfiguration
    ) -> TurnaroundReport {
        let rules = TurnaroundRules(configuration: configuration)
        let targets = [
            rules.group("all", "All exams", rows, .allExams, asOf: asOf),
            rules.group(
                "inpatient-radiographs", "Inpatient radiographs",
                rows.filter(TurnaroundRules.isInpatientRadiograph), .inpatientRadiographs, asOf: asOf),
            rules.group(
                "emergency-department", "Emergency department", rows.filter(TurnaroundRules.isEmergencyDepartment),
                .emergencyDepartment, asOf: asOf),
        ]
        let byPriority = Priority.allCases.compactMap { priority -> TurnaroundReport.Group? in
            let matching = rows.filter { $0.priority == priority }
            guard !matching.isEmpty else { return nil }
            return rules.group(
                priority.rawValue, StatisticsWords.priority(priority), matching, .allExams, asOf: asOf)
        }
        let sources: [PatientSource?] = PatientSource.allCases.map { $0 } + [nil]
        let bySource = sources.compactMap { source -> TurnaroundReport.Group? in
            let matching = rows.filter { $0.patientSource == source }
            guard !matching.isEmpty else { return nil }
            return rules.group(
                source?.rawValue ?? "not-recorded", StatisticsWords.source(source), matching, .allExams, asOf: asOf)
        }
        let backlog = unreported.filter { $0.value > 0 }.sorted { $0.key.rawValue < $1.key.rawValue }
            .map {
                TurnaroundReport.ModalityCount(
                    modality: $0.key, label: StatisticsWords.modality($0.key), count: $0.value)
            }
        return TurnaroundReport(
            from: period.from, before: period.before, asOf: asOf, targets: targets, byPriority: byPriority,
            byPatientSource: bySource, unreportedLimitDays: configuration.reportingTurnaroundDays,
            unreportedBeyondLimit: backlog, unreportedBeyondLimitTotal: backlog.reduce(0) { $0 + $1.count })
    }
}
