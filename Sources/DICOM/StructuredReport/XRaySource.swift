/// One X-ray source of a CT acquisition. PS3.16 TID 10013 (CT X-Ray Source Parameters, 113831).
public struct XRaySource: Sendable, Hashable, Codable {
    /// Identification of the X-Ray Source (113832).
    public var identification: String?
    /// KVP (113733), kV.
    public var kvp: DoseQuantity?
    /// Maximum X-Ray Tube Current (113833), mA.
    public var maximumTubeCurrent: DoseQuantity?
    /// X-Ray Tube Current (113734), mA.
    public var tubeCurrent: DoseQuantity?
    /// Exposure Time per Rotation (113834), s.
    public var exposureTimePerRotation: DoseQuantity?

    /// An empty source.
    public init() {}
}
