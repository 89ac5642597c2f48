import Foundation
import Hummingbird
import LightboxDomain

extension WebApplication {
    /// The FHIR R4 door under /fhir: the CapabilityStatement, and for each resource type of
    /// `FHIRResourceDefinition.all` exactly its interactions (read, search-type, create). Errors are
    /// OperationOutcomes (`ProblemMiddleware`); reads and searches run the audited use cases.
    static var fhirRoutes: [APIRoute] {
        let definitions = FHIRResourceDefinition.all
        var routes: [APIRoute] = [
            .raw(
                .get, "/fhir/metadata", id: "fhirCapabilities",
                summary: "FHIR R4 CapabilityStatement: resources, interactions and search parameters served",
                tag: "FHIR", access: .anyone, responseContentType: FHIRFormat.mediaType
            ) { call in
                let request = try FHIRRequest(call)
                let statement = FHIRCapabilityStatement(
                    resources: definitions, version: call.environment.version, baseURL: request.baseURL,
                    date: call.environment.clock.now())
                return request.format.response(statement.json)
            }
        ]
        for definition in definitions {
            routes += fhirRoutes(for: definition)
        }
        return routes.map { route in
            var route = route
            route.errorContentType = FHIRFormat.mediaType
            return route
        }
    }

    static func fhirRoutes(for definition: FHIRResourceDefinition) -> [APIRoute] {
        let type = definition.type
        var routes: [APIRoute] = []
        if let search = definition.search {
            let supported = definition.searchParameters
            routes.append(
                .raw(
                    .get, "/fhir/\(type)", id: "fhirSearch\(type)",
                    summary: "FHIR search of \(type) (searchset Bundle; audited)", tag: "FHIR",
                    access: .permission(definition.permission),
                    query: supported.map { QueryParameter($0.name, $0.documentation) },
                    responseContentType: FHIRFormat.mediaType, problems: [.badRequest, .notAcceptable]
                ) { call in
                    let request = try FHIRRequest(call)
                    let parameters = try FHIRSearchParameters(request: call.request, supported: supported)
                    let matches = try await search(request, parameters)
                    let bundle = FHIRBundle(
                        type: type, baseURL: request.baseURL, matches: matches, parameters: parameters)
                    return request.format.response(bundle.json)
                })
        }
        if let read = definition.read {
            routes.append(
                .raw(
                    .get, "/fhir/\(type)/{id}", id: "fhirRead\(type)", summary: "FHIR read of \(type) (audited)",
                    tag: "FHIR", access: .permission(definition.permission),
                    responseContentType: FHIRFormat.mediaType, problems: [.notAcceptable]
                ) { call in
                    let request = try FHIRRequest(call)
                    let raw = call.parameter("id")
                    guard let id = UUID(uuidString: raw), let resource = try await read(request, id) else {
                        throw FHIRRequest.notFound(type, raw)
                    }
                    return request.format.response(resource)
                })
        }
        if let create = definition.create {
            routes.append(
                .raw(
                    .post, "/fhir/\(type)", id: "fhirCreate\(type)",
                    summary: "FHIR create of \(type) (201 with Location; refusals as OperationOutcome, nothing stored)",
                    tag: "FHIR", access: .permission(create.permission), requestContentType: FHIRFormat.mediaType,
                    status: .created, responseContentType: FHIRFormat.mediaType,
                    problems: [.badRequest, .notAcceptable, .conflict, .unprocessableContent]
                ) { call in
                    let request = try FHIRRequest(call)
                    if let contentType = call.request.headers[.contentType]?.lowercased(),
                        !contentType.hasPrefix(FHIRFormat.mediaType) && !contentType.hasPrefix("application/json")
                    {
                        throw OperationOutcome(
                            .unsupportedMediaType, code: "not-supported", problemCode: "request.unsupported-media-type",
                            "Send the resource as \(FHIRFormat.mediaType) (got \(contentType)).")
                    }
                    let body = try await call.body()
                    let resource: JSONValue
                    do {
                        resource = try JSONValue.parse(Data(body.readableBytesView))
                    } catch {
                        throw OperationOutcome(
                            .badRequest, code: "structure", problemCode: "request.malformed",
                            "The body is not valid JSON: \(APICall.jsonSyntaxProblem(error)).")
                    }
                    let created = try await create.handle(request, resource)
                    let location = "\(request.baseURL)/\(type)/\(created.id)"
                    let prefer = call.request.headers.filter { $0.name.canonicalName == "prefer" }.map(\.value)
                        .joined(separator: ",").lowercased()
                    if prefer.contains("return=minimal") {
                        return Response(status: .created, headers: [.location: location])
                    }
                    return request.format.response(created.resource, status: .created, headers: [.location: location])
                })
        }
        return routes
    }
}
