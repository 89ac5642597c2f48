/// A transfer syntax: how a data set is encoded. PS3.5 §10 and Annex A.
public struct TransferSyntax: Hashable, Sendable, CustomStringConvertible {
    /// The transfer syntax UID.
    public let uid: String
    /// VRs are written in each element header (false: implicit VR, taken from the dictionary).
    public let isExplicitVR: Bool
    /// Byte order of binary values and headers.
    public let isLittleEndian: Bool
    /// The data set after the file meta information is a raw deflate stream (RFC 1951). PS3.5 §A.5.
    public let isDeflated: Bool
    /// Pixel data is encapsulated in fragments (PS3.5 §A.4).
    public let isEncapsulated: Bool

    /// Describes a transfer syntax.
    public init(
        uid: String, isExplicitVR: Bool, isLittleEndian: Bool, isDeflated: Bool = false, isEncapsulated: Bool = false
    ) {
        self.uid = uid
        self.isExplicitVR = isExplicitVR
        self.isLittleEndian = isLittleEndian
        self.isDeflated = isDeflated
        self.isEncapsulated = isEncapsulated
    }

    /// The transfer syntax for a UID. A UID the standard does not list is taken as explicit VR little endian
    /// with encapsulated pixel data, as PS3.5 §A.4 requires of every compressed transfer syntax.
    public init(uid: String) {
        let trimmed = uid.trimmingDICOMPadding()
        if let known = TransferSyntax.known.first(where: { $0.uid == trimmed }) {
            self = known
        } else {
            self.init(uid: trimmed, isExplicitVR: true, isLittleEndian: true, isEncapsulated: true)
        }
    }

    /// True when the UID is one the standard lists (PS3.6 Annex A).
    public var isKnown: Bool { TransferSyntax.known.contains { $0.uid == uid } }

    /// The name from the UID registry, or the UID.
    public var description: String { UIDRegistry.entry(for: uid)?.name ?? uid }

    /// Implicit VR Little Endian, the default. PS3.5 §A.1.
    public static let implicitVRLittleEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2", isExplicitVR: false, isLittleEndian: true)
    /// Explicit VR Little Endian. PS3.5 §A.2.
    public static let explicitVRLittleEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2.1", isExplicitVR: true, isLittleEndian: true)
    /// Encapsulated Uncompressed Explicit VR Little Endian. PS3.5 §A.4.11.
    public static let encapsulatedUncompressedExplicitVRLittleEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2.1.98", isExplicitVR: true, isLittleEndian: true, isEncapsulated: true)
    /// Deflated Explicit VR Little Endian. PS3.5 §A.5.
    public static let deflatedExplicitVRLittleEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2.1.99", isExplicitVR: true, isLittleEndian: true, isDeflated: true)
    /// Explicit VR Big Endian (retired). PS3.5 §A.3.
    public static let explicitVRBigEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2.2", isExplicitVR: true, isLittleEndian: false)
    /// JPEG Baseline (Process 1). PS3.5 §A.4.1.
    public static let jpegBaseline8Bit = encapsulated("1.2.840.10008.1.2.4.50")
    /// JPEG Extended (Process 2 and 4).
    public static let jpegExtended12Bit = encapsulated("1.2.840.10008.1.2.4.51")
    /// JPEG Lossless, Non-Hierarchical (Process 14).
    public static let jpegLossless = encapsulated("1.2.840.10008.1.2.4.57")
    /// JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1]).
    public static let jpegLosslessSV1 = encapsulated("1.2.840.10008.1.2.4.70")
    /// JPEG-LS Lossless. PS3.5 §A.4.3.
    public static let jpegLSLossless = encapsulated("1.2.840.10008.1.2.4.80")
    /// JPEG-LS Lossy (Near-Lossless).
    public static let jpegLSNearLossless = encapsulated("1.2.840.10008.1.2.4.81")
    /// JPEG 2000 Lossless Only. PS3.5 §A.4.4.
    public static let jpeg2000Lossless = encapsulated("1.2.840.10008.1.2.4.90")
    /// JPEG 2000.
    public static let jpeg2000 = encapsulated("1.2.840.10008.1.2.4.91")
    /// JPEG 2000 Part 2 Multi-component Lossless Only.
    public static let jpeg2000MCLossless = encapsulated("1.2.840.10008.1.2.4.92")
    /// JPEG 2000 Part 2 Multi-component.
    public static let jpeg2000MC = encapsulated("1.2.840.10008.1.2.4.93")
    /// High-Throughput JPEG 2000 Lossless Only. PS3.5 §A.4.11.
    public static let htj2kLossless = encapsulated("1.2.840.10008.1.2.4.201")
    /// High-Throughput JPEG 2000 with RPCL Options Lossless Only.
    public static let htj2kLosslessRPCL = encapsulated("1.2.840.10008.1.2.4.202")
    /// High-Throughput JPEG 2000.
    public static let htj2k = encapsulated("1.2.840.10008.1.2.4.203")
    /// RLE Lossless. PS3.5 §A.4.2 and Annex G.
    public static let rleLossless = encapsulated("1.2.840.10008.1.2.5")

