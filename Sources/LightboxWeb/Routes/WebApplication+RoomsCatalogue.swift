import Foundation
import Hummingbird
import LightboxDomain

extension AddRoom.Command: APISchema {
    public static let schemaName = "AddRoom"
    public static let memberDefaults: [String: JSONValue] = ["isMobile": false]
    public static var example: AddRoom.Command {
        .init(name: "X-ray room 1", modality: .DX, isMobile: false, aeTitle: "XR1")
    }
}

extension SetRoomStatus.Command: APISchema {
    public static let schemaName = "SetRoomStatus"
    public static let pathMembers = ["roomID"]
    public static let memberDefaults: [String: JSONValue] = ["restrictedTo": []]
    public static var example: SetRoomStatus.Command {
        .init(
            roomID: Examples.id(4), status: .restricted, reason: "Detector fault: chest only",
            restrictedTo: [ExamScope(bodyRegion: .chest)])
    }
}

extension Room: APISchema {
    public static let schemaName = "Room"
    public static var example: Room {
        var room = Room(
            id: Examples.id(4), name: "X-ray room 1", modality: .DX, isMobile: false, status: .inUse,
            statusReason: "Back in use after service", restrictedTo: [ExamScope(bodyRegion: .chest)], aeTitle: "XR1",
            qaSuspension: QASuspension(testCodes: ["DX-OUTPUT-REPRO"], suspendedRoom: true, since: Examples.now))
        room.cleaningDue = CleaningDue(
            examID: Examples.id(2), accessionNumber: "LB0000000000002", precaution: .contact, since: Examples.now)
        room.serviceHours = ServiceHours(days: [1, 2, 3, 4, 5], opens: 8, closes: 18)
        return room
    }
}

extension CatalogueEntry: APISchema {
    public static let schemaName = "CatalogueEntry"
    public static var example: CatalogueEntry {
        CatalogueEntry(
            code: "XKNEL", name: "XR Knee Lt", modality: .DX, bodyRegion: .lowerLimb,
            projections: ["AP", "Lateral", "Skyline"], lateralityRequired: true, pregnancyRelevant: false,
            highDose: false, contrast: .intraArticular, snomedCT: "74016001", active: true, slotMinutes: 20)
    }
}

extension UpsertCatalogueEntries.Command: APISchema {
    public static let schemaName = "UpsertCatalogueEntries"
    public static let memberDefaults: [String: JSONValue] = [
        "entries[].lateralityRequired": false, "entries[].highDose": false, "entries[].active": true,
        "entries[].projections": [],
    ]
    public static var example: UpsertCatalogueEntries.Command { .init(entries: [.example]) }
}

/// Marker schema for a CSV upload (documented as text/csv).
public struct CatalogueCSVSchema: APISchema {
    public static let schemaName = "CatalogueCSV"
    public static let example = CatalogueCSVSchema(
        csv: "code,name,modality,bodyRegion,projections,pregnancyRelevant\nXCHES,XR Chest,DX,chest,PA,false\n")
    public var csv: String
}

extension WebApplication {
    static var roomRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/rooms", id: "listRooms", summary: "Rooms and mobile units with their status", tag: "Rooms",
                access: .permission(.viewReferenceData), body: NoBody.self, response: [Room].self
            ) { call, _ in
                try await call.department.browse.rooms(by: call.actor)
            },
            .json(
                .post, "/api/rooms", id: "addRoom", summary: "Add a room or mobile unit", tag: "Rooms",
                access: .permission(.manageRooms), body: AddRoom.Command.self, response: Outcome<Room>.self,
                status: .created, problems: [.conflict]
            ) { call, command in
                try await call.department.addRoom(command, by: call.actor)
            },
            .json(
                .put, "/api/rooms/{roomID}/status", id: "setRoomStatus",
                summary: "Set a room in use, restricted or suspended (suspended takes no bookings)", tag: "Rooms",
                access: .permission(.manageRooms), body: SetRoomStatus.Command.self, response: Outcome<Room>.self
            ) { call, command in
                try await call.department.setRoomStatus(command, by: call.actor)
            },
        ]
    }

    static var catalogueRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/catalogue", id: "listCatalogue", summary: "The exam catalogue with projections",
                tag: "Catalogue", access: .permission(.viewReferenceData), body: NoBody.self,
                response: [CatalogueEntry].self
            ) { call, _ in
                try await call.department.browse.catalogue(by: call.actor)
            },
            .json(
                .post, "/api/catalogue", id: "upsertCatalogue",
                summary: "Add or replace catalogue entries (all or nothing)", tag: "Catalogue",
                access: .permission(.manageCatalogue), body: UpsertCatalogueEntries.Command.self,
                response: Outcome<[CatalogueEntry]>.self
            ) { call, command in
                try await call.department.upsertCatalogueEntries(command, by: call.actor)
            },
            .raw(
                .post, "/api/catalogue/import", id: "importCatalogueCSV",
                summary:
                    "Import the catalogue from CSV (header row; every bad row listed; nothing stored if any is bad)",
                tag: "Catalogue", access: .permission(.manageCatalogue), requestContentType: "text/csv",
                requestSchema: CatalogueCSVSchema.self, responseSchema: [CatalogueEntry].self,
                problems: [.badRequest, .contentTooLarge, .unprocessableContent, .unsupportedMediaType]
            ) { call in
                let contentType = call.request.headers[.contentType]?.lowercased() ?? ""
                guard contentType.hasPrefix("text/csv") else {
                    throw Problem.unsupportedMediaType(expected: "text/csv")
                }
                let buffer = try await call.body()
                guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
                    throw Problem.malformedBody("The CSV file is not UTF-8 text.")
                }
                let entries = try CatalogueCSV(maxRows: call.environment.limits.maxCSVRows).entries(from: text)
                let outcome = try await call.department.upsertCatalogueEntries(
                    UpsertCatalogueEntries.Command(entries: entries), by: call.actor)
                return try call.environment.jsonResponse(outcome.value, status: .ok)
            },
        ]
    }
}
