/// One radiopharmaceutical administration. PS3.16 TID 10022 (113502).
public struct RadiopharmaceuticalAdministration: Sendable, Hashable, Codable {
    /// Radiopharmaceutical Agent (349358000 SCT / F-61FDB SRT) meaning, or its text.
    public var agent: String?
    /// Radionuclide (89457008 SCT / C-10072 SRT) meaning, or its text.
    public var radionuclide: String?
    /// Administered activity (113507), MBq.
    public var administeredActivity: DoseQuantity?
    /// Radiopharmaceutical Start DateTime (123003), as stored.
    public var startDateTime: String?
    /// Radiopharmaceutical Stop DateTime (123004), as stored.
    public var stopDateTime: String?
    /// Route of administration (410675002 SCT / G-C340 SRT) meaning.
    public var route: String?
    /// Radiopharmaceutical Administration Event UID (113769 or 113503).
    public var uid: String?

    /// An empty administration.
    public init() {}
}
