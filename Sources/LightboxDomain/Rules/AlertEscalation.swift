import Foundation

/// When an unacknowledged report alert escalates: after its category's clock from verification,
/// and one level more for every further period of that clock, until the referrer's team
/// acknowledges it.
struct AlertEscalation {
    let configuration: DepartmentConfiguration

    /// The moment the alert escalates to `level` (1: the first escalation).
    func due(_ category: FindingAlert, from start: Date, level: Int = 1) -> Date {
        let clocks = configuration.alertClocks
        let steps = max(level, 1)
        switch category {
        case .critical: return start.addingTimeInterval(clocks.criticalHours * 3600 * Double(steps))
        case .urgent: return start.addingTimeInterval(clocks.urgentHours * 3600 * Double(steps))
        case .significantUnexpected:
            return start.addingTimeInterval(clocks.significantUnexpectedDays * 86_400 * Double(steps))
        case .cancer: return addingWorkingDays(clocks.cancerWorkingDays * steps, to: start)
        }
    }

    /// How many escalation periods have passed without acknowledgement (0: not yet due).
    func level(_ category: FindingAlert, from start: Date, now: Date) -> Int {
        var level = 0
        // Bounded: a forgotten alert still answers quickly (it is at least this overdue).
        while level < 1000, due(category, from: start, level: level + 1) <= now { level += 1 }
        return level
    }

    /// Working days (Monday to Friday) after `start`, at the same time of day.
    func addingWorkingDays(_ days: Int, to start: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        var moment = start
        var remaining = days
        while remaining > 0 {
            moment = calendar.date(byAdding: .day, value: 1, to: moment) ?? moment.addingTimeInterval(86_400)
            if !calendar.isDateInWeekend(moment) { remaining -= 1 }
        }
        return moment
    }
}
