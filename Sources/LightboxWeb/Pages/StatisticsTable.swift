import Foundation

/// A table of a statistics page: the text alternative of its chart and the figures themselves.
struct StatisticsTable: Sendable, Equatable {
    struct Row: Sendable, Equatable {
        var heading: String
        var cells: [String]
        /// The row breaks its target or band (shown in words too: `note`).
        var flagged: Bool
        var note: String
    }

    var caption: String
    /// The heading of the rows' own column ("Room", "Exam").
    var rowHeader: String
    var headers: [String]
    var rows: [Row]
    var hasRows: Bool
    var emptyText: String

    init(
        caption: String, rowHeader: String = "Group", headers: [String], rows: [Row],
        emptyText: String = "Nothing to count in this period."
    ) {
        self.caption = caption
        self.rowHeader = rowHeader
        self.headers = headers
        self.rows = rows
        self.hasRows = !rows.isEmpty
        self.emptyText = emptyText
    }
}
