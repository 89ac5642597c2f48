import Foundation

/// An item of equipment in a room (DOMAIN.md "Rooms and equipment"): the X-ray tube and generator, a detector,
/// a CT scanner, a fluoroscopy unit. The station AE title is the one the item answers as on the DICOM network
/// (PS3.8 §7.1.1.6: Station AE Title in MPPS and the worklist's Scheduled Station AE Title).
public struct EquipmentItem: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var roomID: UUID
    /// What the item is ("Ceiling-mounted tube", "Wireless detector", "CT scanner").
    public var description: String
    public var maker: String
    public var model: String
    public var serialNumber: String
    public var installedOn: CalendarDate?
    /// PS3.5 §6.2 AE; nil when the item does not talk DICOM.
    public var stationAETitle: String?
    /// Taken out of service for good (kept for its QA and fault history).
    public var decommissionedOn: CalendarDate?

    public init(
        id: UUID, roomID: UUID, description: String, maker: String, model: String, serialNumber: String,
        installedOn: CalendarDate? = nil, stationAETitle: String? = nil, decommissionedOn: CalendarDate? = nil
    ) {
        self.id = id
        self.roomID = roomID
        self.description = description
        self.maker = maker
        self.model = model
        self.serialNumber = serialNumber
        self.installedOn = installedOn
        self.stationAETitle = stationAETitle
        self.decommissionedOn = decommissionedOn
    }
}
