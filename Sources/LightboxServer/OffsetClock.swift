import Foundation
import LightboxDomain

/// Another clock moved by a fixed offset: the demo's appointments are booked "the day before" so
/// that a day of patients can be replayed at any time of day (a booking in the past is refused).
struct OffsetClock: Clock {
    let base: any Clock
    let offset: TimeInterval

    func now() -> Date {
        base.now().addingTimeInterval(offset)
    }
}
