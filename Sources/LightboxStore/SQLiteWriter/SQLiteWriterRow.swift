import FluentKit
import SQLKit
import SQLiteKit

/// A row the write connection returned, read the way sqlite-kit reads sqlite-nio's rows (`SQLiteDataDecoder`), so
/// a repository decodes the same values whichever SQLite connection ran its statement.
struct SQLiteWriterRow: SQLRow {
    let columns: SQLiteWriterColumns
    let values: [SQLiteData]
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool {
        columns.indexes[column] != nil
    }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.indexes[column] else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columns.indexes[column] else {
            throw DecodingError.keyNotFound(
                SQLiteWriterCodingKey(column),
                .init(codingPath: [], debugDescription: "No column named '\(column)' in the row."))
        }
        return try decoder.decode(D.self, from: values[index])
    }
}

/// The same row as FluentKit's query output, with the column prefix FluentKit asks for when it joins schemas.
struct SQLiteWriterOutput: DatabaseOutput {
    let row: SQLiteWriterRow
    let schema: String?

    var description: String { "\(zip(row.columns.names, row.values).map { "\($0): \($1)" })" }

    private func column(_ key: FieldKey) -> String {
        (schema.map { FieldKey.prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }

    func schema(_ schema: String) -> any DatabaseOutput {
        SQLiteWriterOutput(row: row, schema: schema)
    }

    func contains(_ key: FieldKey) -> Bool {
        row.contains(column: column(key))
    }

    func decodeNil(_ key: FieldKey) throws -> Bool {
        try row.decodeNil(column: column(key))
    }

    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        try row.decode(column: column(key), as: T.self)
    }
}

private struct SQLiteWriterCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
