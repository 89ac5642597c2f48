import Foundation
import Hummingbird
import LightboxDomain

/// Body of `POST /api/archive/reconciliation/{studyID}`: a person's decision on a study.
public struct ReconciliationDecision: APISchema, Equatable {
    public static let schemaName = "ReconciliationDecision"
    public static var example: ReconciliationDecision {
        ReconciliationDecision(studyID: Examples.id(30), action: "link", examID: Examples.id(2), reason: nil)
    }
    public static var pathMembers: [String] { ["studyID"] }

    public var studyID: UUID
    /// `link` (the study is the exam's as received), `correct` (the exam's, with the index's patient
    /// attributes corrected to the exam's patient) or `reject` (belongs to no exam here).
    public var action: String
    /// The exam, for `link` and `correct`.
    public var examID: UUID?
    /// Why, for `reject`.
    public var reason: String?

    /// The use case's command, or every field problem at once.
    func command() throws -> ReconcileStudy.Command {
        switch action {
        case "link", "correct":
            guard let examID else {
                throw Problem.invalid(
                    "Say which exam the study belongs to.",
                    errors: [.init(field: "examID", problem: "is required to \(action)")])
            }
            return .init(
                studyID: studyID, decision: action == "link" ? .link(examID: examID) : .correct(examID: examID))
        case "reject":
            return .init(studyID: studyID, decision: .reject(reason: reason ?? ""))
        default:
            throw Problem.invalid(
                "The decision is link, correct or reject.",
                errors: [.init(field: "action", problem: "must be link, correct or reject")])
        }
    }
}

extension DICOMPeer: APISchema {
    public static let schemaName = "DICOMPeer"
    public static var example: DICOMPeer {
        DICOMPeer(
            id: Examples.id(20), aeTitle: "CT_ROOM_1", host: "10.20.1.31", port: 104,
            services: [.echo, .store, .worklist, .mpps, .commit], createdAt: Examples.now, updatedAt: Examples.now)
    }
}

extension AddDICOMPeer.Command: APISchema {
    public static let schemaName = "AddDICOMPeer"
    public static var example: AddDICOMPeer.Command {
        .init(aeTitle: "CT_ROOM_1", host: "10.20.1.31", port: 104, services: [.echo, .store, .worklist, .mpps])
    }
}

extension ArchivedStudy: APISchema {
    public static let schemaName = "ArchivedStudy"
    public static var example: ArchivedStudy {
        ArchivedStudy(
            id: Examples.id(30), archivedPatientID: Examples.id(31), studyInstanceUID: "1.2.826.0.1.3680043.2.1125.1",
            studyDate: "20260312", studyTime: "101500", accessionNumber: "LBX-000123", studyID: "1",
            studyDescription: "XR Chest PA", referringPhysicianName: "Jones^Ann", modalitiesInStudy: ["DX"],
            sopClassesInStudy: ["1.2.840.10008.5.1.4.1.1.1.1"], numberOfSeries: 1, numberOfInstances: 2,
            examID: nil, patientRecordID: nil, matchStatus: .patientMismatch,
            matchDetail: "Exam LBX-000123 matched, but the images' birth date 19700101 is not 1970-01-02.",
            createdAt: Examples.now, updatedAt: Examples.now)
    }
}

extension ListReconciliation.Item: APISchema {
    public static let schemaName = "ReconciliationItem"
    public static var example: ListReconciliation.Item {
        ListReconciliation.Item(
            study: .example,
            patient: ArchivedPatient(
                id: Examples.id(31), patientID: "RXH1234567", issuerOfPatientID: "RXH", patientName: "SMITH^John",
                patientBirthDate: "19700101", patientSex: "M", numberOfStudies: 1, numberOfSeries: 1,
                numberOfInstances: 2, createdAt: Examples.now, updatedAt: Examples.now))
    }
}

extension WebApplication {
    /// The archive's administration: DICOM peers and the reconciliation list.
    static var archiveRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/dicom/peers", id: "listDICOMPeers",
                summary: "DICOM peers allowed to talk to the listener, with their address and services",
                tag: "DICOM", access: .permission(.manageDICOMPeers), body: NoBody.self, response: [DICOMPeer].self
            ) { call, _ in
                try await call.archive().listDICOMPeers(by: call.actor)
            },
            .json(
                .post, "/api/dicom/peers", id: "addDICOMPeer",
                summary: "Add a DICOM peer (or change an existing AE title's address and services); audited",
                tag: "DICOM", access: .permission(.manageDICOMPeers), body: AddDICOMPeer.Command.self,
                response: DICOMPeer.self, status: .created
            ) { call, command in
                try await call.archive().addDICOMPeer(command, by: call.actor)
            },
            .raw(
                .delete, "/api/dicom/peers/{aeTitle}", id: "removeDICOMPeer",
                summary: "Remove a DICOM peer: its next association is refused; audited", tag: "DICOM",
                access: .permission(.manageDICOMPeers), status: .noContent, responseSchema: nil,
                problems: [.notFound]
            ) { call in
                try await call.archive().removeDICOMPeer(aeTitle: call.parameter("aeTitle"), by: call.actor)
                return Response(status: .noContent)
            },
            .json(
                .get, "/api/archive/reconciliation", id: "listReconciliation",
                summary: "Studies that match no exam, or whose patient disagrees with the exam's, oldest first; "
                    + "reading it is audited",
                tag: "Archive", access: .permission(.reconcileImages),
                query: [QueryParameter("limit", "At most this many studies (1-500, default 100)")], body: NoBody.self,
                response: [ListReconciliation.Item].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let limit = call.queryLimit(
                    fallback: 100, maximum: ListReconciliation.maximumLimit, errors: &errors)
                if !errors.isEmpty { throw Problem.invalid("The limit is wrong.", errors: errors) }
                return try await call.archive().listReconciliation(limit: limit, by: call.actor)
            },
            .json(
                .post, "/api/archive/reconciliation/{studyID}", id: "reconcileStudy",
                summary: "Link a study to an exam, correct its patient to the exam's, or reject it; audited",
                tag: "Archive", access: .permission(.reconcileImages), body: ReconciliationDecision.self,
                response: ArchivedStudy.self, problems: [.notFound, .conflict, .unprocessableContent]
            ) { call, decision in
                try await call.archive().reconcileStudy(try decision.command(), by: call.actor)
            },
        ]
    }
}

extension APICall {
    /// The archive's use cases; a server without an image archive answers 503.
    func archive() throws -> Archive {
        guard let archive = environment.archive else {
            throw Problem(
                code: "archive.unavailable", title: "No image archive", status: .serviceUnavailable,
                detail: "This server runs without an image archive.")
        }
        return archive
    }
}
