import Foundation
import LightboxDomain
import Synchronization

/// A clock that stands still until a test moves it.
public final class FixedClock: Clock {
    private let current: Mutex<Date>

    /// Starts at `date` (default: 2026-03-02 09:00 UTC, a Monday inside service hours).
    public init(_ date: Date = Date(timeIntervalSince1970: 1_772_442_000)) {
        self.current = Mutex(date)
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
