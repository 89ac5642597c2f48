import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// The waiting list, a room's calendar and the appointment letter as JSON: the pages' use cases and permissions,
/// the reads audited as the pages audit them, problem+json for a wrong parameter, bounded lists.
@Suite("Booking views in the JSON API")
struct BookingViewRoutesTests {
    static func object(_ response: APIResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.text.utf8))) as? [String: Any] ?? [:]
    }

    @Test("The waiting list in desk order with patients and clocks, bounded by limit, audited; wrong limits refused")
    func waitingList() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let routine = try await BookingPageTests.justified(path, "man", "XCHEST")
            let urgent = try await BookingPageTests.justified(path, "woman", "XCHEST", priority: "urgent")
            let support = path.token("support")
            let response = try await path.api.send(.get, "/api/waiting-list", token: support)
            #expect(response.status == .ok, "\(response.text)")
            let list = Self.object(response)
            #expect(list["total"] as? Int == 2 && list["truncated"] as? Bool == false)
            #expect(list["diagnosticWaitWeeks"] as? Int == 6)
            let entries = list["entries"] as? [[String: Any]] ?? []
            let ids = entries.compactMap { ($0["exam"] as? [String: Any])?["id"] as? String }
            #expect(ids.map { $0.lowercased() } == [urgent, routine].map { $0.lowercased() }, "urgent first")
            let patient = entries.first?["patient"] as? [String: Any]
            #expect((patient?["id"] as? String)?.lowercased() == seeded.patients["woman"]?.id.uuidString.lowercased())
            #expect(entries.first?["reason"] as? String == "to-book" && entries.first?["clock"] as? String == "within")

            let one = Self.object(try await path.api.send(.get, "/api/waiting-list?limit=1", token: support))
            #expect(
                (one["entries"] as? [Any])?.count == 1 && one["truncated"] as? Bool == true && one["total"] as? Int == 2
            )
            for wrong in ["0", "1001", "many"] {
                let refused = try await path.api.send(.get, "/api/waiting-list?limit=\(wrong)", token: support)
                #expect(refused.status == .unprocessableContent && refused.problemFields == ["limit"], "\(wrong)")
                #expect(refused.headers[.contentType] == "application/problem+json")
            }
            let referrer = try await path.api.send(.get, "/api/waiting-list", token: path.roleToken(.referrer))
            #expect(referrer.status == .forbidden, "the booking desk's list, as the page")
            let audited = try AuditRows.query(
                database, "SELECT detail FROM audit_entries WHERE action = 'exam.list' ORDER BY sequence")
            #expect(audited.filter { $0.hasPrefix("Viewed the waiting list: 2 exams") }.count == 2, "\(audited)")
        }
    }

    @Test("A room's calendar: its slots with the exam booked and its patient; wrong days and dates refused")
    func roomCalendar() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await BookingPageTests.justified(path, "man", "XCHEST")
            try await path.book(exam)
            let room = try #require(seeded.rooms["xr"]).id.uuidString
            let support = path.token("support")
            let response = try await path.api.send(
                .get, "/api/rooms/\(room)/calendar?from=\(BookingPageTests.today)&days=2", token: support)
            #expect(response.status == .ok, "\(response.text)")
            let calendar = Self.object(response)
            let days = calendar["days"] as? [[String: Any]] ?? []
            #expect(days.map { $0["date"] as? String } == ["2026-03-02", "2026-03-03"])
            let slots = (days.first?["slots"] as? [[String: Any]]) ?? []
            let taken = slots.filter { ($0["examIDs"] as? [String])?.map { $0.lowercased() } == [exam.lowercased()] }
            #expect(taken.count == 1 && taken.first?["state"] as? String == "taken", "\(response.text)")
            #expect(slots.contains { $0["state"] as? String == "free" })
            let patients = calendar["patients"] as? [[String: Any]] ?? []
            #expect(
                patients.compactMap { ($0["id"] as? String)?.lowercased() }
                    == [seeded.patients["man"]?.id.uuidString.lowercased()])
            #expect((calendar["exams"] as? [Any])?.count == 1)

            let today = Self.object(try await path.api.send(.get, "/api/rooms/\(room)/calendar", token: support))
            #expect((today["days"] as? [[String: Any]])?.map { $0["date"] as? String } == ["2026-03-02"], "today")
            for (query, field) in [("days=8", "days"), ("days=0", "days"), ("from=2026-02-30", "from")] {
                let refused = try await path.api.send(.get, "/api/rooms/\(room)/calendar?\(query)", token: support)
                #expect(refused.status == .unprocessableContent && refused.problemFields == [field], "\(query)")
            }
            let nowhere = try await path.api.send(.get, "/api/rooms/\(UUID().uuidString)/calendar", token: support)
            #expect(nowhere.status == .notFound)
            let referrer = try await path.api.send(
                .get, "/api/rooms/\(room)/calendar", token: path.roleToken(.referrer))
            #expect(referrer.status == .forbidden)
            let audited = try AuditRows.query(
                database, "SELECT detail FROM audit_entries WHERE action = 'exam.list' ORDER BY sequence")
            #expect(audited.contains { $0.hasPrefix("Viewed the calendar of X-ray 1 from 2026-03-02 for 2 days") })
        }
    }

    @Test("The appointment letter in the printed letter's words, audited against the patient; refused unbooked")
    func letter() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "CCHEST")
            try await path.justify(exam, by: "radiologist")
            let support = path.token("support")
            let early = try await path.api.send(.get, "/api/exams/\(exam)/letter", token: support)
            #expect(early.status == .conflict, "not booked yet: \(early.text)")
            try await path.book(exam, room: "ct")
            let response = try await path.api.send(.get, "/api/exams/\(exam)/letter", token: support)
            #expect(response.status == .ok, "\(response.text)")
            let letter = Self.object(response)
            #expect(
                letter["roomName"] as? String == "CT 1" && letter["examName"] as? String == "CT Chest with contrast")
            #expect(
                (letter["patientID"] as? String)?.lowercased() == seeded.patients["man"]?.id.uuidString.lowercased())
            #expect(
                (letter["identifiers"] as? [String])?.contains("NHS number 943 476 5919") == true, "\(response.text)")
            let sheets = letter["sheets"] as? [[String: Any]] ?? []
            #expect(sheets.compactMap { $0["title"] as? String }.contains("Contrast (dye) for your exam"))
            let page = AppointmentLetterPageModel.sheet(.contrast(.intravenous))
            #expect(
                sheets.first { $0["id"] as? String == "sheet-contrast" }?["paragraphs"] as? [String] == page.paragraphs)
            #expect(try await AuditRows.actions(database, examID: exam).filter { $0 == "exam.letter" }.count == 1)
            let bad = try await path.api.send(.get, "/api/exams/not-an-id/letter", token: support)
            #expect(bad.status == .unprocessableContent && bad.problemFields == ["examID"])
        }
    }
}
