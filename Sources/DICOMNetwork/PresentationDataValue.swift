import NIOCore

/// A presentation data value item, PS3.8 §9.3.5.1 and Annex E.2.
public struct PresentationDataValue: Sendable, Equatable {
    /// Message control header, PS3.8 Annex E.2.
    public struct MessageControlHeader: Sendable, Equatable {
        /// Bit 0: the fragment holds command information (else data set information).
        public var isCommand: Bool
        /// Bit 1: the fragment is the last of its command or data set.
        public var isLast: Bool

        public init(isCommand: Bool, isLast: Bool) {
            self.isCommand = isCommand
            self.isLast = isLast
        }

        /// The encoded byte.
        public var byte: UInt8 { (isCommand ? 0x01 : 0) | (isLast ? 0x02 : 0) }

        /// Decodes the byte; bits 2-7 are reserved and ignored on receipt.
        public init(byte: UInt8) {
            isCommand = byte & 0x01 != 0
            isLast = byte & 0x02 != 0
        }
    }

    /// Presentation context ID (odd, 1-255).
    public var presentationContextID: UInt8
    public var header: MessageControlHeader
    /// The fragment.
    public var data: ByteBuffer

    public init(presentationContextID: UInt8, header: MessageControlHeader, data: ByteBuffer) {
        self.presentationContextID = presentationContextID
        self.header = header
        self.data = data
    }

    /// The error for an item whose length does not fit its PDU (PS3.8 §9.3.5.1).
    static let inconsistentItemLength = DICOMNetworkError(
        .malformedPDU, "presentation data value item length inconsistent")
}
