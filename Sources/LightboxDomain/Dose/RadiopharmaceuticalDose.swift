import Foundation

/// One radiopharmaceutical administration (PS3.16 TID 10022, 113502).
public struct RadiopharmaceuticalDose: Sendable, Codable, Equatable, Hashable {
    /// Radiopharmaceutical agent, e.g. "Fluorodeoxyglucose F^18^".
    public var radiopharmaceutical: String?
    public var radionuclide: String?
    /// Administered activity (113507), MBq.
    public var administeredActivityMBq: Double?
    /// Radiopharmaceutical Start DateTime (123003), as the report gives it.
    public var startedAt: String?
    public var route: String?

    public init(
        radiopharmaceutical: String? = nil, radionuclide: String? = nil, administeredActivityMBq: Double? = nil,
        startedAt: String? = nil, route: String? = nil
    ) {
        self.radiopharmaceutical = radiopharmaceutical
        self.radionuclide = radionuclide
        self.administeredActivityMBq = administeredActivityMBq
        self.startedAt = startedAt
        self.route = route
    }
}
