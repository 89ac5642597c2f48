import Foundation

/// An `application/x-www-form-urlencoded` body (WHATWG URL §5.1), as the pages' forms send it.
struct FormBody: Sendable, Equatable {
    /// Every name and value in order (a name may repeat: checkboxes).
    var pairs: [(name: String, value: String)]

    init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// Parses the body; `+` is a space and `%XX` a byte of UTF-8.
    init(_ text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            return (name, value)
        }
    }

    static func == (lhs: FormBody, rhs: FormBody) -> Bool {
        lhs.pairs.map(\.name) == rhs.pairs.map(\.name) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first value of `name`, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard
            let value = pairs.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        return value
    }

    /// Every value of `name` (ticked checkboxes).
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }
}
