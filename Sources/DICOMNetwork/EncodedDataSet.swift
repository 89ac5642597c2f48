import NIOCore

/// A data set as it travels on the network: its bytes in a transfer syntax (PS3.5 §7). Parsing
/// them into elements is the `DICOM` module's job; the network layer moves bytes.
public struct EncodedDataSet: Sendable, Equatable {
    public var bytes: ByteBuffer
    public var transferSyntaxUID: String

    public init(bytes: ByteBuffer, transferSyntaxUID: String) {
        self.bytes = bytes
        self.transferSyntaxUID = transferSyntaxUID
    }
}
