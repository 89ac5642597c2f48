import DICOMNetwork
import Foundation
import LightboxDomain
import Logging
import NIOCore

/// Storage SCP for every storage SOP class (PS3.4 Annex B): the data set is staged in the image
/// store as a Part 10 file while it arrives, then ``ArchiveInstance`` checks, publishes and indexes it;
/// Success is answered only once the file and its index rows are durable. Statuses (PS3.4 B.2.3):
/// - 0x0000 stored, or the same bytes stored again, or replaced under the `replace` policy;
/// - 0xB006 (warning, elements discarded) different bytes under an archived SOP Instance UID, kept
///   under the `keep` policy (the Error Comment says so);
/// - 0xA700 out of resources: free space below the threshold, or the file could not be written;
/// - 0xA900 the data set is not the announced instance, lacks a UID or carries an invalid one;
/// - 0xC000 the data set cannot be read.
public struct ArchiveStoreHandler: StoreHandler {
    let archive: Archive
    let logger: Logger

    public init(archive: Archive, logger: Logger) {
        self.archive = archive
        self.logger = logger
    }

    public func store(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> DIMSEStatus {
        try await storeInstance(request, dataSet: dataSet).status
    }

    public func storeInstance(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> StoreResult {
        // write(2) and the hashing can block: keep them off the association's event loop.
        try await withTaskExecutorPreference(globalConcurrentExecutor) {
            try await receive(request, dataSet: dataSet)
        }
    }

    private func receive(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> StoreResult {
        let actor = Actor.dicomPeer(request.association)
        for (name, uid) in [
            ("Affected SOP Instance UID", request.sopInstanceUID), ("Affected SOP Class UID", request.sopClassUID),
        ] {
            if let problem = DICOMUID.problem(uid) {
                logger.info("C-STORE refused", metadata: ["peer": "\(actor.username)", "error": "\(name) \(problem)"])
                return StoreResult(status: .dataSetDoesNotMatchSOPClass, errorComment: "\(name) \(problem)")
            }
        }
        do {
            try archive.archiveInstance.checkCapacity()
        } catch let error as DomainError {
            logger.warning("C-STORE refused", metadata: ["peer": "\(actor.username)", "error": "\(error.message)"])
            return StoreResult(status: .outOfResources, errorComment: error.message)
        }
        let images = archive.environment.images
        let maximum = archive.environment.configuration.maximumInstanceBytes
        let staging: any ImageStaging
        do {
            staging = try images.stage()
        } catch {
            return StoreResult(status: .outOfResources, errorComment: "The image store cannot write: \(error)")
        }
        let staged: StagedImage
        do {
            // The file keeps the data set exactly as received, behind File Meta Information naming
            // the sender (PS3.10 §7.1).
            let header = Part10Header(
                mediaStorageSOPClassUID: request.sopClassUID, mediaStorageSOPInstanceUID: request.sopInstanceUID,
                transferSyntaxUID: request.transferSyntaxUID, implementationClassUID: Implementation.classUID,
                implementationVersionName: Implementation.versionName,
                sourceApplicationEntityTitle: actor.username)
            var size: Int64 = 0
            try header.encoded().withUnsafeReadableBytes { try staging.write($0) }
            var tooLarge = false
            for try await fragment in dataSet {
                size += Int64(fragment.readableBytes)
                if size > maximum {
                    tooLarge = true
                    continue  // the rest is drained; nothing more is written
                }
                try fragment.withUnsafeReadableBytes { try staging.write($0) }
            }
            if tooLarge {
                staging.abandon()
                return StoreResult(
                    status: .outOfResources, errorComment: "Instance larger than the \(maximum)-byte limit")
            }
            staged = try await staging.finish()
        } catch let error as DICOMNetworkError {
            staging.abandon()
            throw error
        } catch {
            staging.abandon()
            return StoreResult(status: .outOfResources, errorComment: "The image could not be written: \(error)")
        }
        do {
            let result = try await archive.archiveInstance(
                .init(
                    staged: staged, declaredSOPClassUID: request.sopClassUID,
                    declaredSOPInstanceUID: request.sopInstanceUID), by: actor)
            switch result.disposition {
            case .stored, .alreadyArchived, .replaced:
                return StoreResult(status: .success)
            case .duplicateKept:
                return StoreResult(
                    status: .elementsDiscarded,
                    errorComment: "Duplicate with different bytes: archived instance kept")
            }
        } catch let error as DomainError {
            logger.info(
                "C-STORE refused",
                metadata: [
                    "peer": "\(actor.username)", "sopInstanceUID": "\(request.sopInstanceUID)",
                    "error": "\(error.message)",
                ])
            return StoreResult(status: Self.status(for: error), errorComment: error.message)
        } catch {
            logger.error(
                "C-STORE failed",
                metadata: [
                    "peer": "\(actor.username)", "sopInstanceUID": "\(request.sopInstanceUID)", "error": "\(error)",
                ])
            return StoreResult(status: .outOfResources, errorComment: "The instance could not be archived: \(error)")
        }
    }

    /// The C-STORE status for a refusal of the archive (PS3.4 B.2.3).
    static func status(for error: DomainError) -> DIMSEStatus {
        switch error.code {
        case .invalidInstance: .dataSetDoesNotMatchSOPClass
        case .unreadableDataSet: .cannotUnderstand
        case .archiveOutOfResources: .outOfResources
        case .permissionDenied: .notAuthorized
        default: .cannotUnderstand
        }
    }
}
