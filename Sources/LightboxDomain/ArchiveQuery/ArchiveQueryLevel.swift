/// The levels of the Query/Retrieve information models, PS3.4 §C.3 (Query/Retrieve Level (0008,0052)), shared by
/// C-FIND and QIDO-RS (PS3.18 §10.6: studies, series, instances).
public enum ArchiveQueryLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case patient = "PATIENT"
    case study = "STUDY"
    case series = "SERIES"
    case image = "IMAGE"

    /// Deeper levels sort after shallower ones (patient < study < series < image).
    public var depth: Int {
        switch self {
        case .patient: 0
        case .study: 1
        case .series: 2
        case .image: 3
        }
    }

    public static func < (lhs: ArchiveQueryLevel, rhs: ArchiveQueryLevel) -> Bool { lhs.depth < rhs.depth }
}
