import Foundation

/// Encodes a domain value as the JSON document column of its row, and back.
///
/// Dates keep Foundation's default encoding (seconds as a `Double`), which round-trips every `Date` exactly; the
/// indexed columns beside the document are what queries use, so the document's format is never searched.
struct DocumentCoder: Sendable {
    func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func decode<T: Decodable>(_ type: T.Type, from document: String, table: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(document.utf8))
        } catch {
            throw LightboxStoreError.corruptRow(table: table, "its document is not a valid \(T.self): \(error)")
        }
    }
}

extension String {
    /// The family-name search key: lower case, letters and digits only (as the domain's name matching).
    var familyNameSearchKey: String {
        lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
