/// How an attribute's value is matched, from its value representation (PS3.4 §C.2.2.2): which of single value,
/// wildcard, list of UID, range and sequence matching apply to it.
public enum ArchiveValueKind: String, Sendable, Codable, CaseIterable {
    /// Strings matched with wildcards, case-sensitively (AE, CS, LO, SH, LT, ST, UC, UT…), PS3.4 §C.2.2.2.4.
    case text
    /// Person names (PN): wildcards, matched case-insensitively as the conformance statement declares
    /// (PS3.4 §C.2.2.2.1 lets the SCP say so).
    case personName
    /// DA: single value or range, PS3.4 §C.2.2.2.5.
    case date
    /// TM: single value or range.
    case time
    /// DT: single value or range.
    case dateTime
    /// UI: single value or list of UIDs, PS3.4 §C.2.2.2.2; never wildcards.
    case uid
    /// Numbers and the other VRs wildcards do not apply to (IS, DS, US, AS…): single value only.
    case exact
    /// SQ: sequence matching, PS3.4 §C.2.2.2.6.
    case sequence
}
