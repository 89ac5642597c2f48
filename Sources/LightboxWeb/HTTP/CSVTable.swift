import Foundation

/// A parsed CSV document (RFC 4180: comma-separated, fields optionally in double quotes, `""`
/// inside quotes for a quote, CRLF or LF line ends). The first record is the header row.
public struct CSVTable: Sendable, Equatable {
    /// A syntax error, with the 1-based line where it was found.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var problem: String
        public var description: String { "line \(line): \(problem)" }
    }

    public var header: [String]
    /// Data records with the line number each starts on.
    public var rows: [(line: Int, fields: [String])]

    public static func == (lhs: CSVTable, rhs: CSVTable) -> Bool {
        lhs.header == rhs.header && lhs.rows.count == rhs.rows.count
            && zip(lhs.rows, rhs.rows).allSatisfy { $0.line == $1.line && $0.fields == $1.fields }
    }

    /// Parses `text`, refusing more than `maxRows` data rows so one upload cannot exhaust memory.
    public init(parsing text: String, maxRows: Int) throws(SyntaxError) {
        var records: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var afterQuote = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while index < scalars.count {
            let c = scalars[index]
            if inQuotes {
                if c == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case ",":
                    fields.append(field)
                    field = ""
                    afterQuote = false
                case "\r":
                    break
                case "\n":
                    endRecord()
                    afterQuote = false
                    line += 1
                    recordLine = line
                    if records.count > maxRows + 1 {
                        throw SyntaxError(line: line, problem: "more than \(maxRows) rows; split the file")
                    }
                case "\"":
                    guard field.isEmpty, !afterQuote else {
                        throw SyntaxError(line: line, problem: "a quote inside an unquoted field")
                    }
                    inQuotes = true
                default:
                    if afterQuote { throw SyntaxError(line: line, problem: "text after a closing quote") }
                    field.unicodeScalars.append(c)
                }
            }
            index += 1
        }
        if inQuotes { throw SyntaxError(line: recordLine, problem: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else {
            throw SyntaxError(line: 1, problem: "the file is empty; a header row is needed")
        }
        if records.count - 1 > maxRows {
            throw SyntaxError(line: line, problem: "more than \(maxRows) rows; split the file")
        }
        self.header = first.1.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = records.dropFirst().map { (line: $0.0, fields: $0.1) }
    }
}
