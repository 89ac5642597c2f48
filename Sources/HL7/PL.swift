/// PL: person location (HL7 v2.5.1 §2.A.53), e.g. PV1-3 assigned patient location.
public struct PL: Sendable, Hashable {
    /// PL.1 point of care (nursing unit, clinic).
    public var pointOfCare: String?
    /// PL.2 room.
    public var room: String?
    /// PL.3 bed.
    public var bed: String?
    /// PL.4 facility (HD).
    public var facility: HD?
    /// PL.5 location status.
    public var locationStatus: String?
    /// PL.6 person location type (table 0305).
    public var personLocationType: String?
    /// PL.7 building.
    public var building: String?
    /// PL.8 floor.
    public var floor: String?
    /// PL.9 location description.
    public var locationDescription: String?

    public init(_ f: Field) {
        pointOfCare = f.t(1)
        room = f.t(2)
        bed = f.t(3)
        let hd = HD(f.part(4))
        facility = hd.isEmpty ? nil : hd
        locationStatus = f.t(5)
        personLocationType = f.t(6)
        building = f.t(7)
        floor = f.t(8)
        locationDescription = f.t(9)
    }
}
