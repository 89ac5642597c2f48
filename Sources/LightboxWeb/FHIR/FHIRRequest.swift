import Foundation
import Hummingbird
import LightboxDomain

/// One `/fhir` call as a resource handler sees it: the API call (access already checked), the
/// response format, the acting person (through the FHIR door, so the audit log says so) and the
/// server's base URL for references and links.
public struct FHIRRequest: Sendable {
    public let call: APICall
    public let format: FHIRFormat

    init(_ call: APICall) throws(OperationOutcome) {
        self.call = call
        self.format = try FHIRFormat(request: call.request)
    }

    /// The acting person, through the FHIR door.
    public var actor: Actor {
        get throws {
            var actor = try call.actor
            actor.door = .fhir
            return actor
        }
    }

    public var department: Department { call.department }

    /// The department's time zone (dates without a zone in searches are in it).
    public var timeZone: TimeZone {
        TimeZone(identifier: call.department.environment.configuration.timeZoneIdentifier) ?? .gmt
    }

    /// The service base URL (FHIR R4 §3.1.0.1.2), from the request's Host (and `X-Forwarded-Proto`
    /// behind a proxy).
    public var baseURL: String {
        let headers = call.request.headers
        let host =
            call.request.head.authority ?? headers.first(where: { $0.name.canonicalName == "host" })?.value
            ?? "localhost"
        let forwarded = headers.first(where: { $0.name.canonicalName == "x-forwarded-proto" })?.value.lowercased()
        let scheme = forwarded == "https" ? "https" : (call.request.head.scheme ?? "http")
        return "\(scheme)://\(host)/fhir"
    }

    /// Every exam matching `query` that passes `keep`. Refused as too costly when the store's page
    /// is full, since a total counted from a partial list would be wrong.
    func exams(_ query: ExamQuery, keep: (Exam) -> Bool) async throws -> [Exam] {
        var query = query
        query.limit = ListExams.maximumLimit
        let exams = try await department.listExams(query, by: actor).value
        if exams.count >= ListExams.maximumLimit {
            throw OperationOutcome(
                .badRequest, code: "too-costly", problemCode: "fhir.search-too-broad",
                "More than \(ListExams.maximumLimit) exams match; narrow the search (patient, status or a date range).")
        }
        return exams.filter(keep)
    }

    /// One exam read by id (audited as an exam read); 404 when there is none.
    func exam(_ id: UUID) async throws -> Exam {
        try await department.viewExam(ViewExam.Command(examID: id), by: actor).value
    }

    /// A 404 for a resource that does not exist.
    static func notFound(_ type: String, _ id: String) -> OperationOutcome {
        OperationOutcome(
            .notFound, code: "not-found", problemCode: DomainError.Code.notFound.rawValue,
            "\(type)/\(id) is not known to this server.")
    }
}
