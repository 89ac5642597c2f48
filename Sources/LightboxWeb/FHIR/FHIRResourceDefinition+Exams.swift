import Foundation
import LightboxDomain

extension FHIRResourceDefinition {
    /// ServiceRequest: an exam's request. Create runs request intake (`CreateRequest`, the use case
    /// of the JSON API and HL7 orders) and refuses with one issue per missing or wrong item, storing
    /// nothing; read and search are audited as exam reads and lists.
    static var serviceRequest: FHIRResourceDefinition {
        FHIRResourceDefinition(
            type: "ServiceRequest",
            documentation: "Imaging requests. Create runs the department's request intake with the same rules as "
                + "the JSON API and HL7 orders (patient identifiers in a contained Patient, requester, exam code, "
                + "clinical question, priority). Status: active while on the journey, on-hold when returned for "
                + "information or after a missed appointment, revoked when rejected or cancelled, completed once "
                + "performed. Reading needs viewExams, creating createRequest.",
            permission: .viewExams,
            searchParameters: [
                .id, .patient, .subject(of: "ServiceRequest"),
                .clinicalIdentifier(
                    "Accession number (\(FHIRNamingSystem.accessionNumber)) or placer order number "
                        + "(\(FHIRNamingSystem.placerOrderNumber))"),
                FHIRSearchParameter(
                    "status", .token, allowsList: true,
                    definition: FHIRSearchParameter.base("ServiceRequest", "status"),
                    "active, on-hold, revoked or completed (comma-separated for any of them)"),
                FHIRSearchParameter(
                    "authored", .date, repeatable: true,
                    definition: FHIRSearchParameter.base("ServiceRequest", "authored"),
                    "When the request was received, with prefixes"),
                FHIRSearchParameter(
                    "code", .token, allowsList: true, definition: FHIRSearchParameter.base("clinical", "code"),
                    "Catalogue code (\(FHIRNamingSystem.examCatalogue)) or SNOMED CT code"),
            ],
            read: examRead { exam, reference in FHIRServiceRequest.resource(exam, reference) },
            search: { request, parameters in
                let authored = try dates("authored", parameters, request)
                let states = states(parameters, FHIRServiceRequest.states(forStatus:))
                let exams = try await exams(request, parameters, states: states, requested: authored) { exam in
                    authored.allSatisfy { $0.matches(exam.requestedAt) }
                }
                let reference = try await FHIRReferenceData.load(for: exams, from: request.call.store)
                return exams.filter { codeMatches($0, reference, parameters) }.map {
                    FHIRServiceRequest.resource($0, reference)
                }
            },
            create: Create(permission: .createRequest) { request, body in
                let intake = try FHIRServiceRequestIntake(body)
                let exam: Exam
                do {
                    exam = try await request.department.createRequest(intake.command, by: request.actor).value
                } catch let error as DomainError {
                    throw OperationOutcome(error, expression: FHIRServiceRequestIntake.expression(for:))
                }
                let reference = try await FHIRReferenceData.load(for: [exam], from: request.call.store)
                return (FHIRServiceRequest.resource(exam, reference), exam.id.uuidString)
            })
    }

    /// Appointment: an exam's booking.
    static var appointment: FHIRResourceDefinition {
        FHIRResourceDefinition(
            type: "Appointment",
            documentation: "Bookings of exams: the room as a Location participant, start and end, status "
                + "booked, arrived, fulfilled, noshow or cancelled. Needs viewExams.",
            permission: .viewExams,
            searchParameters: [
                .id,
                FHIRSearchParameter(
                    "patient", .reference, definition: FHIRSearchParameter.base("Appointment", "patient"),
                    "Patient/{id}"),
                FHIRSearchParameter(
                    "status", .token, allowsList: true, definition: FHIRSearchParameter.base("Appointment", "status"),
                    "booked, arrived, fulfilled, noshow or cancelled"),
                FHIRSearchParameter(
                    "date", .date, repeatable: true, definition: FHIRSearchParameter.base("Appointment", "date"),
                    "Appointment start, with prefixes"),
                FHIRSearchParameter(
                    "identifier", .token, definition: FHIRSearchParameter.base("Appointment", "identifier"),
                    "Accession number of the exam booked"),
            ],
            read: examRead { exam, reference in FHIRAppointment.resource(exam, reference) },
            search: { request, parameters in
                let date = try dates("date", parameters, request)
                let states = states(parameters, FHIRAppointment.states(forStatus:))
                let exams = try await exams(request, parameters, states: states, scheduled: date) { exam in
                    guard let start = exam.booking?.scheduledAt else { return false }
                    return date.allSatisfy { $0.matches(start) }
                }
                return try await resources(exams, request) { FHIRAppointment.resource($0, $1) }
            })
    }

