import Foundation

/// Writes CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break). A text cell
/// that a spreadsheet would run as a formula (starting =, +, @, or - not followed by a number) gets a leading
/// apostrophe, so a name typed into Lightbox can never become a formula in the manager's spreadsheet.
struct CSVWriter {
    static func document(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ raw: String) -> String {
        var text = raw
        if let first = text.first {
            let formula = first == "=" || first == "+" || first == "@" || first == "\t" || first == "\r"
            let dash = first == "-" && Double(text) == nil
            if formula || dash { text = "'" + text }
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number for a CSV cell: whole numbers plainly, others to two decimal places; empty when absent.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value.rounded() == value ? String(Int(value)) : String(format: "%.2f", value)
    }
}
