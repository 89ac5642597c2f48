/// The one error type of the DICOM module: a stable code, where it happened, and what was wrong.
public struct DICOMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error codes; their raw values never change meaning.
    public enum Code: String, Sendable, Equatable {
        /// The bytes are not a DICOM Part 10 file nor a recognisable raw data set.
        case notDICOM = "dicom.not-dicom"
        /// The data ended before a header or value was complete.
        case truncated = "dicom.truncated"
        /// A declared length exceeds the bytes that remain, or is otherwise impossible.
        case invalidLength = "dicom.invalid-length"
        /// A structural violation: a misplaced delimiter, an item outside a sequence, a bad item tag.
        case malformed = "dicom.malformed"
        /// Sequences nest deeper than the reader's limit.
        case nestingTooDeep = "dicom.nesting-too-deep"
        /// Inflating a deflated data set would exceed the reader's limit.
        case inflationLimit = "dicom.inflation-limit"
        /// The deflated stream is corrupt.
        case deflate = "dicom.deflate"
        /// The transfer syntax is unknown or not supported for this operation.
        case unsupportedTransferSyntax = "dicom.unsupported-transfer-syntax"
        /// The file meta information is missing or unusable.
        case invalidFileMeta = "dicom.invalid-file-meta"
        /// A value cannot be encoded with the requested VR or character set.
        case unencodableValue = "dicom.unencodable-value"
        /// The file could not be read from disk.
        case io = "dicom.io"
        /// Pixel attributes are inconsistent with the pixel data (overflow, short data).
        case invalidPixelData = "dicom.invalid-pixel-data"
        /// The instance cannot be de-identified by the profile asked for (e.g. identity burned into the pixels).
        case deidentificationRefused = "dicom.deidentification-refused"
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// Byte offset from the start of the file (or buffer) where the problem was found; nil when not applicable.
    public let offset: Int?
    /// The tag of the element being read or written; nil when not applicable.
    public let tag: Tag?
    /// A sentence naming the problem.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, offset: Int? = nil, tag: Tag? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.tag = tag
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let tag { text += " at tag \(tag)" }
        if let offset { text += " (byte offset \(offset))" }
        return text
    }
}
