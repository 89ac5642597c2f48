import Foundation

/// New UIDs for the originals of one export (PS3.15 §E.1.1, action U: "internally consistent within a set of
/// instances"): the same original UID always becomes the same new UID, so a study's series, its instances and the
/// references between them stay linked, while nothing of the original UID survives. New UIDs are UUID-derived
/// (`2.25.` and the UUID as a decimal integer, PS3.5 §B.2).
public struct DeidentificationUIDMap: Sendable {
    /// Original UID → new UID, for every UID replaced so far.
    public private(set) var mapping: [String: String] = [:]
    private let generate: @Sendable () -> UUID

    /// A map drawing new UIDs from `generate` (random UUIDs by default; a test passes a fixed sequence).
    public init(generate: @escaping @Sendable () -> UUID = { UUID() }) {
        self.generate = generate
    }

    /// The new UID of `original` (trimmed of padding), made on first use.
    public mutating func map(_ original: String) -> String {
        let key = original.trimmingCharacters(in: CharacterSet(charactersIn: "\0 "))
        if let known = mapping[key] { return known }
        var made = Self.uid(from: generate())
        while mapping.values.contains(made) { made = Self.uid(from: generate()) }
        mapping[key] = made
        return made
    }

    /// `2.25.` followed by the UUID's 128 bits as an unsigned decimal integer without leading zeros (PS3.5 §B.2).
    public static func uid(from uuid: UUID) -> String {
        let bytes = uuid.uuid
        let all = [
            bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7, bytes.8, bytes.9, bytes.10,
            bytes.11, bytes.12, bytes.13, bytes.14, bytes.15,
        ]
        var value: UInt128 = 0
        for byte in all { value = value << 8 | UInt128(byte) }
        return "2.25." + String(value)
    }
}
