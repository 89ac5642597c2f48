import Foundation
import NIOCore

/// A multipart/related body (RFC 2387) as WADO-RS answers with (PS3.18 §8.7.3.3.1) and STOW-RS takes: parts with
/// their own Content-Type, between boundary lines.
struct DICOMwebMultipart: Sendable {
    let boundary: String

    init(boundary: String = "lightbox-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()) {
        self.boundary = boundary
    }

    /// The Content-Type of the whole body, with the parts' media type.
    func contentType(type: String, transferSyntax: String? = nil) -> String {
        "multipart/related; type=\"\(type)\"; boundary=\(boundary)"
    }

    /// The lines before a part's bytes.
    func partHeader(contentType: String, location: String? = nil) -> ByteBuffer {
        var text = "--\(boundary)\r\nContent-Type: \(contentType)\r\n"
        if let location { text += "Content-Location: \(location)\r\n" }
        text += "\r\n"
        return ByteBuffer(string: text)
    }

    /// The line after a part's bytes.
    var partEnd: ByteBuffer { ByteBuffer(string: "\r\n") }

    /// The closing boundary.
    var close: ByteBuffer { ByteBuffer(string: "--\(boundary)--\r\n") }

    /// The parts of a multipart body with this Content-Type header (its `boundary` parameter), each as its headers
    /// (lower-cased names) and bytes. Throws a description of what is wrong.
    static func parts(of body: ByteBuffer, contentType: String) throws -> [(
        headers: [String: String], body: ByteBuffer
    )] {
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else {
            throw MultipartError("the Content-Type has no boundary parameter")
        }
        let bytes = Array(body.readableBytesView)
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var index = 0
        while let found = find(delimiter, in: bytes, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { throw MultipartError("the body holds no part between boundaries") }
        var parts: [(headers: [String: String], body: ByteBuffer)] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            // The boundary line ends with CRLF (or "--" for the closing one).
            if bytes.count >= partStart + 2 && bytes[partStart] == 0x0D && bytes[partStart + 1] == 0x0A {
                partStart += 2
            }
            var partEnd = end
            if partEnd >= 2 && bytes[partEnd - 2] == 0x0D && bytes[partEnd - 1] == 0x0A { partEnd -= 2 }
            guard partStart <= partEnd else { throw MultipartError("a part is cut short") }
            let part = bytes[partStart..<partEnd]
            guard let split = find(Array("\r\n\r\n".utf8), in: Array(part), from: 0) else {
                throw MultipartError("a part has no blank line after its headers")
            }
            let headerText = String(decoding: part.prefix(split), as: UTF8.self)
            var headers: [String: String] = [:]
            for line in headerText.split(separator: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased().trimmingCharacters(in: .whitespaces)] =
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            parts.append((headers, ByteBuffer(bytes: part.dropFirst(split + 4))))
        }
        return parts
    }

    /// A parameter of a media type (`boundary`, `type`, `transfer-syntax`), unquoted.
    static func parameter(_ name: String, in mediaType: String) -> String? {
        for piece in mediaType.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && Array(haystack[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}

/// A multipart body that cannot be read.
struct MultipartError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
