import Foundation

/// One key and value of a summary list (NHS design system "Summary list").
struct SummaryRow: Sendable, Equatable {
    var key: String
    var value: String

    init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
