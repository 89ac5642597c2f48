import Foundation
import HL7

extension DTM {
    /// A moment as an HL7 timestamp in UTC to the millisecond (HL7 v2.5.1 §2.A.22).
    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let millis = (c.nanosecond ?? 0) / 1_000_000
        self.init(
            year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0, minute: c.minute ?? 0,
            second: c.second ?? 0, fraction: String(String(millis + 1_000).dropFirst()), utcOffsetMinutes: 0,
            precision: .fraction)
    }
}
