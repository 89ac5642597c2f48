import Foundation
import LightboxDomain

/// One resource type the FHIR door serves: its interactions and search parameters with the code
/// that carries them out. The router and the CapabilityStatement are both built from the list of
/// definitions (`FHIRResourceDefinition.all`), so the statement cannot claim what is not served.
public struct FHIRResourceDefinition: Sendable {
    /// A create interaction: who may and what it does (returns the stored resource and its id).
    public struct Create: Sendable {
        public var permission: Permission
        public var handle: @Sendable (FHIRRequest, JSONValue) async throws -> (resource: JSONValue, id: String)
    }

    /// The resource type name (`Patient`).
    public var type: String
    /// Base profile (CapabilityStatement.rest.resource.profile).
    public var profile: String { "http://hl7.org/fhir/StructureDefinition/\(type)" }
    public var documentation: String
    /// Permission to read and search.
    public var permission: Permission
    public var searchParameters: [FHIRSearchParameter]
    /// Reads one resource by logical id; nil when the id names nothing of this type.
    public var read: (@Sendable (FHIRRequest, UUID) async throws -> JSONValue?)?
    /// Every resource matching the parameters (the Bundle pages them).
    public var search: (@Sendable (FHIRRequest, FHIRSearchParameters) async throws -> [JSONValue])?
    public var create: Create?

    /// TypeRestfulInteraction codes (FHIR R4 valueset type-restful-interaction) this type supports.
    public var interactions: [String] {
        var codes: [String] = []
        if read != nil { codes.append("read") }
        if search != nil { codes.append("search-type") }
        if create != nil { codes.append("create") }
        return codes
    }

    /// Every resource type served, in CapabilityStatement order.
    public static var all: [FHIRResourceDefinition] {
        [patient, serviceRequest, appointment, imagingStudy, diagnosticReport, observation]
    }

    /// A read that takes the exam behind the id (audited as an exam read) and builds from it.
    static func examRead(_ build: @escaping @Sendable (Exam, FHIRReferenceData) -> JSONValue?)
        -> @Sendable (FHIRRequest, UUID) async throws -> JSONValue?
    {
        examRead(many: { exams, request in try await resources(exams, request, build) })
    }

    /// A read that takes the exam behind the id (audited as an exam read) and builds with what builds a search's
    /// resources from its exams (the ImagingStudy's series, the dose summary's estimate); nil when there is no such
    /// exam or it has no such resource.
    static func examRead(many build: @escaping @Sendable ([Exam], FHIRRequest) async throws -> [JSONValue])
        -> @Sendable (FHIRRequest, UUID) async throws -> JSONValue?
    {
        { request, id in
            let exam: Exam
            do {
                exam = try await request.exam(id)
            } catch let error as DomainError where error.code == .notFound {
                return nil
            }
            return try await build([exam], request).first
        }
    }

    /// Builds resources from exams, reading the reference data they name once.
    static func resources(_ exams: [Exam], _ request: FHIRRequest, _ build: (Exam, FHIRReferenceData) -> JSONValue?)
        async throws -> [JSONValue]
    {
        let reference = try await FHIRReferenceData.load(for: exams, from: request.call.store)
        return exams.compactMap { build($0, reference) }
    }

    /// The exams named by `_id` or `identifier` (accession / placer order number), each read on its
    /// own (audited as exam reads); nil when neither parameter was given.
    static func examsByIdentity(_ request: FHIRRequest, _ parameters: FHIRSearchParameters) async throws -> [Exam]? {
        var found: [Exam]?
        func narrow(_ exams: [Exam]) {
            let ids = Set(exams.map(\.id))
            found = found.map { $0.filter { ids.contains($0.id) } } ?? exams
        }
        if let value = parameters.one("_id") {
            var exams: [Exam] = []
            for text in value.alternatives {
                if let id = UUID(uuidString: text), let exam = try await readExam(request, ViewExam.Command(examID: id))
                {
                    exams.append(exam)
                }
            }
            narrow(exams)
        }
        if let value = parameters.one("identifier") {
            var exams: [Exam] = []
            for text in value.alternatives {
                let token = FHIRToken(text)
                if token.matches(system: FHIRNamingSystem.accessionNumber, code: token.code) || token.system == .any {
                    if let exam = try await readExam(request, ViewExam.Command(accessionNumber: token.code)) {
                        exams.append(exam)
                        continue
                    }
                }
                if token.matches(system: FHIRNamingSystem.placerOrderNumber, code: token.code) || token.system == .any {
                    let code = token.code
                    let examID = try await request.call.store.transaction { unit in
                        try await unit.orderNumbers.examID(placerOrderNumber: code)
                    }
                    if let examID, let exam = try await readExam(request, ViewExam.Command(examID: examID)) {
                        exams.append(exam)
                    }
                }
            }
            narrow(exams)
        }
        return found
    }

    static func readExam(_ request: FHIRRequest, _ command: ViewExam.Command) async throws -> Exam? {
        do {
            return try await request.department.viewExam(command, by: request.actor).value
        } catch let error as DomainError where error.code == .notFound {
            return nil
        }
    }

    /// Exams of the patient named by `patient` (`Patient/{id}` or `{id}`); nil when not given, empty
    /// set of ids when the reference cannot name a patient.
    static func patientID(_ parameters: FHIRSearchParameters) -> UUID?? {
        guard let value = parameters.one("patient") ?? parameters.one("subject") else { return nil }
        let text = value.text
        let id = text.split(separator: "/").last.flatMap { UUID(uuidString: String($0)) }
        if text.contains("/") && !text.hasPrefix("Patient/") && !text.contains("/Patient/") { return .some(nil) }
        return .some(id)
    }

    /// Date parameters parsed; each must match.
    static func dates(_ name: String, _ parameters: FHIRSearchParameters, _ request: FHIRRequest) throws
        -> [FHIRDateParameter]
    {
        try parameters.all(name).map { try FHIRDateParameter($0.text, timeZone: request.timeZone) }
    }

    /// Narrows `[from, before)` to what every date parameter allows.
    static func window(_ dates: [FHIRDateParameter]) -> (from: Date?, before: Date?) {
        var from: Date?
        var before: Date?
        for date in dates {
            let window = date.window
            if let lower = window.from { from = max(from ?? lower, lower) }
            if let upper = window.before { before = min(before ?? upper, upper) }
        }
        return (from, before)
    }

    /// The states named by a token list of status codes, via `map`; nil when not given.
    static func states(_ parameters: FHIRSearchParameters, _ map: (String) -> [ExamState]) -> [ExamState]? {
        guard let value = parameters.one("status") else { return nil }
        return value.alternatives.flatMap { map(FHIRToken($0).code) }
    }

    /// Whether the exam's code matches a `code` token list.
    static func codeMatches(_ exam: Exam, _ reference: FHIRReferenceData, _ parameters: FHIRSearchParameters) -> Bool {
        guard let value = parameters.one("code") else { return true }
        return value.alternatives.contains { text in
            let token = FHIRToken(text)
            if token.matches(system: FHIRNamingSystem.examCatalogue, code: exam.examCode) { return true }
            if let snomed = reference.catalogue[exam.examCode]?.snomedCT,
                token.matches(system: FHIRNamingSystem.snomedCT, code: snomed)
            {
                return true
            }
            return false
        }
    }
}
