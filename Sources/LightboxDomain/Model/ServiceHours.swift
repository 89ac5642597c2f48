import Foundation

/// When a room is staffed for booked work (DOMAIN.md "Service hours": 7 days, 08:00 to 20:00 by default): the days
/// of the week it opens and its hours on those days, in the department's time zone. Emergencies are booked whenever
/// they come.
public struct ServiceHours: Sendable, Codable, Equatable {
    /// ISO 8601 weekdays the room opens: 1 Monday … 7 Sunday.
    public var days: [Int]
    /// The hour it opens (0…23) and the hour it closes (1…24), local time.
    public var opens: Int
    public var closes: Int

    public init(days: [Int], opens: Int, closes: Int) {
        self.days = days
        self.opens = opens
        self.closes = closes
    }

    /// Every day, from the department's configured hours.
    public static func everyDay(_ hours: ClosedRange<Int>) -> ServiceHours {
        ServiceHours(days: Array(1...7), opens: hours.lowerBound, closes: hours.upperBound)
    }

    /// What is wrong with these hours, field by field.
    public var problems: [FieldProblem] {
        var problems: [FieldProblem] = []
        if days.isEmpty || !days.allSatisfy({ (1...7).contains($0) }) || Set(days).count != days.count {
            problems.append(
                FieldProblem("serviceHours.days", "must be distinct weekdays from 1 (Monday) to 7 (Sunday)"))
        }
        if !(0...23).contains(opens) {
            problems.append(FieldProblem("serviceHours.opens", "must be an hour from 0 to 23"))
        }
        if !(1...24).contains(closes) || closes <= opens {
            problems.append(FieldProblem("serviceHours.closes", "must be an hour after opening, at most 24"))
        }
        return problems
    }

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "Mon–Fri 08:00 to 18:00", "every day 08:00 to 20:00".
    public var description: String {
        let sorted = days.sorted()
        let dayText: String
        if sorted == Array(1...7) {
            dayText = "every day"
        } else if let first = sorted.first, let last = sorted.last, sorted == Array(first...last), sorted.count > 2 {
            dayText = "\(Self.dayNames[first - 1])–\(Self.dayNames[last - 1])"
        } else {
            dayText = sorted.map { Self.dayNames[$0 - 1] }.joined(separator: ", ")
        }
        return "\(dayText) \(String(format: "%02d:00", opens)) to \(String(format: "%02d:00", closes))"
    }
}
