import Foundation
import LightboxDomain

/// Random (version 4) UUIDs.
public struct RandomIDGenerator: IDGenerator {
    public init() {}
    public func next() -> UUID { UUID() }
}
