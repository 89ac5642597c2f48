import Foundation
import Hummingbird
import LightboxDomain

/// Body of `POST /api/requests`: `CreateRequest.Command`, with `identifiers` optional so that a
/// request carrying none is answered with every missing identifier named (422), not a parse error.
public struct CreateRequestBody: APISchema, Equatable {
    public static let schemaName = "CreateRequest"
    public static var example: CreateRequestBody {
        let command = CreateRequest.Command.example
        return CreateRequestBody(
            patientID: command.patientID, identifiers: command.identifiers, examCode: command.examCode,
            laterality: command.laterality, clinicalQuestion: command.clinicalQuestion, referrerID: command.referrerID,
            priority: command.priority, patientSource: command.patientSource, location: command.location,
            pregnancyStatus: command.pregnancyStatus, research: command.research)
    }
    public var patientID: UUID?
    public var identifiers: RequestIdentifiers?
    public var examCode: String?
    public var laterality: Laterality?
    public var clinicalQuestion: String?
    public var referrerID: UUID?
    public var priority: Priority?
    public var patientSource: PatientSource?
    public var location: String?
    public var pregnancyStatus: PregnancyAnswer?
    public var research: ResearchDetails?

    var command: CreateRequest.Command {
        CreateRequest.Command(
            patientID: patientID, identifiers: identifiers ?? RequestIdentifiers(), examCode: examCode,
            laterality: laterality, clinicalQuestion: clinicalQuestion, referrerID: referrerID, priority: priority,
            patientSource: patientSource, location: location, pregnancyStatus: pregnancyStatus, research: research)
    }
}

extension WebApplication {
    static let examQueryParameters: [QueryParameter] = [
        QueryParameter("state", "Comma-separated exam states (e.g. booked,arrived)"),
        QueryParameter("roomID", "Only exams booked into this room", format: "uuid"),
        QueryParameter("date", "Only exams scheduled on this day (department time zone)", format: "date"),
        QueryParameter("modality", "Only this modality (CR, DX, RF, CT, …)"),
        QueryParameter("patientID", "Only this patient's exams", format: "uuid"),
        QueryParameter(
            "worklist",
            "true: only exams on a modality worklist (booked, arrived, checked, in progress; not in a suspended room)"),
    ]

    static var examRoutes: [APIRoute] {
        [
            .json(
                .post, "/api/requests", id: "createRequest",
                summary: "Request an exam (refused with every missing item named)",
                tag: "Pathway", access: .permission(.createRequest), body: CreateRequestBody.self,
                response: Outcome<Exam>.self, status: .created
            ) { call, body in
                try await call.department.createRequest(body.command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/resubmission", id: "resubmitRequest",
                summary: "Answer a request returned for more information", tag: "Pathway",
                access: .permission(.createRequest), body: ResubmitRequest.Command.self, response: Outcome<Exam>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.resubmitRequest(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/justification", id: "justifyRequest",
                summary: "Justify (accept), reject, return for information or change the exam", tag: "Pathway",
                access: .permission(.justify), body: JustifyRequest.Command.self, response: Outcome<Exam>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.justifyRequest(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/booking", id: "bookExam", summary: "Book a justified exam into a room",
                tag: "Pathway", access: .permission(.book), body: BookExam.Command.self, response: Outcome<Exam>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.bookExam(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/rebooking", id: "rebookExam", summary: "Re-book with a reason",
                tag: "Pathway", access: .permission(.rebook), body: RebookExam.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.rebookExam(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/arrival", id: "recordArrival", summary: "The patient has arrived",
                tag: "Pathway", access: .permission(.checkIn), body: RecordArrival.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.recordArrival(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/pause-and-check", id: "recordPauseAndCheck",
                summary: "Record the Pause and Check (identity, anatomy, pregnancy, contrast, equipment)",
                tag: "Pathway", access: .permission(.pauseAndCheck), body: RecordPauseAndCheck.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.recordPauseAndCheck(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/start", id: "startExam",
                summary: "Start the exam (entitled operator; supervisor where required)", tag: "Pathway",
                access: .permission(.performExam), body: StartExam.Command.self, response: Outcome<Exam>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.startExam(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/completion", id: "completeExam",
                summary: "Complete the exam with projections and exposure figures", tag: "Pathway",
                access: .permission(.performExam), body: CompleteExam.Command.self, response: Outcome<Exam>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.completeExam(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/image-check", id: "checkImages",
                summary: "Check the images (radiographer or radiologist, not the assistant practitioner who took them)",
                tag: "Pathway", access: .permission(.checkImages), body: CheckImages.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.checkImages(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/discharge", id: "dischargePatient",
                summary: "Discharge the patient (only after the image check)", tag: "Pathway",
                access: .permission(.discharge), body: DischargePatient.Command.self, response: Outcome<Exam>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.dischargePatient(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/cancellation", id: "cancelExam", summary: "Cancel with a reason",
                tag: "Pathway", access: .permission(.cancel), body: CancelExam.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.cancelExam(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/did-not-attend", id: "recordDidNotAttend",
                summary: "Record that the patient did not attend", tag: "Pathway",
                access: .permission(.recordDidNotAttend), body: RecordDidNotAttend.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.recordDidNotAttend(command, by: call.actor)
            },
            .json(
                .get, "/api/exams", id: "listExams", summary: "Exam lists and worklists by state, room, date, modality",
                tag: "Pathway", access: .permission(.viewExams), query: examQueryParameters, body: NoBody.self,
                response: [Exam].self, problems: [.unprocessableContent]
            ) { call, _ in
                var query = try examQuery(call)
                if call.query("worklist") == "true" { query.onWorklist = true }
                return try await call.department.listExams(query, by: call.actor).value
            },
            .json(
                .get, "/api/exams/{examID}", id: "getExam", summary: "One exam with its whole journey", tag: "Pathway",
                access: .permission(.viewExams), body: NoBody.self, response: Exam.self
            ) { call, _ in
                try await call.department.viewExam(ViewExam.Command(examID: call.id("examID")), by: call.actor).value
            },
        ]
    }

    static func examQuery(_ call: APICall) throws -> ExamQuery {
        var query = ExamQuery()
        var errors: [Problem.FieldError] = []
        if let states = call.query("state") {
            var parsed: [ExamState] = []
            for name in states.split(separator: ",") {
                if let state = ExamState(rawValue: String(name).trimmingCharacters(in: .whitespaces)) {
                    parsed.append(state)
                } else {
                    errors.append(
                        .init(
                            field: "state",
                            problem:
                                "'\(name)' is not one of \(ExamState.allCases.map(\.rawValue).joined(separator: ", "))")
                    )
                }
            }
            query.states = parsed
        }
        query.roomID = call.queryUUID("roomID", errors: &errors)
        query.patientID = call.queryUUID("patientID", errors: &errors)
        query.modality = call.queryModality(errors: &errors)
        if let day = call.queryDay(errors: &errors) {
            query.scheduledFrom = day.lowerBound
            query.scheduledBefore = day.upperBound
        }
        if !errors.isEmpty { throw Problem.invalid("The exam list filters are wrong.", errors: errors) }
        return query
    }
}
