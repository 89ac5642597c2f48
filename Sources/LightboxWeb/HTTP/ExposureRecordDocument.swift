import Foundation
import LightboxDomain

/// The exposure record as a file: CSV (RFC 4180, `key,item,value`, one row per item) or a plain,
/// printable, self-contained HTML page (no script, no external resources, every value escaped).
/// The page framework may later wrap `ExposureRecord` in its layout; this keeps the record usable now.
struct ExposureRecordDocument {
    let record: ExposureRecord

    var csv: String {
        var lines = ["key,item,value"]
        for item in record.items {
            lines.append([item.key, item.label, item.value].map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    var html: String {
        let title = "Exposure record: \(record.examName) (\(record.accessionNumber))"
        var rows = ""
        for item in record.items {
            rows += "<tr><th scope=\"row\">\(Self.escape(item.label))</th><td>\(Self.escape(item.value))</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><title>\(Self.escape(title))</title></head>
            <body>
            <h1>\(Self.escape(title))</h1>
            <table>
            \(rows)</table>
            </body>
            </html>

            """
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
