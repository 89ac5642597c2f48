/// Command Field (0000,0100) values, PS3.7 §E.1 (Table E.1-1).
public enum CommandField: UInt16, Sendable, CaseIterable {
    case cStoreRQ = 0x0001
    case cStoreRSP = 0x8001
    case cGetRQ = 0x0010
    case cGetRSP = 0x8010
    case cFindRQ = 0x0020
    case cFindRSP = 0x8020
    case cMoveRQ = 0x0021
    case cMoveRSP = 0x8021
    case cEchoRQ = 0x0030
    case cEchoRSP = 0x8030
    case nEventReportRQ = 0x0100
    case nEventReportRSP = 0x8100
    case nGetRQ = 0x0110
    case nGetRSP = 0x8110
    case nSetRQ = 0x0120
    case nSetRSP = 0x8120
    case nActionRQ = 0x0130
    case nActionRSP = 0x8130
    case nCreateRQ = 0x0140
    case nCreateRSP = 0x8140
    case nDeleteRQ = 0x0150
    case nDeleteRSP = 0x8150
    case cCancelRQ = 0x0FFF

    /// Whether the command is a response (bit 15 set).
    public var isResponse: Bool { rawValue & 0x8000 != 0 }

    /// The response to this request (nil for responses and C-CANCEL).
    public var response: CommandField? {
        guard !isResponse, self != .cCancelRQ else { return nil }
        return CommandField(rawValue: rawValue | 0x8000)
    }
}
