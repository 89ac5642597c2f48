import NIOCore

/// A DICOM file: preamble, file meta information (group 0002) and the data set. PS3.10 §7.1.
public struct DICOMFile: Sendable, Equatable {
    /// The 128-byte preamble (nil when the file had none).
    public var preamble: ByteBuffer?
    /// File Meta Information, group 0002, always explicit VR little endian. PS3.10 §7.1.
    public var fileMetaInformation: DataSet
    /// The data set.
    public var dataSet: DataSet
    /// The transfer syntax of the data set.
    public var transferSyntax: TransferSyntax

    /// Creates a file. When writing, the meta information is completed (group length, version,
    /// transfer syntax, SOP class and instance from the data set, implementation identity).
    public init(
        preamble: ByteBuffer? = nil, fileMetaInformation: DataSet = DataSet(), dataSet: DataSet,
        transferSyntax: TransferSyntax
    ) {
        self.preamble = preamble
        self.fileMetaInformation = fileMetaInformation
        self.dataSet = dataSet
        self.transferSyntax = transferSyntax
    }
}
