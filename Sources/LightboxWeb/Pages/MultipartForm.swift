import Foundation

/// A `multipart/form-data` body (RFC 7578), as a form with a file input sends it: each part's name, file name and
/// text. Only what the pages need: text parts and text files, UTF-8.
struct MultipartForm: Sendable, Equatable {
    struct Part: Sendable, Equatable {
        var name: String
        var fileName: String?
        var text: String
    }

    var parts: [Part]

    /// The boundary of a `multipart/form-data; boundary=…` content type (RFC 2046 §5.1.1), or nil.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// Parses `body`; nil when it is not multipart with this boundary or not UTF-8.
    init?(_ body: [UInt8], boundary: String) {
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        let delimiter = "--" + boundary
        var sections = text.components(separatedBy: delimiter)
        guard sections.count >= 2 else { return nil }
        sections.removeFirst()  // the preamble
        var parts: [Part] = []
        for section in sections {
            if section.hasPrefix("--") { break }  // the close delimiter
            var body = section
            if body.hasPrefix("\r\n") { body.removeFirst() }
            guard let split = body.range(of: "\r\n\r\n") else { return nil }
            let headers = body[..<split.lowerBound].components(separatedBy: "\r\n")
            var content = String(body[split.upperBound...])
            if content.hasSuffix("\r\n") { content.removeLast() }
            guard
                let disposition = headers.first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                let name = Self.parameter("name", in: disposition)
            else { return nil }
            parts.append(Part(name: name, fileName: Self.parameter("filename", in: disposition), text: content))
        }
        self.parts = parts
    }

    /// The first part named `name`.
    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// `name="value"` of a Content-Disposition header.
    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(name + "=") else { continue }
            var value = String(pair.dropFirst(name.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
