import Foundation
import Hummingbird

/// The wire format of a `/fhir` exchange (FHIR R4 §3.1.0.1.10 "Content Types and encodings"):
/// JSON only. `_format` overrides `Accept`; `json`, `application/json` and
/// `application/fhir+json` are honoured, XML and Turtle are refused with 406.
public struct FHIRFormat: Sendable, Equatable {
    /// The FHIR JSON media type.
    public static let mediaType = "application/fhir+json"

    /// The media type of responses.
    public var contentType: String
    /// `_pretty=true`: indented JSON.
    public var pretty: Bool

    public init(contentType: String = FHIRFormat.mediaType, pretty: Bool = false) {
        self.contentType = contentType
        self.pretty = pretty
    }

    /// The format a request asks for; throws 406 when it asks only for something else.
    public init(request: Request) throws(OperationOutcome) {
        // A literal '+' in a query may arrive decoded as a space (form encoding): `fhir+json` either way.
        let format = request.uri.queryParameters["_format"].map {
            String($0).lowercased().replacingOccurrences(of: " ", with: "+")
        }
        let pretty = request.uri.queryParameters["_pretty"].map { String($0).lowercased() } == "true"
        if let format {
            switch format.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces) }) ?? "" {
            case "json", FHIRFormat.mediaType: self.init(contentType: FHIRFormat.mediaType, pretty: pretty)
            case "application/json": self.init(contentType: "application/json", pretty: pretty)
            default: throw Self.notAcceptable("_format=\(format)")
            }
            return
        }
        guard let accept = request.headers[.accept], !accept.isEmpty else {
            self.init(pretty: pretty)
            return
        }
        let ranges = accept.lowercased().split(separator: ",").map {
            $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        if ranges.contains(FHIRFormat.mediaType) || ranges.contains("*/*") || ranges.contains("application/*") {
            self.init(pretty: pretty)
        } else if ranges.contains("application/json") {
            self.init(contentType: "application/json", pretty: pretty)
        } else {
            throw Self.notAcceptable("Accept: \(accept)")
        }
    }

    static func notAcceptable(_ asked: String) -> OperationOutcome {
        OperationOutcome(
            .notAcceptable, code: "not-supported", problemCode: "fhir.format-not-supported",
            "This server speaks FHIR JSON only (application/fhir+json); \(asked) cannot be served.")
    }

    /// A response carrying `resource`.
    public func response(_ resource: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        -> Response
    {
        var fields = headers
        fields[.contentType] = contentType
        return Response(
            status: status, headers: fields,
            body: .init(byteBuffer: .init(string: resource.serialized(pretty: pretty))))
    }

    /// The OperationOutcome response.
    public func response(_ outcome: OperationOutcome) -> Response {
        response(outcome.json, status: outcome.status, headers: outcome.headers)
    }

    /// Whether a request is for the FHIR door (its errors are OperationOutcomes).
    public static func applies(to request: Request) -> Bool {
        let path = request.uri.path
        return path == "/fhir" || path.hasPrefix("/fhir/")
    }
}
