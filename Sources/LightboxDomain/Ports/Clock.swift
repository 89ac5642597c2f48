import Foundation

/// The source of "now". Injected so that rules are checked against the moment of acting and tests can fix time.
public protocol Clock: Sendable {
    func now() -> Date
}
