import Foundation
import NIOCore

/// A storage SCP handler that writes each received instance as a Part 10 file in a folder
/// (what `lightbox dicom receive` runs). The data set is streamed to a temporary file fragment by
/// fragment, synced, then renamed, so a half-received instance never appears under its name and
/// Success is only answered for a file that is on disk (PS3.4 B.2.3).
public struct DirectoryStoreHandler: StoreHandler {
    public let directory: String
    public let transferSyntaxes: [String]?

    /// - Parameter transferSyntaxes: what to accept, in preference order; nil keeps whatever the
    ///   sender proposes first.
    public init(directory: String, transferSyntaxes: [String]? = nil) {
        self.directory = directory
        self.transferSyntaxes = transferSyntaxes
    }

    /// The file name for an instance: its SOP Instance UID with anything but digits and dots
    /// replaced, so a hostile UID cannot climb out of the folder.
    public static func fileName(sopInstanceUID: String) -> String {
        let safe = String(sopInstanceUID.map { $0.isASCII && ($0.isNumber || $0 == ".") ? $0 : "_" }.prefix(128))
        return (safe.isEmpty || safe.allSatisfy { $0 == "." } ? "instance" : safe) + ".dcm"
    }

    public func store(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> DIMSEStatus {
        let header = Part10Header(
            mediaStorageSOPClassUID: request.sopClassUID, mediaStorageSOPInstanceUID: request.sopInstanceUID,
            transferSyntaxUID: request.transferSyntaxUID, implementationClassUID: Implementation.classUID,
            implementationVersionName: Implementation.versionName,
            sourceApplicationEntityTitle: request.association.callingAETitle)
        let temporary = (directory as NSString).appendingPathComponent(".partial-\(UUID().uuidString)")
        let final = (directory as NSString).appendingPathComponent(
            Self.fileName(sopInstanceUID: request.sopInstanceUID))
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            return .outOfResources
        }
        do {
            defer { try? handle.close() }
            var meta = header.encoded()
            try handle.write(contentsOf: meta.readBytes(length: meta.readableBytes) ?? [])
            for try await var fragment in dataSet {
                try handle.write(contentsOf: fragment.readBytes(length: fragment.readableBytes) ?? [])
            }
            try handle.synchronize()
        } catch let error as DICOMNetworkError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            return .outOfResources
        }
        if rename(temporary, final) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            return .outOfResources
        }
        return .success
    }
}
