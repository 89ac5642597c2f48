import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// The exam page's booking form offers exactly the rooms `BookExam` accepts (`Room.canTake`): a CR room for a
/// DX request (both do plain radiography), never a room of another modality, a suspended room, or a room
/// restricted to other exams; the page and the API give the same answer for each room.
@Suite("Rooms offered on the exam page")
struct ExamRoomChoiceTests {
    @Test("A DX exam is offered the DX and CR rooms taking patients, and each offered room is accepted")
    func roomsOffered() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let manager = Actor(staffID: nil, username: "test-manager", role: .manager, door: .system)
            let cr = try await seeded.department.addRoom(.init(name: "X-ray 2 (CR)", modality: .CR), by: manager).value
            let rf = try await seeded.department.addRoom(.init(name: "Fluoroscopy 1", modality: .RF), by: manager).value
            let closed = try await seeded.department.addRoom(.init(name: "X-ray 3", modality: .DX), by: manager).value
            _ = try await seeded.department.setRoomStatus(
                .init(roomID: closed.id, status: .suspended, reason: "Tube failure"), by: manager)
            let exam = try await BookingPageTests.justified(path, "man", "XCHEST")
            var desk = try await BookingPageTests.signIn(
                client, seeded, "desk.worker", .supportWorker, person: "support")
            let page = try await desk.get("/exams/\(exam)")
            let xr = try #require(seeded.rooms["xr"]), ct = try #require(seeded.rooms["ct"])
            func offered(_ room: Room) -> Bool { page.html.contains("<option value=\"\(room.id.uuidString)\"") }
            #expect(offered(xr) && offered(cr), "the DX room and the CR room: \(page.html)")
            #expect(!offered(ct) && !offered(rf) && !offered(closed), "no CT, RF or suspended room")

            // What the page leaves out, the use case refuses through the API; what it offers, it accepts.
            let at = Pathway.iso(try await path.nextSlot(room: "xr"))
            for room in [ct, rf, closed] {
                let refused = try await path.api.send(
                    .post, "/api/exams/\(exam)/booking", token: path.token("support"),
                    json: #"{"roomID":"\#(room.id.uuidString)","scheduledAt":"\#(at)"}"#)
                #expect(refused.status.code >= 400, "\(room.name) refused: \(refused.text)")
            }
            #expect(try await BookingPageTests.exam(seeded, exam)?.state == .justified)
            let booked = try await desk.post(
                "/exams/\(exam)/booking",
                [("_csrf", page.formToken ?? ""), ("roomID", cr.id.uuidString), ("scheduledAt", "2026-03-02T11:00")])
            #expect(booked.status == .seeOther, "\(booked.html)")
            #expect(try await BookingPageTests.exam(seeded, exam)?.booking?.roomID == cr.id)
        }
    }
}