    /// ImagingStudy: a performed exam's study.
    static var imagingStudy: FHIRResourceDefinition {
        FHIRResourceDefinition(
            type: "ImagingStudy",
            documentation: "Studies of exams that have been performed, by accession number; series and instances "
                + "are listed once the image archive holds them (until then the status is registered). Needs viewExams.",
            permission: .viewExams,
            searchParameters: [
                .id,
                FHIRSearchParameter(
                    "patient", .reference, definition: FHIRSearchParameter.base("ImagingStudy", "patient"),
                    "Patient/{id}"),
                FHIRSearchParameter(
                    "identifier", .token, definition: FHIRSearchParameter.base("ImagingStudy", "identifier"),
                    "Accession number"),
                FHIRSearchParameter(
                    "started", .date, repeatable: true, definition: FHIRSearchParameter.base("ImagingStudy", "started"),
                    "When the exam started, with prefixes"),
                FHIRSearchParameter(
                    "modality", .token, allowsList: true,
                    definition: FHIRSearchParameter.base("ImagingStudy", "modality"),
                    "DICOM modality (\(FHIRNamingSystem.dicomDCM)|CT)"),
                FHIRSearchParameter(
                    "status", .token, allowsList: true, definition: FHIRSearchParameter.base("ImagingStudy", "status"),
                    "registered, available or cancelled"),
            ],
            read: examRead(many: { try await imagingStudies($0, $1) }),
            search: { request, parameters in
                let started = try dates("started", parameters, request)
                let modalities = parameters.one("modality")?.alternatives.map(FHIRToken.init)
                let statuses = parameters.one("status")?.alternatives.map { FHIRToken($0).code }
                let exams = try await exams(request, parameters, states: FHIRImagingStudy.states) { exam in
                    guard let performance = exam.performance else { return false }
                    if let modalities,
                        !modalities.contains(where: {
                            $0.matches(system: FHIRNamingSystem.dicomDCM, code: exam.modality.rawValue)
                        })
                    {
                        return false
                    }
                    return started.allSatisfy { $0.matches(performance.startedAt) }
                }
                return try await imagingStudies(exams, request).filter { study in
                    statuses.map { $0.contains(study["status"]?.stringValue ?? "") } ?? true
                }
            })
    }

    /// ImagingStudy resources for performed exams, with the series the image archive holds.
    static func imagingStudies(_ exams: [Exam], _ request: FHIRRequest) async throws -> [JSONValue] {
        let reference = try await FHIRReferenceData.load(for: exams, from: request.call.store)
        let archive = request.call.environment.imagingArchive
        var studies: [JSONValue] = []
        for exam in exams where FHIRImagingStudy.exists(exam) {
            let stored = try await archive?.study(for: exam, by: request.call.actor)
            if let study = FHIRImagingStudy.resource(
                exam, reference, studyInstanceUID: stored?.studyInstanceUID, series: stored?.series ?? [])
            {
                studies.append(study)
            }
        }
        return studies
    }

    /// DiagnosticReport: an exam's report.
    static var diagnosticReport: FHIRResourceDefinition {
        FHIRResourceDefinition(
            type: "DiagnosticReport",
            documentation: "Reports of exams: preliminary once reported, final once verified; the report text is "
                + "the conclusion. Needs viewExams.",
            permission: .viewExams,
            searchParameters: [
                .id, .patient, .subject(of: "DiagnosticReport"), .clinicalIdentifier("Accession number"),
                FHIRSearchParameter(
                    "status", .token, allowsList: true,
                    definition: FHIRSearchParameter.base("DiagnosticReport", "status"),
                    "preliminary or final"),
                FHIRSearchParameter(
                    "issued", .date, repeatable: true,
                    definition: FHIRSearchParameter.base("DiagnosticReport", "issued"),
                    "When the report was issued (verified, or written while not yet verified), with prefixes"),
                FHIRSearchParameter(
                    "based-on", .reference, definition: FHIRSearchParameter.base("DiagnosticReport", "based-on"),
                    "ServiceRequest/{id}"),
            ],
            read: examRead { exam, reference in FHIRDiagnosticReport.resource(exam, reference) },
            search: { request, parameters in
                let issued = try dates("issued", parameters, request)
                let statuses = parameters.one("status")?.alternatives.map { FHIRToken($0).code }
                let basedOn = parameters.one("based-on").map {
                    $0.text.split(separator: "/").last.map(String.init) ?? ""
                }
                let exams = try await exams(request, parameters, states: FHIRDiagnosticReport.states) { exam in
                    guard let report = exam.report else { return false }
                    if let statuses, !statuses.contains(FHIRDiagnosticReport.status(report)) { return false }
                    if let basedOn, UUID(uuidString: basedOn) != exam.id { return false }
                    return issued.allSatisfy { $0.matches(FHIRDiagnosticReport.issued(report)) }
                }
                return try await resources(exams, request) { FHIRDiagnosticReport.resource($0, $1) }
            })
    }

    /// The exams a search names: by `_id`/`identifier` when given (each read audited), otherwise
    /// listed by patient, states and date windows (audited as one list), then narrowed by `keep`.
    static func exams(
        _ request: FHIRRequest, _ parameters: FHIRSearchParameters, states: [ExamState]?,
        requested: [FHIRDateParameter] = [], scheduled: [FHIRDateParameter] = [],
        keep: @escaping (Exam) -> Bool
    ) async throws -> [Exam] {
        var patientFilter: UUID?
        if let named = patientID(parameters) {
            guard let id = named else { return [] }
            patientFilter = id
        }
        let allowed = states.map(Set.init)
        let filter: (Exam) -> Bool = { exam in
            if let patientFilter, exam.patientID != patientFilter { return false }
            if let allowed, !allowed.contains(exam.state) { return false }
            return keep(exam)
        }
        if let exams = try await examsByIdentity(request, parameters) {
            return exams.filter(filter)
        }
        if let allowed, allowed.isEmpty { return [] }
        let requestedWindow = window(requested)
        let scheduledWindow = window(scheduled)
        let query = ExamQuery(
            patientID: patientFilter, states: states, scheduledFrom: scheduledWindow.from,
            scheduledBefore: scheduledWindow.before, requestedFrom: requestedWindow.from,
            requestedBefore: requestedWindow.before)
        return try await request.exams(query, keep: filter)
    }
}
