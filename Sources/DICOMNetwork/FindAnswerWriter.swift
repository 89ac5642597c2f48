import Foundation
import NIOCore

/// Writes C-FIND answers as DICOM files (`rsp0001.dcm`, … like dcmtk's `findscu -X`), each the
/// identifier exactly as received, behind a File Meta Information group naming the query SOP
/// class and the transfer syntax it arrived in.
public struct FindAnswerWriter: Sendable {
    public let directory: String

    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
    }

    /// Writes answer number `index` (1-based) and returns its path.
    @discardableResult
    public func write(_ answer: EncodedDataSet, index: Int, sopClassUID: String) throws -> String {
        let name = "rsp" + String(repeating: "0", count: max(0, 4 - String(index).count)) + "\(index).dcm"
        let path = (directory as NSString).appendingPathComponent(name)
        let header = Part10Header(
            mediaStorageSOPClassUID: sopClassUID, mediaStorageSOPInstanceUID: Self.uid(),
            transferSyntaxUID: answer.transferSyntaxUID, implementationClassUID: Implementation.classUID,
            implementationVersionName: Implementation.versionName)
        var bytes = try header.encoded()
        var body = answer.bytes
        bytes.writeBuffer(&body)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes.readableBytesView)) else {
            throw DICOMNetworkError(.io, "cannot write \(path)")
        }
        return path
    }

    /// A UUID-derived UID, PS3.5 Annex B.2.
    static func uid() -> String {
        let u = UUID().uuid
        let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
        var high: UInt64 = 0
        var low: UInt64 = 0
        for b in bytes[0..<8] { high = high << 8 | UInt64(b) }
        for b in bytes[8..<16] { low = low << 8 | UInt64(b) }
        // 128-bit decimal from two halves: high * 2^64 + low, by long division on base 10^19.
        var digits: [UInt8] = []
        var parts = [high >> 32, high & 0xFFFF_FFFF, low >> 32, low & 0xFFFF_FFFF]
        while parts.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in parts.indices {
                let value = remainder << 32 | parts[i]
                parts[i] = value / 10
                remainder = value % 10
            }
            digits.append(UInt8(remainder))
        }
        return "2.25." + (digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) }))
    }
}
