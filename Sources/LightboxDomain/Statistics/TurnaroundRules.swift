import Foundation

/// Which turnaround target an exam answers to, and when its report is due.
struct TurnaroundRules {
    let configuration: DepartmentConfiguration

    enum Target {
        case allExams, inpatientRadiographs, emergencyDepartment
    }

    static func isInpatientRadiograph(_ row: TurnaroundRow) -> Bool {
        (row.patientSource == .inpatient || row.priority == .inpatient) && [.CR, .DX].contains(row.modality)
    }

    static func isEmergencyDepartment(_ row: TurnaroundRow) -> Bool {
        row.patientSource == .emergencyDepartment
    }

    func due(_ target: Target, performedAt: Date) -> Date {
        switch target {
        case .allExams:
            return performedAt.addingTimeInterval(Double(configuration.reportingTurnaroundDays) * 86_400)
        case .emergencyDepartment:
            return performedAt.addingTimeInterval(configuration.statisticsTargets.emergencyDepartmentHours * 3_600)
        case .inpatientRadiographs:
            return AlertEscalation(configuration: configuration).addingWorkingDays(
                configuration.statisticsTargets.inpatientRadiographWorkingDays, to: performedAt)
        }
    }

    func words(_ target: Target) -> String {
        switch target {
        case .allExams: "within \(configuration.reportingTurnaroundDays) days"
        case .emergencyDepartment:
            "within \(configuration.statisticsTargets.emergencyDepartmentHours.clean) hours"
        case .inpatientRadiographs:
            "within \(configuration.statisticsTargets.inpatientRadiographWorkingDays) working day"
                + (configuration.statisticsTargets.inpatientRadiographWorkingDays == 1 ? "" : "s")
        }
    }

    /// The group of `rows` against `target`, outcomes read at `asOf`.
    func group(_ key: String, _ label: String, _ rows: [TurnaroundRow], _ target: Target, asOf: Date)
        -> TurnaroundReport.Group
    {
        var within = 0
        var overdue = 0
        var awaiting = 0
        var hours: [Double] = []
        for row in rows {
            let due = due(target, performedAt: row.performedAt)
            if let issued = row.reportIssuedAt, issued <= asOf {
                hours.append(issued.timeIntervalSince(row.performedAt) / 3_600)
                if issued <= due { within += 1 }
            } else if due <= asOf {
                overdue += 1
            } else {
                awaiting += 1
            }
        }
        hours.sort()
        return TurnaroundReport.Group(
            key: key, label: label, target: words(target), performed: rows.count, reported: hours.count,
            reportedWithinTarget: within, overdue: overdue, awaitingReport: awaiting,
            percentWithinTarget: StatisticsWords.share(within, of: rows.count - awaiting),
            medianHours: Self.median(hours), ninetiethPercentileHours: Self.percentile(hours, 90))
    }

    /// The median of sorted `values` (the mean of the middle two when their number is even).
    static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank percentile of sorted `values` (nil when empty): the smallest value with at least `p` %
    /// of the values at or below it.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
