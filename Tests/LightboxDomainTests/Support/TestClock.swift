import Foundation
import LightboxDomain
import Synchronization

/// A clock the test sets and moves.
final class TestClock: Clock {
    private let current: Mutex<Date>

    init(_ start: Date) {
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    func advance(days: Double) { current.withLock { $0 = $0.addingTimeInterval(days * 86_400) } }
}

/// Predictable ids: 00000000-0000-0000-0000-000000000001, ...2, ...
final class SequentialIDs: IDGenerator {
    private let counter = Mutex(0)

    func next() -> UUID {
        let n = counter.withLock { value -> Int in
            value += 1
            return value
        }
        return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n)) ?? UUID()
    }
}
