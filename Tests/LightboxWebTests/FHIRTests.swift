import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// The FHIR R4 door through HTTP, on SQLite and PostgreSQL.
@Suite("FHIR R4 API")
struct FHIRTests {
    static let nhs = "https://fhir.nhs.uk/Id/nhs-number"

    @Test("The CapabilityStatement lists exactly the interactions the router serves")
    func capabilityStatementMatchesRoutes() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let fhir = FHIRClient(APIClient(client), seeded)
            let response = try await fhir.get("/fhir/metadata", role: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/fhir+json")
            let statement = try #require(response.json)
            #expect(statement["resourceType"] == "CapabilityStatement")
            #expect(statement["fhirVersion"] == "4.0.1")
            #expect(statement["format"]?.arrayValueForTests.contains("json") == true)

            var claimed = Set<String>()
            for resource in statement["rest"]?.arrayValueForTests.first?["resource"]?.arrayValueForTests ?? [] {
                guard case .string(let type)? = resource["type"] else { continue }
                for interaction in resource["interaction"]?.arrayValueForTests ?? [] {
                    switch interaction["code"] {
                    case "read": claimed.insert("GET /fhir/\(type)/{id}")
                    case "search-type": claimed.insert("GET /fhir/\(type)")
                    case "create": claimed.insert("POST /fhir/\(type)")
                    default: Issue.record("unexpected interaction \(String(describing: interaction["code"]))")
                    }
                }
                // Every search parameter claimed is understood by the route (no 400 for it).
                for parameter in resource["searchParam"]?.arrayValueForTests ?? [] {
                    guard case .string(let name)? = parameter["name"] else { continue }
                    let probe = try await fhir.get("/fhir/\(type)?\(name)=1900&_id=\(UUID().uuidString)")
                    #expect(
                        !probe.text.contains("Unknown search parameter"), "\(type) \(name): \(probe.text)")
                }
            }
            let registered = Set(
                WebApplication(environment: seeded.environment()).buildRouter().registered.map {
                    "\($0.method) \($0.path)"
                }
                .filter { $0.contains(" /fhir/") && !$0.hasSuffix("/fhir/metadata") })
            #expect(
                claimed == registered,
                "claimed only: \(claimed.subtracting(registered)); served only: \(registered.subtracting(claimed))")
            #expect(claimed.contains("POST /fhir/ServiceRequest"))
            #expect(claimed.contains("GET /fhir/Patient/{id}"))
            try FHIRPeer.validate(fhir.resources)
        }
    }

    @Test(
        "Patient read: identifiers with their systems, and the read is audited through the FHIR door",
        arguments: TestEngine.allCases)
    func patientRead(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let fhir = FHIRClient(APIClient(client), seeded)
            let patient = try #require(seeded.patients["man"])
            let response = try await fhir.get("/fhir/Patient/\(patient.id.uuidString)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/fhir+json")
            let resource = try #require(response.json)
            #expect(resource["resourceType"] == "Patient")
            #expect(resource["id"] == .string(patient.id.uuidString))
            #expect(resource["birthDate"] == "1980-11-02")
            #expect(resource["gender"] == "male")
            let identifiers = resource["identifier"]?.arrayValueForTests ?? []
            #expect(identifiers.contains { $0["system"] == .string(Self.nhs) && $0["value"] == "9434765919" })
            #expect(
                identifiers.contains {
                    $0["system"] == "https://lightbox.example/fhir/Id/hospital-number/RVJ" && $0["value"] == "RVJ65919"
                        && $0["assigner"]?["identifier"]?["value"] == "RVJ"
                })
            let audit = try AuditRows.query(
                database,
                "SELECT action || ' ' || door FROM audit_entries WHERE lower(patient_id) = lower('\(patient.id.uuidString)') ORDER BY sequence"
            )
            #expect(audit.last == "patient.read fhir", "\(audit)")
        }
    }

    @Test(
        "Patient search by identifier, name and birth date, with prefixes; every search audited",
        arguments: TestEngine.allCases)
    func patientSearch(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let fhir = FHIRClient(APIClient(client), seeded)
            let man = try #require(seeded.patients["man"]).id.uuidString
            let woman = try #require(seeded.patients["woman"]).id.uuidString
            let before = try Self.auditCount(database, action: "patient.search")

            let byNHS = try await fhir.get("/fhir/Patient?identifier=\(Self.nhs)|9434765919")
            #expect(byNHS.status == .ok, "\(byNHS.text)")
            #expect(byNHS.json?["type"] == "searchset")
            #expect(byNHS.total == 1)
            #expect(byNHS.entryIDs == [man])
            let selfLink = byNHS.json?["link"]?.arrayValueForTests.first { $0["relation"] == "self" }
            #expect(selfLink?["url"]?.stringForTests?.hasPrefix("http") == true)
            #expect(selfLink?["url"]?.stringForTests?.contains("/fhir/Patient?identifier=") == true)

            let byHospital = try await fhir.get(
                "/fhir/Patient?identifier=https://lightbox.example/fhir/Id/hospital-number/RVJ|RVJ65870")
            #expect(byHospital.entryIDs == [woman])
            let otherAuthority = try await fhir.get(
                "/fhir/Patient?identifier=https://lightbox.example/fhir/Id/hospital-number/RXH|RVJ65870")
            #expect(otherAuthority.total == 0)
            let bare = try await fhir.get("/fhir/Patient?identifier=9434765919")
            #expect(bare.entryIDs == [man])

            #expect(try await fhir.get("/fhir/Patient?family=kh").entryIDs == [man])
            #expect(try await fhir.get("/fhir/Patient?family:exact=Kh").total == 0)
            #expect(try await fhir.get("/fhir/Patient?name=khan&given=imr").entryIDs == [man])
            #expect(try await fhir.get("/fhir/Patient?family=khan&given=siob").total == 0)
            #expect(try await fhir.get("/fhir/Patient?birthdate=1994-01-30").entryIDs == [woman])
            // A given name matches `name` when another parameter anchors the search.
            #expect(try await fhir.get("/fhir/Patient?name=Siobhan&birthdate=1994-01-30").entryIDs == [woman])
            // Prefixes narrow an anchored search.
            let range = try await fhir.get("/fhir/Patient?identifier=9434765870&birthdate=ge1994&birthdate=lt1994-02")
            #expect(range.entryIDs == [woman])
            #expect(try await fhir.get("/fhir/Patient?identifier=9434765870&birthdate=gt1994").total == 0)
            #expect(try await fhir.get("/fhir/Patient?identifier=9434765870&birthdate=le1994-01-30").total == 1)
            #expect(try await fhir.get("/fhir/Patient?identifier=9434765870&birthdate=ne1994-01").total == 0)
            #expect(try await fhir.get("/fhir/Patient?identifier=9434765870&birthdate=1994").total == 1)

            let searches = try Self.auditCount(database, action: "patient.search")
            #expect(searches - before >= 14, "each search is audited (\(searches - before))")
            let doors = try AuditRows.query(
                database, "SELECT DISTINCT door FROM audit_entries WHERE action = 'patient.search'")
            #expect(doors == ["fhir"])
            try FHIRPeer.validate(fhir.resources)
        }
    }

    @Test(
        "Search parameters: unknown refused (strict) or ignored and reported (lenient); bad values named",
        arguments: TestEngine.allCases)
    func searchParameterHandling(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let fhir = FHIRClient(APIClient(client), seeded)
            let strict = try await fhir.get("/fhir/Patient?family=khan&colour=blue")
            #expect(strict.status == .badRequest)
            #expect(strict.headers[.contentType] == "application/fhir+json")
            #expect(strict.json?["resourceType"] == "OperationOutcome")
            #expect(strict.issueExpressions == ["colour"])

            let lenient = try await fhir.get("/fhir/Patient?family=khan&colour=blue", prefer: "handling=lenient")
            #expect(lenient.status == .ok)
            #expect(lenient.total == 1)
            let outcome = lenient.json?["entry"]?.arrayValueForTests.first { $0["search"]?["mode"] == "outcome" }
            #expect(outcome?["resource"]?["resourceType"] == "OperationOutcome")
            #expect(
                lenient.json?["link"]?.arrayValueForTests.first?["url"]?.stringForTests?.contains("colour") == false)

            let modifier = try await fhir.get("/fhir/Patient?family:contains=han")
            #expect(modifier.status == .badRequest)
            let badDate = try await fhir.get("/fhir/Patient?birthdate=1994-02-31")
            #expect(badDate.status == .badRequest)
            #expect(badDate.issueCodes == ["value"])
            let badNHS = try await fhir.get("/fhir/Patient?identifier=\(Self.nhs)|9434765918")
            #expect(badNHS.status == .badRequest)
            #expect(badNHS.issueExpressions == ["identifier"])
            let unanchored = try await fhir.get("/fhir/Patient?given=Imran")
            #expect(unanchored.status == .badRequest)
            #expect(unanchored.issueCodes == ["too-costly"])
            let count = try await fhir.get("/fhir/Patient?family=khan&_count=9999")
            #expect(count.status == .badRequest)
        }
    }

    @Test(
        "Errors are OperationOutcomes: 401, 403, 404, 406; _format and Accept honoured", arguments: TestEngine.allCases)
    func errorsAndFormats(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let fhir = FHIRClient(APIClient(client), seeded)
            let man = try #require(seeded.patients["man"]).id.uuidString

            let anonymous = try await fhir.get("/fhir/Patient/\(man)", role: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType] == "application/fhir+json")
            #expect(anonymous.issueCodes == ["login"])
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let forged = try await fhir.get("/fhir/Patient/\(man)", role: nil, token: "lbx_forged")
            #expect(forged.status == .unauthorized)
            #expect(forged.json?["resourceType"] == "OperationOutcome")

            let admin = try await fhir.get("/fhir/Patient/\(man)", role: .admin)
            #expect(admin.status == .forbidden)
            #expect(admin.issueCodes == ["forbidden"])
            #expect(admin.problemType == Problem.typeBase + "permission.denied")
            let adminCreate = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .radiographer, body: FHIRFixtures.serviceRequest(seeded, "man"))
            #expect(adminCreate.status == .forbidden, "a radiographer may not create requests")

            for path in [
                "/fhir/Patient/\(UUID().uuidString)", "/fhir/Patient/not-an-id",
                "/fhir/ServiceRequest/\(UUID().uuidString)",
                "/fhir/Appointment/\(UUID().uuidString)", "/fhir/ImagingStudy/\(UUID().uuidString)",
                "/fhir/DiagnosticReport/\(UUID().uuidString)", "/fhir/Observation/\(UUID().uuidString)",
            ] {
                let missing = try await fhir.get(path)
                #expect(missing.status == .notFound, "\(path)")
                #expect(missing.json?["resourceType"] == "OperationOutcome", "\(path): \(missing.text)")
                #expect(missing.issueCodes == ["not-found"], "\(path)")
            }

            let xml = try await fhir.get("/fhir/Patient/\(man)?_format=xml")
            #expect(xml.status == .notAcceptable)
            #expect(xml.json?["resourceType"] == "OperationOutcome")
            let acceptXML = try await fhir.get("/fhir/Patient/\(man)", accept: "application/fhir+xml")
            #expect(acceptXML.status == .notAcceptable)
            for format in ["application/fhir+json", "application/fhir%2Bjson"] {
                let explicit = try await fhir.get("/fhir/Patient/\(man)?_format=\(format)")
                #expect(explicit.status == .ok, "\(format): \(explicit.text)")
                #expect(explicit.headers[.contentType] == "application/fhir+json")
            }
            let json = try await fhir.get("/fhir/Patient/\(man)?_format=json")
            #expect(json.headers[.contentType] == "application/fhir+json")
            let plain = try await fhir.get("/fhir/Patient/\(man)", accept: "application/json")
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentType] == "application/json")
            let pretty = try await fhir.get("/fhir/Patient/\(man)?_pretty=true")
            #expect(pretty.text.contains("\n"))
            try FHIRPeer.validate(fhir.resources)
        }
    }

    @Test(
        "A ServiceRequest missing identifiers gets an OperationOutcome naming them, and nothing is stored",
        arguments: TestEngine.allCases)
    func serviceRequestMissingIdentifiers(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let fhir = FHIRClient(APIClient(client), seeded)
            let auditBefore = try AuditRows.query(database, "SELECT count(*) FROM audit_entries")
            let examsBefore = try AuditRows.query(database, "SELECT count(*) FROM exams")
            let body = """
                {"resourceType":"ServiceRequest","status":"active","intent":"order",\
                "contained":[{"resourceType":"Patient","id":"p","name":[{"family":"Khan","given":["Imran"]}]}],\
                "subject":{"reference":"#p"},\
                "code":{"coding":[{"system":"https://lightbox.example/fhir/CodeSystem/exam-catalogue","code":"XCHEST"}]},\
                "reasonCode":[{"text":"cough"}],"priority":"routine"}
                """
            // From an ordering system (an integration account), which must name the requester too.
            let refused = try await fhir.send(.post, "/fhir/ServiceRequest", role: .integration, body: body)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.headers[.contentType] == "application/fhir+json")
            #expect(refused.json?["resourceType"] == "OperationOutcome")
            let expressions = refused.issueExpressions
            let patient = "ServiceRequest.contained.ofType(Patient)"
            for expected in [
                "\(patient).birthDate", "\(patient).identifier.where(system='\(Self.nhs)')",
                "\(patient).identifier.where(type.coding.code='MR')", "\(patient).address", "ServiceRequest.requester",
            ] {
                #expect(expressions.contains(expected), "missing \(expected) in \(expressions)")
            }
            #expect(refused.issues.count == expressions.count, "one issue per field")
            #expect(refused.issueCodes.filter { $0 == "required" }.count >= 5)
            #expect(refused.problemType == Problem.typeBase + "request.missing-identifiers")

            // No identifiers, no requester, no code: each named.
            let empty = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .referrer,
                body: #"{"resourceType":"ServiceRequest","status":"active","intent":"order"}"#)
            #expect(empty.status == .unprocessableContent)
            for expected in [
                "ServiceRequest.subject", "ServiceRequest.code", "ServiceRequest.reasonCode", "ServiceRequest.priority",
                "\(patient).name",
            ] {
                #expect(empty.issueExpressions.contains(expected), "missing \(expected) in \(empty.issueExpressions)")
            }
            // Not a ServiceRequest at all.
            let wrongType = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .referrer, body: #"{"resourceType":"Patient"}"#)
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.issueCodes == ["structure"])
            let badBirthDate = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .referrer,
                body: FHIRFixtures.serviceRequest(seeded, "man").replacingOccurrences(
                    of: "1980-11-02", with: "1980-02-30"))
            #expect(badBirthDate.status == .badRequest)
            #expect(badBirthDate.issueExpressions == ["ServiceRequest.contained.ofType(Patient).birthDate"])
            let notJSON = try await fhir.send(.post, "/fhir/ServiceRequest", role: .referrer, body: "{")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.json?["resourceType"] == "OperationOutcome")
            let xmlBody = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .referrer, body: "<ServiceRequest/>",
                contentType: "application/fhir+xml")
            #expect(xmlBody.status == .unsupportedMediaType)

            #expect(try AuditRows.query(database, "SELECT count(*) FROM audit_entries") == auditBefore)
            #expect(try AuditRows.query(database, "SELECT count(*) FROM exams") == examsBefore)
            let search = try await fhir.get(
                "/fhir/ServiceRequest?patient=Patient/\(seeded.patients["man"]?.id.uuidString ?? "")")
            #expect(search.total == 0)
            try FHIRPeer.validate(fhir.resources)
        }
    }

    @Test(
        "ServiceRequest create runs request intake; read and search by patient, identifier, status, authored, code",
        arguments: TestEngine.allCases)
    func serviceRequestCreateReadSearch(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let fhir = FHIRClient(APIClient(client), seeded)
            let man = try #require(seeded.patients["man"]).id.uuidString
            let created = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .integration,
                body: FHIRFixtures.serviceRequest(seeded, "man", placer: "ORD-77^EPR"))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.headers[.location]?.hasSuffix("/fhir/ServiceRequest/\(id)") == true)
            #expect(created.json?["status"] == "active")
            #expect(created.json?["intent"] == "order")
            #expect(created.json?["priority"] == "urgent")
            #expect(created.json?["subject"]?["reference"] == .string("Patient/\(man)"))
            // The same exam through the JSON API, requested through the FHIR door.
            let exam = try await APIClient(client).send(.get, "/api/exams/\(id)", token: seeded.tokens[.radiographer])
            #expect(exam.string("state") == "requested")
            let accession = try #require(exam.string("accessionNumber"))
            let door = try AuditRows.query(
                database,
                "SELECT door FROM audit_entries WHERE action = 'exam.requested' AND lower(exam_id) = lower('\(id)')")
            #expect(door == ["fhir"])

            // The same placer order again is a duplicate.
            let again = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .integration,
                body: FHIRFixtures.serviceRequest(seeded, "man", placer: "ORD-77^EPR"))
            #expect(again.status == .conflict, "\(again.text)")
            #expect(again.issueCodes.contains("duplicate"))

            let read = try await fhir.get("/fhir/ServiceRequest/\(id)")
            #expect(read.status == .ok)
            #expect(read.json?["identifier"]?.arrayValueForTests.contains { $0["value"] == .string(accession) } == true)
            let examReads = try AuditRows.query(
                database,
                "SELECT door FROM audit_entries WHERE action = 'exam.read' AND lower(exam_id) = lower('\(id)')")
            #expect(examReads.last == "fhir", "the FHIR read is audited through the FHIR door: \(examReads)")

            let noSide = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .referrer,
                body: FHIRFixtures.serviceRequest(seeded, "elderly", code: "XWRIST"))
            #expect(noSide.status == .unprocessableContent)
            #expect(noSide.issueExpressions == ["ServiceRequest.bodySite"], "\(noSide.text)")
            let byPatient = try await fhir.get("/fhir/ServiceRequest?patient=Patient/\(man)")
            #expect(byPatient.entryIDs == [id])
            #expect(try await fhir.get("/fhir/ServiceRequest?subject=\(man)").entryIDs == [id])
            #expect(
                try await fhir.get(
                    "/fhir/ServiceRequest?identifier=https://lightbox.example/fhir/Id/accession-number|\(accession)"
                ).entryIDs == [id])
            #expect(try await fhir.get("/fhir/ServiceRequest?identifier=ORD-77^EPR").entryIDs == [id])
            #expect(try await fhir.get("/fhir/ServiceRequest?identifier=nothing").total == 0)
            #expect(try await fhir.get("/fhir/ServiceRequest?status=active&patient=\(man)").entryIDs == [id])
            #expect(try await fhir.get("/fhir/ServiceRequest?status=completed,revoked").total == 0)
            let now = seeded.clock.now()
            let day = CalendarDate(now, in: seeded.configuration.timeZone).iso
            #expect(try await fhir.get("/fhir/ServiceRequest?authored=\(day)").entryIDs == [id])
            #expect(try await fhir.get("/fhir/ServiceRequest?authored=gt\(day)").total == 0)
            #expect(try await fhir.get("/fhir/ServiceRequest?authored=lt\(day)").total == 0)
            #expect(try await fhir.get("/fhir/ServiceRequest?code=XCHEST").entryIDs == [id])
            #expect(
                try await fhir.get(
                    "/fhir/ServiceRequest?code=https://lightbox.example/fhir/CodeSystem/exam-catalogue|XWRIST"
                ).total == 0)
            let lists = try AuditRows.query(
                database, "SELECT count(*) FROM audit_entries WHERE action = 'exam.list' AND door = 'fhir'")
            #expect(Int(lists.first ?? "0") ?? 0 >= 6)
            let minimal = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .referrer, body: FHIRFixtures.serviceRequest(seeded, "woman"),
                prefer: "return=minimal")
            #expect(minimal.status == .created, "\(minimal.text)")
            #expect(minimal.text.isEmpty)
            #expect(minimal.headers[.location]?.contains("/fhir/ServiceRequest/") == true)
            try FHIRPeer.validate(fhir.resources)
        }
    }

    @Test("Appointment, ImagingStudy and DiagnosticReport follow the journey", arguments: TestEngine.allCases)
    func journeyResources(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let fhir = FHIRClient(APIClient(client), seeded)
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let man = try #require(seeded.patients["man"]).id.uuidString
            let exam = try await fhir.createRequest("man")
            #expect(try await fhir.get("/fhir/Appointment/\(exam)").status == .notFound)
            try await path.justify(exam)
            try await path.book(exam)

            let booked = try await fhir.get("/fhir/Appointment/\(exam)")
            #expect(booked.status == .ok, "\(booked.text)")
            #expect(booked.json?["status"] == "booked")
            #expect(booked.json?["start"] != nil && booked.json?["end"] != nil)
            let participants = booked.json?["participant"]?.arrayValueForTests ?? []
            #expect(participants.contains { $0["actor"]?["reference"] == .string("Patient/\(man)") })
            #expect(
                participants.contains { $0["actor"]?["type"] == "Location" && $0["actor"]?["display"] == "X-ray 1" })
            #expect(try await fhir.get("/fhir/Appointment?patient=\(man)&status=booked").entryIDs == [exam])
            let start = try #require(booked.json?["start"]?.stringForTests)
            #expect(try await fhir.get("/fhir/Appointment?date=ge\(start.prefix(10))").entryIDs == [exam])
            #expect(try await fhir.get("/fhir/Appointment?date=lt\(start.prefix(10))").total == 0)
            #expect(try await fhir.get("/fhir/ImagingStudy/\(exam)").status == .notFound)

            try await path.arrive(exam)
            #expect(try await fhir.get("/fhir/Appointment/\(exam)").json?["status"] == "arrived")
            try await path.pauseAndCheck(exam)
            try await path.step(exam, "start", by: path.token("radiographer"))
            let study = try await fhir.get("/fhir/ImagingStudy/\(exam)")
            #expect(study.status == .ok, "\(study.text)")
            #expect(study.json?["status"] == "registered")
            #expect(study.json?["series"] == nil, "no series until the archive holds images")
            #expect(study.json?["modality"]?.arrayValueForTests.first?["code"] == "DX")
            #expect(study.json?["basedOn"]?.arrayValueForTests.first?["reference"] == .string("ServiceRequest/\(exam)"))
            #expect(try await fhir.get("/fhir/ImagingStudy?patient=\(man)&modality=DX").entryIDs == [exam])
            #expect(try await fhir.get("/fhir/ImagingStudy?modality=CT").total == 0)

            try await path.step(
                exam, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
            try await path.step(exam, "image-check", by: path.token("radiographer2"), #"{"diagnostic":true}"#)
            try await path.step(exam, "discharge", by: path.token("radiographer"))
            #expect(try await fhir.get("/fhir/Appointment/\(exam)").json?["status"] == "fulfilled")
            #expect(try await fhir.get("/fhir/ServiceRequest/\(exam)").json?["status"] == "completed")
            #expect(try await fhir.get("/fhir/DiagnosticReport/\(exam)").status == .notFound)

            // Reports are written through the domain (the report routes are another door's work).
            let radiologist = try #require(seeded.staff["radiologist"])
            let manager = Actor(staffID: nil, username: "fhir-test", role: .manager, door: .system)
            _ = try await seeded.department.grantEntitlement(
                .init(
                    staffID: radiologist.id, duty: .report, scope: ExamScope(modality: .DX),
                    starts: seeded.clock.now().addingTimeInterval(-86_400), expires: nil,
                    trainingEvidence: "FRCR"),
                by: manager)
            let reporter = Actor(
                staffID: radiologist.id, username: "person-radiologist", role: .radiologist, door: .web)
            let examID = try #require(UUID(uuidString: exam))
            _ = try await seeded.department.recordReport(
                .init(examID: examID, text: "Lungs clear. No consolidation."), by: reporter)
            let preliminary = try await fhir.get("/fhir/DiagnosticReport/\(exam)")
            #expect(preliminary.status == .ok, "\(preliminary.text)")
            #expect(preliminary.json?["status"] == "preliminary")
            #expect(preliminary.json?["conclusion"] == "Lungs clear. No consolidation.")
            #expect(
                preliminary.json?["basedOn"]?.arrayValueForTests.first?["reference"]
                    == .string("ServiceRequest/\(exam)"))
            #expect(
                preliminary.json?["performer"]?.arrayValueForTests.first?["display"]?.stringForTests?.contains("Shah")
                    == true)
            _ = try await seeded.department.verifyReport(.init(examID: examID), by: reporter)
            #expect(try await fhir.get("/fhir/DiagnosticReport/\(exam)").json?["status"] == "final")
            #expect(try await fhir.get("/fhir/DiagnosticReport?patient=\(man)&status=final").entryIDs == [exam])
            #expect(try await fhir.get("/fhir/DiagnosticReport?status=preliminary").total == 0)
            #expect(try await fhir.get("/fhir/DiagnosticReport?based-on=ServiceRequest/\(exam)").entryIDs == [exam])
            #expect(try await fhir.get("/fhir/ImagingStudy/\(exam)").json?["interpreter"] != nil)

            // Paging: _count 1 over two requests gives a next link and the total.
            _ = try await fhir.createRequest("elderly")
            let page = try await fhir.get("/fhir/ServiceRequest?_count=1")
            #expect(page.total == 2)
            #expect(page.entryIDs.count == 1)
            let next = page.json?["link"]?.arrayValueForTests.first { $0["relation"] == "next" }
            let nextURL = try #require(next?["url"]?.stringForTests)
            let fhirPath = try #require(nextURL.range(of: "/fhir/"))
            let nextPath = String(nextURL[fhirPath.lowerBound...])
            let second = try await fhir.get(nextPath)
            #expect(second.entryIDs.count == 1)
            #expect(second.entryIDs != page.entryIDs)
            try FHIRPeer.validate(fhir.resources)
        }
    }

    static func auditCount(_ database: TestDatabase, action: String) throws -> Int {
        Int(try AuditRows.query(database, "SELECT count(*) FROM audit_entries WHERE action = '\(action)'").first ?? "0")
            ?? 0
    }
}

extension JSONValue {
    var arrayValueForTests: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    var stringForTests: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
