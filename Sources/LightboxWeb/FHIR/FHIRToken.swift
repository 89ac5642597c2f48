import Foundation

/// A token search value (FHIR R4 §3.1.1.4.6): `code`, `system|code`, `|code` (no system) or
/// `system|` (any code in the system).
public struct FHIRToken: Sendable, Equatable {
    public enum System: Sendable, Equatable {
        /// `code`: any system.
        case any
        /// `|code`: the identifier or code has no system.
        case none
        case named(String)
    }

    public var system: System
    /// Empty for `system|`.
    public var code: String

    public init(system: System, code: String) {
        self.system = system
        self.code = code
    }

    /// Parses one alternative of a token parameter (escapes as left by `Value.alternatives`).
    public init(_ text: String) {
        let parts = FHIRSearchParameters.split(text, on: "|")
        if parts.count >= 2 {
            let system = FHIRSearchParameters.unescape(parts[0], keepingPipes: false)
            let code = FHIRSearchParameters.unescape(parts.dropFirst().joined(separator: "|"), keepingPipes: false)
            self.init(system: system.isEmpty ? .none : .named(system), code: code)
        } else {
            self.init(system: .any, code: FHIRSearchParameters.unescape(text, keepingPipes: false))
        }
    }

    /// Whether an identifier or coding `(system, value)` matches this token.
    public func matches(system candidate: String?, code value: String) -> Bool {
        switch system {
        case .any: return value == code
        case .none: return candidate == nil && value == code
        case .named(let name): return candidate == name && (code.isEmpty || value == code)
        }
    }
}
