/// Something a lenient reader could not understand, or found missing, and worked around.
///
/// `code` is stable (e.g. `sr.missing-units`); `path` locates the content item as the dotted
/// 1-based positions of PS3.3 §C.17.3.2.5 (`1.3.2`), empty for the document itself.
public struct SRWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable code naming the kind of problem.
    public var code: String
    /// Position of the content item (`1.3.2`), or empty.
    public var path: String
    /// A sentence naming the problem.
    public var message: String

    /// Creates a warning.
    public init(code: String, path: String = "", message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? "\(code): \(message)" : "\(code) at \(path): \(message)" }
}
