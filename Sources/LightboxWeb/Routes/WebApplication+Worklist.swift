import Foundation
import Hummingbird
import LightboxDomain

extension WorklistItem: APISchema {
    public static let schemaName = "WorklistItem"
    public static var example: WorklistItem {
        var exam = Exam.example
        exam.state = .booked
        exam.studyInstanceUID = StudyInstanceUID.make(from: Examples.id(2))
        exam.booking?.performingStaffID = Examples.id(5)
        return WorklistItem(
            exam: exam, patient: Patient.example, referrer: Referrer.example, room: Room.example,
            procedure: CatalogueEntry.example, performingStaff: StaffMember.example)
    }
}

extension ResolveOutsidePathway.Command: APISchema {
    public static let schemaName = "ResolveOutsidePathway"
    public static let pathMembers = ["examID"]
    public static var example: ResolveOutsidePathway.Command {
        .init(
            examID: Examples.id(2),
            resolution: "Pause and Check done with the patient after the exposure; all correct. Operator reminded.")
    }
}

extension DiscontinueExam.Command: APISchema {
    public static let schemaName = "DiscontinueExam"
    public static let pathMembers = ["examID"]
    public static let memberDefaults: [String: JSONValue] = ["projections": [], "exposures": []]
    public static var example: DiscontinueExam.Command {
        .init(
            examID: Examples.id(2), reason: "Patient unable to hold position",
            projections: [PerformedProjection(name: "PA", images: 1)],
            exposures: [
                ExposureFigures(
                    projection: "PA", kilovolts: 110, milliampereSeconds: 2, doseAreaProductGyCm2: 0.08,
                    exposureIndex: 400, ctdiVolMilligray: 0, dlpMilligrayCm: 0, fluoroscopySeconds: 0)
            ])
    }
}

extension SetRoomAETitle.Command: APISchema {
    public static let schemaName = "SetRoomAETitle"
    public static let pathMembers = ["roomID"]
    public static var example: SetRoomAETitle.Command { .init(roomID: Examples.id(4), aeTitle: "XR1") }
}

extension WebApplication {
    static let worklistQueryParameters: [QueryParameter] = [
        QueryParameter("stationAETitle", "Only the room whose modality has this AE title"),
        QueryParameter("roomID", "Only this room", format: "uuid"),
        QueryParameter("modality", "Only rooms of this modality (CR, DX, RF, CT, …)"),
        QueryParameter("date", "Only exams scheduled on this day (department time zone)", format: "date"),
        QueryParameter("accessionNumber", "Only this exam"),
    ]

    /// The worklist, the exams a suspended room's worklist lost, and exams started outside the pathway.
    static var worklistRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/worklist", id: "viewWorklist",
                summary:
                    "The modality worklist: justified, booked exams in rooms that are not suspended (as DICOM MWL)",
                tag: "Worklist", access: .permission(.viewExams), query: worklistQueryParameters, body: NoBody.self,
                response: [WorklistItem].self, problems: [.unprocessableContent]
            ) { call, _ in
                try await call.department.viewWorklist(try worklistQuery(call), by: call.actor).value
            },
            .json(
                .get, "/api/worklist/to-rebook", id: "listExamsToRebook",
                summary: "Exams withdrawn from the worklist because their room is suspended, to re-book",
                tag: "Worklist", access: .permission(.viewExams), body: NoBody.self, response: [WorklistItem].self
            ) { call, _ in
                try await call.department.listExamsToRebook(by: call.actor).value
            },
            .json(
                .get, "/api/worklist/outside-pathway", id: "listExamsOutsidePathway",
                summary: "Exams a modality started outside the pathway, waiting for a radiographer to resolve",
                tag: "Worklist", access: .permission(.viewExams), body: NoBody.self, response: [Exam].self
            ) { call, _ in
                try await call.department.listExams(
                    ExamQuery(limit: ListExams.maximumLimit, outsidePathwayUnresolved: true), by: call.actor
                ).value
            },
            .json(
                .post, "/api/exams/{examID}/outside-pathway/resolution", id: "resolveOutsidePathway",
                summary: "Resolve an exam started outside the pathway (radiographer or radiologist)", tag: "Worklist",
                access: .permission(.resolveOutsidePathway), body: ResolveOutsidePathway.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.resolveOutsidePathway(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/discontinuation", id: "discontinueExam",
                summary: "Stop an exam in progress before it is complete, with the reason", tag: "Pathway",
                access: .permission(.performExam), body: DiscontinueExam.Command.self, response: Outcome<Exam>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.discontinueExam(command, by: call.actor)
            },
            .json(
                .put, "/api/rooms/{roomID}/ae-title", id: "setRoomAETitle",
                summary: "Set or clear the DICOM AE title of the room's modality (its worklist and MPPS)", tag: "Rooms",
                access: .permission(.manageRooms), body: SetRoomAETitle.Command.self, response: Outcome<Room>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.setRoomAETitle(command, by: call.actor)
            },
        ]
    }

    static func worklistQuery(_ call: APICall) throws -> WorklistQuery {
        var query = WorklistQuery()
        var errors: [Problem.FieldError] = []
        query.stationAETitle = call.query("stationAETitle")
        query.accessionNumber = call.query("accessionNumber")
        query.roomID = call.queryUUID("roomID", errors: &errors)
        query.modality = call.queryModality(errors: &errors)
        if let day = call.queryDay(errors: &errors) {
            query.scheduledFrom = day.lowerBound
            query.scheduledBefore = day.upperBound
        }
        if !errors.isEmpty { throw Problem.invalid("The worklist filters are wrong.", errors: errors) }
        return query
    }
}
