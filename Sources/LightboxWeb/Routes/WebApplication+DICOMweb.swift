import DICOM
import Foundation
import HTTPTypes
import Hummingbird
import LightboxDomain
import NIOCore

/// DICOMweb (PS3.18) under `/dicom-web`, behind sign-in like every API route: QIDO-RS searches (§10.6) answered
/// from the index through the same ``QueryArchive`` use case as C-FIND, and WADO-RS retrieval (§10.4) of
/// instances, metadata, frames, bulk data and rendered images through ``RetrieveInstances``. Both are audited.
extension WebApplication {
    static let dicomWebTag = "DICOMweb"

    static var dicomWebRoutes: [APIRoute] {
        qidoRoutes + wadoRoutes + stowRoutes
    }

    // MARK: QIDO-RS

    static let qidoParameters = [
        QueryParameter(
            "{attributeID}",
            "Matching on a DICOM attribute by keyword or tag (PatientName=SMITH*, StudyDate=20240101-20240131, "
                + "ModalitiesInStudy=CT,MR), as C-FIND matches (PS3.4 C.2.2.2)"),
        QueryParameter("includefield", "Attributes to return besides the defaults (keyword or tag), or 'all'"),
        QueryParameter("limit", "At most this many results (default 1000)"),
        QueryParameter("offset", "Skip this many results first"),
        QueryParameter("fuzzymatching", "Accepted; not supported (a Warning header says so)"),
    ]

    static var qidoRoutes: [APIRoute] {
        let searches: [(String, String, ArchiveQueryLevel, [(String, UInt32)], String)] = [
            ("/dicom-web/studies", "searchStudies", .study, [], "Studies matching the query"),
            ("/dicom-web/series", "searchSeries", .series, [], "Series matching the query"),
            (
                "/dicom-web/studies/{study}/series", "searchStudySeries", .series,
                [("study", ArchiveAttributes.studyInstanceUID)], "A study's series matching the query"
            ),
            ("/dicom-web/instances", "searchInstances", .image, [], "Instances matching the query"),
            (
                "/dicom-web/studies/{study}/instances", "searchStudyInstances", .image,
                [("study", ArchiveAttributes.studyInstanceUID)], "A study's instances matching the query"
            ),
            (
                "/dicom-web/studies/{study}/series/{series}/instances", "searchSeriesInstances", .image,
                [("study", ArchiveAttributes.studyInstanceUID), ("series", ArchiveAttributes.seriesInstanceUID)],
                "A series' instances matching the query"
            ),
        ]
        return searches.map { path, id, level, scope, summary in
            .raw(
                .get, path, id: id, summary: summary + " (QIDO-RS, PS3.18 §10.6), in the DICOM JSON model",
                tag: dicomWebTag, access: .permission(.viewImages), query: qidoParameters,
                responseContentType: "application/dicom+json", problems: [.badRequest]
            ) { call in
                try await qido(call, level: level, scope: scope)
            }
        }
    }

