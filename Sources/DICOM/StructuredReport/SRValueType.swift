/// The value type of a content item: Value Type (0040,A040). PS3.3 §C.17.3.2.1.
public enum SRValueType: String, Sendable, Hashable, Codable, CaseIterable {
    case container = "CONTAINER"
    case text = "TEXT"
    case code = "CODE"
    case num = "NUM"
    case dateTime = "DATETIME"
    case date = "DATE"
    case time = "TIME"
    case uidRef = "UIDREF"
    case personName = "PNAME"
    case composite = "COMPOSITE"
    case image = "IMAGE"
    case waveform = "WAVEFORM"
    case scoord = "SCOORD"
    case scoord3D = "SCOORD3D"
    case tcoord = "TCOORD"
    case table = "TABLE"
}
