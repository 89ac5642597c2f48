import NIOCore

/// A DIMSE command set: the group 0000 elements of PS3.7 §E.1, always encoded in Implicit VR
/// Little Endian with Command Group Length (0000,0000) first (PS3.7 §6.3.1).
public struct CommandSet: Sendable, Equatable {
    /// A command element value; the VR of each element is fixed by PS3.7 Table E.1-1.
    public enum Value: Sendable, Equatable {
        /// UI: padded with a NUL to even length.
        case uid(String)
        /// AE, LO: padded with a space to even length.
        case text(String)
        /// US.
        case uint16(UInt16)
        /// UL.
        case uint32(UInt32)
        /// AT: a list of tags (group << 16 | element).
        case tags([UInt32])
    }

    /// Command element numbers (group 0000), PS3.7 Table E.1-1.
    public enum Element: UInt16, Sendable, CaseIterable {
        case commandGroupLength = 0x0000
        case affectedSOPClassUID = 0x0002
        case requestedSOPClassUID = 0x0003
        case commandField = 0x0100
        case messageID = 0x0110
        case messageIDBeingRespondedTo = 0x0120
        case moveDestination = 0x0600
        case priority = 0x0700
        case commandDataSetType = 0x0800
        case status = 0x0900
        case offendingElement = 0x0901
        case errorComment = 0x0902
        case errorID = 0x0903
        case affectedSOPInstanceUID = 0x1000
        case requestedSOPInstanceUID = 0x1001
        case eventTypeID = 0x1002
        case attributeIdentifierList = 0x1005
        case actionTypeID = 0x1008
        case numberOfRemainingSuboperations = 0x1020
        case numberOfCompletedSuboperations = 0x1021
        case numberOfFailedSuboperations = 0x1022
        case numberOfWarningSuboperations = 0x1023
        case moveOriginatorApplicationEntityTitle = 0x1030
        case moveOriginatorMessageID = 0x1031
    }

    /// Command Data Set Type (0000,0800) value meaning "no data set", PS3.7 §E.1.
    public static let noDataSet: UInt16 = 0x0101
    /// The value we send for "a data set follows" (any other value means the same on receipt).
    public static let dataSetPresent: UInt16 = 0x0000

    /// Elements by element number (group 0000); Command Group Length is computed when encoding.
    public var elements: [UInt16: Value]

    public init(elements: [UInt16: Value] = [:]) {
        self.elements = elements
    }

    public subscript(_ element: Element) -> Value? {
        get { elements[element.rawValue] }
        set { elements[element.rawValue] = newValue }
    }

    // MARK: Typed access

    public var commandField: CommandField? {
        guard case .uint16(let v) = self[.commandField] else { return nil }
        return CommandField(rawValue: v)
    }

    public var messageID: UInt16? { uint16(.messageID) }
    public var messageIDBeingRespondedTo: UInt16? { uint16(.messageIDBeingRespondedTo) }
    public var status: DIMSEStatus? { uint16(.status).map(DIMSEStatus.init(rawValue:)) }
    public var affectedSOPClassUID: String? { string(.affectedSOPClassUID) }
    public var affectedSOPInstanceUID: String? { string(.affectedSOPInstanceUID) }
    public var requestedSOPClassUID: String? { string(.requestedSOPClassUID) }
    public var requestedSOPInstanceUID: String? { string(.requestedSOPInstanceUID) }
    public var moveDestination: String? { string(.moveDestination) }
    public var errorComment: String? { string(.errorComment) }

    /// Whether a data set follows the command (0000,0800) ≠ 0x0101.
    public var hasDataSet: Bool {
        get { uint16(.commandDataSetType).map { $0 != Self.noDataSet } ?? false }
        set { self[.commandDataSetType] = .uint16(newValue ? Self.dataSetPresent : Self.noDataSet) }
    }

    /// The SOP class a request or response concerns (affected, else requested).
    public var sopClassUID: String? { affectedSOPClassUID ?? requestedSOPClassUID }

    public func uint16(_ element: Element) -> UInt16? {
        guard case .uint16(let v) = self[element] else { return nil }
        return v
    }

    public func string(_ element: Element) -> String? {
        switch self[element] {
        case .uid(let s), .text(let s): s
        default: nil
        }
    }
}
