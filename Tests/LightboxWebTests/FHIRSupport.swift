import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// FHIR calls for the tests, and every resource they saw, for the outside validator.
final class FHIRClient: @unchecked Sendable {
    let api: APIClient
    let seeded: SeededDepartment
    private let lock = NSLock()
    private var collected: [JSONValue] = []

    init(_ api: APIClient, _ seeded: SeededDepartment) {
        self.api = api
        self.seeded = seeded
    }

    /// Every FHIR resource received so far (bundles, outcomes and the statement included).
    var resources: [JSONValue] {
        lock.withLock { collected }
    }

    @discardableResult
    func get(
        _ path: String, role: AccessRole? = .radiographer, token: String? = nil, accept: String? = nil,
        prefer: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        try await send(.get, path, role: role, token: token, accept: accept, prefer: prefer)
    }

    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, role: AccessRole? = .radiographer, token: String? = nil,
        body: String? = nil, contentType: String = "application/fhir+json", accept: String? = nil,
        prefer: String? = nil
    ) async throws -> APIResponse {
        var headers: HTTPFields = [:]
        if let token = token ?? role.flatMap({ seeded.tokens[$0] }) { headers[.authorization] = "Bearer \(token)" }
        if let accept { headers[.accept] = accept }
        if let prefer, let name = HTTPField.Name("Prefer") { headers[name] = prefer }
        if body != nil { headers[.contentType] = contentType }
        let response = try await api.send(method, path, headers: headers, body: body)
        if let json = response.json, json["resourceType"] != nil {
            lock.withLock { collected.append(json) }
        }
        return response
    }

    /// Creates a request for a seeded patient through FHIR, with every identifier the intake needs.
    func createRequest(
        _ patientKey: String, code: String = "XCHEST", role: AccessRole = .referrer,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await send(
            .post, "/fhir/ServiceRequest", role: role, body: FHIRFixtures.serviceRequest(seeded, patientKey, code: code)
        )
        #expect(response.status == .created, "create: \(response.text)", sourceLocation: sourceLocation)
        return response.string("id") ?? ""
    }
}

extension APIResponse {
    /// The issues of an OperationOutcome body.
    var issues: [JSONValue] {
        if case .array(let issues)? = json?["issue"] { return issues }
        return []
    }

    /// Every `expression` of the issues.
    var issueExpressions: [String] {
        issues.flatMap { issue -> [String] in
            guard case .array(let expressions)? = issue["expression"] else { return [] }
            return expressions.compactMap { if case .string(let text) = $0 { text } else { nil } }
        }
    }

    /// The issue codes.
    var issueCodes: [String] {
        issues.compactMap { if case .string(let code)? = $0["code"] { code } else { nil } }
    }

    /// Bundle.total.
    var total: Int? {
        if case .number(let total)? = json?["total"] { return Int(total) }
        return nil
    }

    /// The ids of a Bundle's match entries.
    var entryIDs: [String] {
        guard case .array(let entries)? = json?["entry"] else { return [] }
        return entries.compactMap { entry in
            guard entry["search"]?["mode"] == .string("match"), case .string(let id)? = entry["resource"]?["id"]
            else { return nil }
            return id
        }
    }
}

/// Request bodies.
enum FHIRFixtures {
    /// A complete ServiceRequest for a seeded patient: identifiers in a contained Patient.
    static func serviceRequest(
        _ seeded: SeededDepartment, _ patientKey: String, code: String = "XCHEST", placer: String? = nil
    ) -> String {
        let patient = seeded.patients[patientKey]
        let family = patient?.name.family ?? ""
        let given = patient?.name.given.first ?? ""
        let placerJSON =
            placer.map {
                #","identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"PLAC"}]},"value":"\#($0)"}]"#
            } ?? ""
        return """
            {"resourceType":"ServiceRequest","status":"active","intent":"order"\(placerJSON),\
            "contained":[{"resourceType":"Patient","id":"p","name":[{"family":"\(family)","given":["\(given)"]}],\
            "birthDate":"\(patient?.dateOfBirth?.iso ?? "")",\
            "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"\(patient?.nhsNumber?.digits ?? "")"}]}],\
            "subject":{"reference":"#p"},\
            "code":{"coding":[{"system":"https://lightbox.example/fhir/CodeSystem/exam-catalogue","code":"\(code)"}]},\
            "reasonCode":[{"text":"? consolidation"}],"priority":"urgent",\
            "requester":{"reference":"Practitioner/\(seeded.referrer.id.uuidString)"}}
            """
    }
}

/// The outside peer: every resource Lightbox produced, parsed and validated against the FHIR model
/// by `fhir.resources` (PyPI) — its R4B models, the nearest it ships to R4 4.0.1 on pydantic 2.
enum FHIRPeer {
    static let script = #"""
        import json, sys
        try:
            from fhir.resources.R4B import get_fhir_model_class
        except ImportError as error:
            print("fhir.resources is not installed (pip install 'fhir.resources==7.1.0'): %s" % error, file=sys.stderr)
            sys.exit(3)
        with open(sys.argv[1]) as handle:
            resources = json.load(handle)
        failures = 0
        for resource in resources:
            model = get_fhir_model_class(resource["resourceType"])
            try:
                model.parse_obj(resource)
            except Exception as error:
                failures += 1
                print("%s/%s: %s" % (resource["resourceType"], resource.get("id", "-"), error))
        print("validated %d resources, %d invalid" % (len(resources), failures))
        sys.exit(1 if failures else 0)
        """#

    static func validate(_ resources: [JSONValue], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!resources.isEmpty, "nothing to validate", sourceLocation: sourceLocation)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fhir-\(UUID().uuidString).json")
        try Data(JSONValue.array(resources).serialized().utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let python = try ExternalProgram(path: "/usr/bin/env")
        let result = try python.run(["python3", "-c", script, file.path], timeout: 120)
        #expect(
            result.status == 0,
            "fhir.resources refused Lightbox's FHIR (exit \(result.status)): \(result.standardOutput) \(result.standardError)",
            sourceLocation: sourceLocation)
        #expect(
            result.standardOutput.contains("validated \(resources.count) resources, 0 invalid"),
            "\(result.standardOutput)", sourceLocation: sourceLocation)
    }
}
