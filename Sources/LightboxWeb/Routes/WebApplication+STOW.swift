import DICOM
import Foundation
import HTTPTypes
import Hummingbird
import LightboxDomain
import NIOCore

/// STOW-RS (PS3.18 §10.5): Part 10 instances posted as multipart/related application/dicom, each archived by the
/// same ``ArchiveInstance`` use case as a C-STORE (same checks, durable before the answer, same duplicate policy),
/// answered with the Store Instances Response Module: the referenced instances, and each failure with its reason.
extension WebApplication {
    static var stowRoutes: [APIRoute] {
        [
            stowRoute("/dicom-web/studies", id: "storeInstances", scoped: false),
            stowRoute("/dicom-web/studies/{study}", id: "storeStudyInstances", scoped: true),
        ]
    }

    static func stowRoute(_ path: String, id: String, scoped: Bool) -> APIRoute {
        .raw(
            .post, path, id: id,
            summary: "Store instances (STOW-RS, PS3.18 §10.5), multipart/related; type=\"application/dicom\""
                + (scoped ? ", all of this study" : ""),
            tag: dicomWebTag, access: .permission(.storeImages),
            requestContentType: "multipart/related; type=\"application/dicom\"",
            responseContentType: "application/dicom+json",
            problems: [.badRequest, .conflict, .contentTooLarge, .unsupportedMediaType]
        ) { call in
            try await stow(call, study: scoped ? try uid(call, "study") : nil)
        }
    }

    /// PS3.18 §10.5.3.2 failure reasons.
    enum STOWFailure: Int {
        case processingFailure = 0x0110
        case outOfResources = 0xA700
        case doesNotMatchSOPClass = 0xA900
        case cannotUnderstand = 0xC000
        /// Study Instance UID of the instance differs from the one of the request's path.
        case studyMismatch = 0xC122
    }

    static func stow(_ call: APICall, study: String?) async throws -> Response {
        let archive = try call.archive()
        let actor = try call.actor
        let contentType = call.request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/related"),
            DICOMwebMultipart.parameter("type", in: contentType)?.lowercased() == "application/dicom"
        else {
            throw Problem.unsupportedMediaType(expected: "multipart/related; type=\"application/dicom\"")
        }
        let limit = call.environment.limits.maxSTOWBytes
        let body: ByteBuffer
        do {
            body = try await call.request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
        let parts: [(headers: [String: String], body: ByteBuffer)]
        do {
            parts = try DICOMwebMultipart.parts(of: body, contentType: contentType)
        } catch {
            throw Problem(
                code: "dicomweb.invalid-multipart", title: "Unreadable multipart body", status: .badRequest,
                detail: "The STOW-RS body cannot be read: \(error).")
        }
        var referenced: [DataSet] = []
        var failed: [DataSet] = []
        var warnings = false
        let base = dicomWebBase(call)
        for part in parts {
            let header = try? DICOMReader(options: .init(stopBefore: .pixelData)).read(part.body)
            let sopClass =
                header?.dataSet.string(.sopClassUID) ?? header?.fileMetaInformation.string(.mediaStorageSOPClassUID)
                ?? ""
            let sopInstance =
                header?.dataSet.string(.sopInstanceUID) ?? header?.fileMetaInformation.string(
                    .mediaStorageSOPInstanceUID) ?? ""
            func fail(_ reason: STOWFailure) throws {
                var item = DataSet()
                try item.set(Tag(0x0008, 0x1150), vr: .UI, string: sopClass)
                try item.set(Tag(0x0008, 0x1155), vr: .UI, string: sopInstance)
                try item.set(Tag(0x0008, 0x1197), vr: .US, int: reason.rawValue)
                failed.append(item)
            }
            if let type = part.headers["content-type"], !type.lowercased().hasPrefix("application/dicom") {
                try fail(.cannotUnderstand)
                continue
            }
            guard let header else {
                try fail(.cannotUnderstand)
                continue
            }
            if let study, header.dataSet.string(.studyInstanceUID) != study {
                try fail(.studyMismatch)
                continue
            }
            do {
                try archive.archiveInstance.checkCapacity()
                let staging = try archive.environment.images.stage()
                let staged: StagedImage
                do {
                    try part.body.withUnsafeReadableBytes { try staging.write($0) }
                    staged = try await staging.finish()
                } catch {
                    staging.abandon()
                    throw DomainError(.archiveOutOfResources, "The image could not be written: \(error).")
                }
                let result = try await archive.archiveInstance(.init(staged: staged), by: actor)
                var item = DataSet()
                try item.set(Tag(0x0008, 0x1150), vr: .UI, string: result.instance.sopClassUID)
                try item.set(Tag(0x0008, 0x1155), vr: .UI, string: result.instance.sopInstanceUID)
                try item.set(
                    Tag(0x0008, 0x1190), vr: .UR,
                    string: "\(base)/studies/\(result.study.studyInstanceUID)/series/"
                        + "\(header.dataSet.string(.seriesInstanceUID) ?? "")/instances/\(result.instance.sopInstanceUID)"
                )
                if result.disposition == .duplicateKept {
                    // PS3.18 §10.5.3.1: a Warning Reason (0008,1196) of B006, elements discarded.
                    try item.set(Tag(0x0008, 0x1196), vr: .US, int: 0xB006)
                    warnings = true
                }
                referenced.append(item)
            } catch let error as DomainError {
                switch error.code {
                case .invalidInstance: try fail(.doesNotMatchSOPClass)
                case .unreadableDataSet: try fail(.cannotUnderstand)
                case .archiveOutOfResources: try fail(.outOfResources)
                case .permissionDenied: throw error
                default: try fail(.processingFailure)
                }
            } catch {
                try fail(.processingFailure)
            }
        }
        var answer = DataSet()
        if let study { try answer.set(Tag(0x0008, 0x1190), vr: .UR, string: "\(base)/studies/\(study)") }
        if !referenced.isEmpty { answer.set(Tag(0x0008, 0x1199), sequence: referenced) }
        if !failed.isEmpty { answer.set(Tag(0x0008, 0x1198), sequence: failed) }
        // PS3.18 §10.5.3: 200 all stored, 202 some failed or warned, 409 none stored.
        let status: HTTPResponse.Status =
            failed.isEmpty ? (warnings ? .accepted : .ok) : (referenced.isEmpty ? .conflict : .accepted)
        return Response(
            status: status, headers: [.contentType: "application/dicom+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: DICOMJSONEncoder().encode(answer))))
    }
}