    static func qido(_ call: APICall, level: ArchiveQueryLevel, scope: [(String, UInt32)]) async throws -> Response {
        let archive = try call.archive()
        var scoped: [UInt32: String] = [:]
        for (name, tag) in scope { scoped[tag] = try uid(call, name) }
        let parameters = call.request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        let request: QIDORequest
        do {
            request = try QIDORequest(level: level, parameters: parameters, scope: scoped)
        } catch {
            throw Problem(
                code: "dicomweb.invalid-query", title: "Invalid QIDO-RS query", status: .badRequest,
                detail: "The query parameter \(error.parameter) \(error.problem).",
                errors: [.init(field: error.parameter, problem: error.problem)])
        }
        var query = request.query
        query.keys += QIDOResponse.sequencesToRead(for: request)
        let records = try await archive.queryArchive(query, purpose: "QIDO-RS", by: call.actor)
        let base = dicomWebBase(call)
        let fields = QIDOResponse.fields(for: request)
        let dataSets = try records.map {
            try QIDOResponse.dataSet(
                $0, fields: fields, retrieveURL: QIDOResponse.retrieveURL($0, base: base), query: request.query)
        }
        var headers: HTTPFields = [.contentType: "application/dicom+json"]
        for warning in request.warnings {
            headers.append(HTTPField(name: HTTPField.Name("Warning")!, value: "299 lightbox \"\(warning)\""))
        }
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: DICOMJSONEncoder().encode(dataSets))))
    }

    /// A UID from the path, refused when it is not one (PS3.5 §9.1).
    static func uid(_ call: APICall, _ name: String) throws -> String {
        let value = call.parameter(name)
        guard AttributeMatch.isValidUID(value) else {
            throw Problem(
                code: "dicomweb.invalid-uid", title: "Invalid UID", status: .badRequest,
                detail: "'\(value)' is not a UID.", errors: [.init(field: name, problem: "must be a UID")])
        }
        return value
    }

    /// The origin's `/dicom-web` as the client reached it (for Retrieve URL and BulkDataURI).
    static func dicomWebBase(_ call: APICall) -> String {
        let host = call.request.head.authority ?? "localhost"
        let scheme = call.request.headers[HTTPField.Name("X-Forwarded-Proto")!] ?? call.request.head.scheme ?? "http"
        return "\(scheme)://\(host)/dicom-web"
    }

    // MARK: WADO-RS

    static var wadoRoutes: [APIRoute] {
        let study = "/dicom-web/studies/{study}"
        let series = study + "/series/{series}"
        let instance = series + "/instances/{instance}"
        func route(
            _ path: String, _ id: String, _ summary: String, _ type: String, query: [QueryParameter] = [],
            _ handle: @escaping @Sendable (APICall) async throws -> Response
        ) -> APIRoute {
            .raw(
                .get, path, id: id, summary: summary, tag: dicomWebTag, access: .permission(.viewImages),
                query: query, responseContentType: type, problems: [.badRequest, .notFound, .notAcceptable],
                handle: handle)
        }
        let dicom = "multipart/related; type=\"application/dicom\""
        let json = "application/dicom+json"
        let renderQuery = [
            QueryParameter("window", "center,width[,function]: the VOI window (PS3.18 §8.3.5.1.4)"),
            QueryParameter("viewport", "width,height: the largest size of the image"),
            QueryParameter("quality", "JPEG quality, 1-100"),
        ]
        return [
            route(study, "retrieveStudy", "A study's instances (WADO-RS), as stored", dicom) {
                try await instances($0, scope: .study)
            },
            route(series, "retrieveSeries", "A series' instances (WADO-RS), as stored", dicom) {
                try await instances($0, scope: .series)
            },
            route(instance, "retrieveInstance", "An instance (WADO-RS), as stored", dicom) {
                try await instances($0, scope: .image)
            },
            route(study + "/metadata", "retrieveStudyMetadata", "A study's instances' metadata (WADO-RS)", json) {
                try await metadata($0, scope: .study)
            },
            route(series + "/metadata", "retrieveSeriesMetadata", "A series' instances' metadata (WADO-RS)", json) {
                try await metadata($0, scope: .series)
            },
            route(instance + "/metadata", "retrieveInstanceMetadata", "An instance's metadata (WADO-RS)", json) {
                try await metadata($0, scope: .image)
            },
            route(
                instance + "/frames/{frames}", "retrieveFrames",
                "Frames (1-based, comma-separated) of an instance, uncompressed or as stored (WADO-RS)",
                "multipart/related; type=\"application/octet-stream\""
            ) { try await frames($0) },
            route(
                instance + "/bulkdata/{tag}", "retrieveBulkData", "The value of a binary attribute of an instance",
                "multipart/related; type=\"application/octet-stream\""
            ) { try await bulkData($0) },
            route(
                instance + "/rendered", "retrieveRenderedInstance", "The instance's first frame rendered", "image/jpeg",
                query: renderQuery
            ) { try await rendered($0, frame: nil, thumbnail: false) },
            route(
                instance + "/frames/{frames}/rendered", "retrieveRenderedFrame", "A frame rendered", "image/jpeg",
                query: renderQuery
            ) { try await rendered($0, frame: try frameNumbers($0).first, thumbnail: false) },
            route(
                instance + "/thumbnail", "retrieveThumbnail", "A small rendering of the instance", "image/jpeg",
                query: renderQuery
            ) { try await rendered($0, frame: nil, thumbnail: true) },
        ]
    }

    /// The query naming the study, series or instance of the path.
    static func scopeQuery(_ call: APICall, scope: ArchiveQueryLevel) throws -> ArchiveQuery {
        var keys = [ArchiveQueryKey(tag: ArchiveAttributes.studyInstanceUID, match: .single(try uid(call, "study")))]
        if scope >= .series {
            keys.append(
                ArchiveQueryKey(tag: ArchiveAttributes.seriesInstanceUID, match: .single(try uid(call, "series"))))
        }
        if scope >= .image {
            keys.append(
                ArchiveQueryKey(tag: ArchiveAttributes.sopInstanceUID, match: .single(try uid(call, "instance"))))
        }
        return ArchiveQuery(level: scope, keys: keys, limit: RetrieveInstances.maximumInstances)
    }

    /// The instances of the path (audited), their files; 404 when there are none.
    static func files(_ call: APICall, scope: ArchiveQueryLevel, purpose: String) async throws
        -> [(file: ArchivedInstanceFile, path: String)]
    {
        let archive = try call.archive()
        let found = try await archive.retrieveInstances(
            try scopeQuery(call, scope: scope), purpose: purpose, by: call.actor)
        guard !found.isEmpty else {
            throw Problem(
                code: "dicomweb.not-found", title: "Not found", status: .notFound,
                detail:
                    "The archive holds no \(scope == .study ? "study" : scope == .series ? "series" : "instance") with these UIDs."
            )
        }
        return found.map { ($0, archive.environment.images.location(of: $0.imageKey)) }
    }

    static func notAcceptable(_ detail: String) -> Problem {
        Problem(code: "dicomweb.not-acceptable", title: "Not acceptable", status: .notAcceptable, detail: detail)
    }

    /// The transfer syntax an Accept header asks for instances in: nil for "as stored" (`*` or none named).
    static func requestedTransferSyntax(_ call: APICall) -> String? {
        guard let accept = call.request.headers[.accept] else { return nil }
        for range in accept.split(separator: ",") {
            if let syntax = DICOMwebMultipart.parameter("transfer-syntax", in: String(range)), syntax != "*" {
                return syntax
            }
        }
        return nil
    }

    /// Instances as multipart/related application/dicom, each file exactly as stored (PS3.18 §10.4.1.1.1),
    /// streamed a chunk at a time.
    static func instances(_ call: APICall, scope: ArchiveQueryLevel) async throws -> Response {
        let found = try await files(call, scope: scope, purpose: "WADO-RS")
        if let wanted = requestedTransferSyntax(call),
            let other = found.first(where: { $0.file.transferSyntaxUID != wanted })
        {
            throw notAcceptable(
                "The instances are stored in their original transfer syntax (\(other.file.transferSyntaxUID)); ask for transfer-syntax=* or that one, not \(wanted)."
            )
        }
        let multipart = DICOMwebMultipart()
        let base = dicomWebBase(call)
        let parts = found.map { item in
            (
                header: multipart.partHeader(
                    contentType: "application/dicom; transfer-syntax=\(item.file.transferSyntaxUID)",
                    location:
                        "\(base)/studies/\(item.file.studyInstanceUID)/series/\(item.file.seriesInstanceUID)/instances/\(item.file.sopInstanceUID)"
                ),
                path: item.path
            )
        }
        let body = ResponseBody { writer in
            for part in parts {
                try await writer.write(part.header)
                guard let handle = FileHandle(forReadingAtPath: part.path) else {
                    throw Problem(
                        code: "dicomweb.file-missing", title: "Image file missing", status: .internalServerError,
                        detail: "An indexed image file cannot be read.")
                }
                defer { try? handle.close() }
                while true {
                    let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                    if chunk.isEmpty { break }
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.write(multipart.partEnd)
            }
            try await writer.write(multipart.close)
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: multipart.contentType(type: "application/dicom")], body: body)
    }

    /// Reads an instance's file whole (metadata, frames, rendering).
    static func read(_ path: String) throws -> DICOMFile {
        do {
            return try DICOMReader().read(contentsOf: path)
        } catch {
            throw Problem(
                code: "dicomweb.unreadable", title: "Unreadable image file", status: .internalServerError,
                detail: "An archived image file cannot be read: \(error).")
        }
    }

    /// Each instance's data set in the DICOM JSON model, binary values over 1 KiB as BulkDataURIs (PS3.18 §10.4.1.2).
    static func metadata(_ call: APICall, scope: ArchiveQueryLevel) async throws -> Response {
        let found = try await files(call, scope: scope, purpose: "WADO-RS metadata")
        let base = dicomWebBase(call)
        var dataSets: [String] = []
        for item in found {
            let file = try read(item.path)
            let uri =
                "\(base)/studies/\(item.file.studyInstanceUID)/series/\(item.file.seriesInstanceUID)/instances/\(item.file.sopInstanceUID)/bulkdata/"
            let encoder = DICOMJSONEncoder(bulkDataURI: { tag, element in
                guard [.OB, .OW, .OF, .OD, .OL, .OV, .UN].contains(element.vr),
                    element.valueLength > 1024 || tag == Tag(0x7FE0, 0x0010)
                else {
                    return nil
                }
                return uri + tag.jsonKey
            })
            dataSets.append(encoder.encode(file.dataSet))
        }
        return Response(
            status: .ok, headers: [.contentType: "application/dicom+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "[" + dataSets.joined(separator: ",") + "]")))
    }

    /// The 1-based frame numbers of the path, refused when not numbers.
    static func frameNumbers(_ call: APICall) throws -> [Int] {
        let text = call.parameter("frames")
        let numbers = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !numbers.isEmpty, numbers.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw Problem(
                code: "dicomweb.invalid-frames", title: "Invalid frame list", status: .badRequest,
                detail: "'\(text)' is not a list of frame numbers from 1.",
                errors: [.init(field: "frames", problem: "must be frame numbers from 1, separated by commas")])
        }
        return numbers.compactMap { $0 }
    }

    /// Frames as multipart/related: uncompressed (application/octet-stream, PS3.18 §8.7.3.3.2) unless the Accept
    /// header asks for the stored compressed form (its media type, or transfer-syntax=*).
    static func frames(_ call: APICall) async throws -> Response {
        let numbers = try frameNumbers(call)
        guard let item = try await files(call, scope: .image, purpose: "WADO-RS frames").first else {
            throw Problem(
                code: "dicomweb.not-found", title: "Not found", status: .notFound, detail: "No such instance.")
        }
        let file = try read(item.path)
        let pixels: PixelData
        do {
            pixels = try file.pixelData()
        } catch {
            throw Problem(
                code: "dicomweb.no-pixel-data", title: "No frames", status: .notFound,
                detail: "The instance holds no pixel data: \(error).")
        }
        if let beyond = numbers.first(where: { $0 > pixels.numberOfFrames }) {
            throw Problem(
                code: "dicomweb.invalid-frames", title: "No such frame", status: .notFound,
                detail: "Frame \(beyond) is beyond the instance's \(pixels.numberOfFrames) frames.")
        }
        return try framesResponse(call, file: file, pixels: pixels, numbers: numbers)
    }

    static func framesResponse(_ call: APICall, file: DICOMFile, pixels: PixelData, numbers: [Int]) throws -> Response {
        let accept = call.request.headers[.accept] ?? ""
        let stored = file.transferSyntax
        let wantsStored =
            stored.isEncapsulated
            && (accept.contains("transfer-syntax=*") || accept.contains("transfer-syntax=\(stored.uid)")
                || (!accept.contains("application/octet-stream") && accept.contains("image/")))
        let multipart = DICOMwebMultipart()
        var buffer = ByteBuffer()
        let partType =
            wantsStored
            ? "\(mediaType(of: stored)); transfer-syntax=\(stored.uid)"
            : "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1"
        for number in numbers {
            var header = multipart.partHeader(contentType: partType)
            buffer.writeBuffer(&header)
            do {
                if wantsStored {
                    var frame = try pixels.encodedFrame(number - 1)
                    buffer.writeBuffer(&frame)
                } else {
                    buffer.writeBytes(try pixels.frame(number - 1).bytes)
                }
            } catch {
                throw Problem(
                    code: "dicomweb.undecodable", title: "Frame cannot be decoded", status: .notAcceptable,
                    detail: "Frame \(number) cannot be decoded from \(stored.uid): \(error). Ask for transfer-syntax=*."
                )
            }
            var end = multipart.partEnd
            buffer.writeBuffer(&end)
        }
        var close = multipart.close
        buffer.writeBuffer(&close)
        return Response(
            status: .ok,
            headers: [
                .contentType: multipart.contentType(
                    type: wantsStored ? mediaType(of: stored) : "application/octet-stream")
            ],
            body: ResponseBody(byteBuffer: buffer))
    }

    /// The media type of a compressed transfer syntax's frames (PS3.18 Table 8.7.3-2).
    static func mediaType(of syntax: TransferSyntax) -> String {
        switch syntax.uid {
        case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70":
            return "image/jpeg"
        case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81": return "image/jls"
        case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91": return "image/jp2"
        case "1.2.840.10008.1.2.5": return "image/x-dicom-rle"
        default: return "application/octet-stream"
        }
    }

    /// A top-level binary attribute's value (PS3.18 §10.4.1.1.5), uncompressed pixel data included.
    static func bulkData(_ call: APICall) async throws -> Response {
        let tagText = call.parameter("tag")
        guard tagText.count == 8, let raw = UInt32(tagText, radix: 16) else {
            throw Problem(
                code: "dicomweb.invalid-tag", title: "Invalid attribute tag", status: .badRequest,
                detail: "'\(tagText)' is not an eight-digit hex tag.",
                errors: [.init(field: "tag", problem: "must be 8 hex digits")])
        }
        guard let item = try await files(call, scope: .image, purpose: "WADO-RS bulk data").first else {
            throw Problem(
                code: "dicomweb.not-found", title: "Not found", status: .notFound, detail: "No such instance.")
        }
        let file = try read(item.path)
        let tag = Tag(rawValue: raw)
        var value: ByteBuffer
        if let bytes = file.dataSet[tag]?.bytes {
            value = bytes
        } else if tag == Tag(0x7FE0, 0x0010), let pixels = try? file.pixelData() {
            value = ByteBuffer()
            for index in 0..<pixels.numberOfFrames {
                guard var frame = try? pixels.encodedFrame(index) else { break }
                value.writeBuffer(&frame)
            }
        } else {
            throw Problem(
                code: "dicomweb.not-found", title: "Not found", status: .notFound,
                detail: "The instance has no binary attribute \(tag).")
        }
        let multipart = DICOMwebMultipart()
        var buffer = multipart.partHeader(contentType: "application/octet-stream")
        buffer.writeBuffer(&value)
        var end = multipart.partEnd
        buffer.writeBuffer(&end)
        var close = multipart.close
        buffer.writeBuffer(&close)
        return Response(
            status: .ok, headers: [.contentType: multipart.contentType(type: "application/octet-stream")],
            body: ResponseBody(byteBuffer: buffer))
    }

    /// A frame rendered to JPEG (the default) or PNG (Accept: image/png), PS3.18 §10.4.1.1.3, with the `window`,
    /// `viewport` and `quality` parameters of §8.3.5.1; a thumbnail is at most 128 pixels a side (§10.4.1.1.4).
    static func rendered(_ call: APICall, frame: Int?, thumbnail: Bool) async throws -> Response {
        var errors: [Problem.FieldError] = []
        var voi = FrameRenderer.VOISelection.preset(0)
        if let window = call.query("window") {
            let parts = window.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let function: VOIWindow.Function? =
                parts.count > 2 ? VOIWindow.Function(rawValue: parts[2].uppercased()) : .linear
            if parts.count >= 2, let center = Double(parts[0]), let width = Double(parts[1]), width > 0, let function {
                voi = .window(VOIWindow(center: center, width: width, function: function))
            } else {
                errors.append(
                    .init(
                        field: "window",
                        problem: "must be center,width[,linear|sigmoid|linear_exact] with a positive width"))
            }
        }
        var viewport: (Int, Int)? = thumbnail ? (128, 128) : nil
        if let text = call.query("viewport") {
            let parts = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count >= 2, parts[0] > 0, parts[1] > 0, parts[0] <= 8192, parts[1] <= 8192 {
                viewport = (parts[0], parts[1])
            } else {
                errors.append(.init(field: "viewport", problem: "must be width,height, each 1 to 8192"))
            }
        }
        var quality = 90
        if let text = call.query("quality") {
            if let value = Int(text), (1...100).contains(value) {
                quality = value
            } else {
                errors.append(.init(field: "quality", problem: "must be 1 to 100"))
            }
        }
        if !errors.isEmpty {
            throw Problem(
                code: "dicomweb.invalid-rendering", title: "Invalid rendering parameters", status: .badRequest,
                detail: "The rendering parameters are wrong.", errors: errors)
        }
        let accept = call.request.headers[.accept] ?? "image/jpeg"
        let png = accept.contains("image/png") && !accept.contains("image/jpeg")
        if !png && !(accept.contains("image/jpeg") || accept.contains("*/*") || accept.contains("image/*")) {
            throw notAcceptable("Rendered images are image/jpeg or image/png.")
        }
        guard
            let item = try await files(
                call, scope: .image, purpose: thumbnail ? "WADO-RS thumbnail" : "WADO-RS rendered"
            ).first
        else {
            throw Problem(
                code: "dicomweb.not-found", title: "Not found", status: .notFound, detail: "No such instance.")
        }
        let file = try read(item.path)
        var image: RenderedImage
        do {
            image = try file.renderFrame((frame ?? 1) - 1, voi: voi)
            if let (width, height) = viewport {
                let scale = min(1, min(Double(width) / Double(image.width), Double(height) / Double(image.height)))
                image = try image.thumbnail(
                    maximumSize: max(1, Int((Double(max(image.width, image.height)) * scale).rounded(.down))))
            }
        } catch {
            throw Problem(
                code: "dicomweb.unrenderable", title: "Cannot render", status: .notFound,
                detail: "The instance has no frame \(frame ?? 1) that can be rendered: \(error).")
        }
        let bytes = png ? try PNGEncoder().encode(image) : try JPEGEncoder(quality: quality).encode(image)
        return Response(
            status: .ok, headers: [.contentType: png ? "image/png" : "image/jpeg"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
