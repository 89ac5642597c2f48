import Foundation
import LightboxDomain
import Synchronization

/// Predictable identifiers: 00000000-0000-4000-8000-000000000001, …002, …
public final class SequentialIDGenerator: IDGenerator {
    private let counter: Mutex<UInt64>
    private let prefix: String

    /// `namespace` (up to 8 hex digits) keeps several generators' ids apart.
    public init(namespace: UInt32 = 0) {
        self.counter = Mutex(0)
        self.prefix = String(format: "%08X", namespace)
    }

    public func next() -> UUID {
        let value = counter.withLock { count -> UInt64 in
            count += 1
            return count
        }
        let tail = String(format: "%012llX", value)
        // The literal parts are valid hex, so the string is always a well-formed UUID.
        return UUID(uuidString: "\(prefix)-0000-4000-8000-\(tail)") ?? UUID()
    }
}