    private static func encapsulated(_ uid: String) -> TransferSyntax {
        TransferSyntax(uid: uid, isExplicitVR: true, isLittleEndian: true, isEncapsulated: true)
    }

    /// Every transfer syntax of PS3.6 Annex A with its encoding properties, including retired JPEG processes,
    /// MPEG/HEVC video, JPIP, JPEG XL and Papyrus 3 (explicit VR little endian and encapsulated unless noted).
    public static let known: [TransferSyntax] = [
        implicitVRLittleEndian, explicitVRLittleEndian, encapsulatedUncompressedExplicitVRLittleEndian,
        deflatedExplicitVRLittleEndian, explicitVRBigEndian,
        jpegBaseline8Bit, jpegExtended12Bit,
        encapsulated("1.2.840.10008.1.2.4.52"), encapsulated("1.2.840.10008.1.2.4.53"),
        encapsulated("1.2.840.10008.1.2.4.54"), encapsulated("1.2.840.10008.1.2.4.55"),
        encapsulated("1.2.840.10008.1.2.4.56"), jpegLossless, encapsulated("1.2.840.10008.1.2.4.58"),
        encapsulated("1.2.840.10008.1.2.4.59"), encapsulated("1.2.840.10008.1.2.4.60"),
        encapsulated("1.2.840.10008.1.2.4.61"), encapsulated("1.2.840.10008.1.2.4.62"),
        encapsulated("1.2.840.10008.1.2.4.63"), encapsulated("1.2.840.10008.1.2.4.64"),
        encapsulated("1.2.840.10008.1.2.4.65"), encapsulated("1.2.840.10008.1.2.4.66"),
        jpegLosslessSV1, jpegLSLossless, jpegLSNearLossless,
        jpeg2000Lossless, jpeg2000, jpeg2000MCLossless, jpeg2000MC,
        TransferSyntax(uid: "1.2.840.10008.1.2.4.94", isExplicitVR: true, isLittleEndian: true),
        TransferSyntax(uid: "1.2.840.10008.1.2.4.95", isExplicitVR: true, isLittleEndian: true, isDeflated: true),
        encapsulated("1.2.840.10008.1.2.4.100"), encapsulated("1.2.840.10008.1.2.4.100.1"),
        encapsulated("1.2.840.10008.1.2.4.101"), encapsulated("1.2.840.10008.1.2.4.101.1"),
        encapsulated("1.2.840.10008.1.2.4.102"), encapsulated("1.2.840.10008.1.2.4.102.1"),
        encapsulated("1.2.840.10008.1.2.4.103"), encapsulated("1.2.840.10008.1.2.4.103.1"),
        encapsulated("1.2.840.10008.1.2.4.104"), encapsulated("1.2.840.10008.1.2.4.104.1"),
        encapsulated("1.2.840.10008.1.2.4.105"), encapsulated("1.2.840.10008.1.2.4.105.1"),
        encapsulated("1.2.840.10008.1.2.4.106"), encapsulated("1.2.840.10008.1.2.4.106.1"),
        encapsulated("1.2.840.10008.1.2.4.107"), encapsulated("1.2.840.10008.1.2.4.108"),
        encapsulated("1.2.840.10008.1.2.4.110"), encapsulated("1.2.840.10008.1.2.4.111"),
        encapsulated("1.2.840.10008.1.2.4.112"),
        htj2kLossless, htj2kLosslessRPCL, htj2k,
        TransferSyntax(uid: "1.2.840.10008.1.2.4.204", isExplicitVR: true, isLittleEndian: true),
        TransferSyntax(uid: "1.2.840.10008.1.2.4.205", isExplicitVR: true, isLittleEndian: true, isDeflated: true),
        rleLossless,
        TransferSyntax(uid: "1.2.840.10008.1.20", isExplicitVR: false, isLittleEndian: true),
        encapsulated("1.2.840.10008.1.2.6.1"), encapsulated("1.2.840.10008.1.2.6.2"),
        encapsulated("1.2.840.10008.1.2.7.1"), encapsulated("1.2.840.10008.1.2.7.2"),
        encapsulated("1.2.840.10008.1.2.7.3"),
    ]
}

extension String {
    /// Drops the trailing NULs and spaces that pad DICOM values to even length, and leading spaces unless
    /// `leadingSpaces` is false. PS3.5 §6.2.
    func trimmingDICOMPadding(leadingSpaces: Bool = true) -> String {
        // Trailing pads by UTF-8 index, backwards (O(1) steps; both pads are ASCII): dropping one
        // Character at a time from a Substring was quadratic on values padded with thousands of NULs (fuzzing).
        let utf8 = self.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x00 else { break }
            end = before
        }
        // Leading spaces by Character (forward steps are cheap): a space that a combining mark extends is kept.
        // `end` is a Character boundary, as spaces and NULs never extend the Character before them.
        var start = startIndex
        if leadingSpaces {
            while start < end && self[start] == " " { start = index(after: start) }
        }
        if start == startIndex && end == endIndex { return self }
        return String(self[start..<end])
    }
}
