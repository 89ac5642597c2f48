import Foundation

/// The share of exams with a recorded pregnancy status where the enquiry applies, for a period. Only counts
/// leave the use case (no patient is named), but it reads patients' records to decide where the enquiry
/// applied, so the read is audited once ("statistics.pregnancy").
public struct ViewPregnancyRecording: Sendable {
    public typealias Command = StatisticsPeriod

    /// The most exams one audit reads.
    public static let maximumExams = 200_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ period: Command, by actor: Actor) async throws -> PregnancyRecordingReport {
        try environment.policy.require(actor, .viewStatistics)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let changes = try await unit.thresholds.list()
            let entries = try await unit.catalogue.list()
            let relevant = entries.filter { $0.pregnancyRelevant || $0.modality == .NM }
            let rows =
                relevant.isEmpty
                ? []
                : try await unit.statistics.pregnancy(
                    in: period, examCodes: relevant.map(\.code), limit: Self.maximumExams)
            let report = Self.report(
                rows, period: period, entries: relevant, configuration: environment.configuration,
                changes: changes)
            try await unit.record(
                actor, "statistics.pregnancy", patientID: nil, examID: nil, at: now,
                "Pregnancy status audit of \(rows.count) exams performed \(period.from) to \(period.before)")
            return report
        }
    }

    /// The report from the store's rows: the pregnancy rule in force when each exam was performed decides.
    public static func report(
        _ rows: [PregnancyRow], period: StatisticsPeriod, entries: [CatalogueEntry],
        configuration: DepartmentConfiguration, changes: [ThresholdChange]
    ) -> PregnancyRecordingReport {
        let byCode = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })
        var applicable: [String: Int] = [:]
        var recorded: [String: Int] = [:]
        for row in rows {
            guard let entry = byCode[row.examCode] else { continue }
            let inForce = configuration.inForce(at: row.performedAt, changes: changes)
            let day = CalendarDate(row.performedAt, in: inForce.timeZone)
            guard PregnancyRules(configuration: inForce).enquiryRequired(for: row.patient, entry, on: day) else {
                continue
            }
            applicable[row.examCode, default: 0] += 1
            if row.recorded { recorded[row.examCode, default: 0] += 1 }
        }
        let totalApplicable = applicable.values.reduce(0, +)
        let totalRecorded = recorded.values.reduce(0, +)
        let percent = StatisticsWords.share(totalRecorded, of: totalApplicable)
        let target = configuration.inForce(at: period.before, changes: changes).statisticsTargets
            .pregnancyStatusRecordedPercent
        return PregnancyRecordingReport(
            from: period.from, before: period.before, targetPercent: target, applicable: totalApplicable,
            recorded: totalRecorded, percentRecorded: percent, meetsTarget: (percent ?? 100) >= target,
            exams: applicable.keys.sorted().map { code in
                PregnancyRecordingReport.Row(
                    examCode: code, name: byCode[code]?.name ?? code, applicable: applicable[code] ?? 0,
                    recorded: recorded[code] ?? 0,
                    percentRecorded: StatisticsWords.share(recorded[code] ?? 0, of: applicable[code] ?? 0))
            })
    }
}
