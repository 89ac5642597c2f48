import Foundation

/// The unit that produced a dose report (PS3.16 TID 1004 device observer, or the header's General
/// Equipment module PS3.3 §C.7.5.1). Joins the exposure record as "room and equipment".
public struct DoseEquipment: Sendable, Codable, Equatable, Hashable {
    public var manufacturer: String?
    public var modelName: String?
    public var serialNumber: String?
    public var stationName: String?
    /// Device Observer UID (121012, DCM).
    public var deviceUID: String?

    public init(
        manufacturer: String? = nil, modelName: String? = nil, serialNumber: String? = nil,
        stationName: String? = nil, deviceUID: String? = nil
    ) {
        self.manufacturer = manufacturer
        self.modelName = modelName
        self.serialNumber = serialNumber
        self.stationName = stationName
        self.deviceUID = deviceUID
    }

    /// "Maker Model (serial S, station N)", or nil when nothing is known.
    public var description: String? {
        let name = [manufacturer, modelName].compactMap { $0?.trimmed.nilIfEmpty }.joined(separator: " ")
        var extras: [String] = []
        if let serial = serialNumber?.trimmed.nilIfEmpty { extras.append("serial \(serial)") }
        if let station = stationName?.trimmed.nilIfEmpty { extras.append("station \(station)") }
        let text = name + (extras.isEmpty ? "" : (name.isEmpty ? "" : " ") + "(" + extras.joined(separator: ", ") + ")")
        return text.nilIfEmpty
    }
}
