import Foundation
import LightboxDomain
import Testing

@Suite("Value types")
struct ValueTypeTests {
    @Test("Calendar dates refuse impossible days and count ages in completed years")
    func calendarDates() throws {
        #expect(throws: DomainError.self) { try CalendarDate(iso: "2023-02-29") }
        #expect(throws: DomainError.self) { try CalendarDate(iso: "2024-13-01") }
        #expect(throws: DomainError.self) { try CalendarDate(iso: "24-01-01") }
        #expect(throws: DomainError.self) { try CalendarDate(iso: "2024-1-1") }
        let leap = try CalendarDate(iso: "2012-02-29")
        #expect(leap.years(until: try CalendarDate(iso: "2024-02-28")) == 11)
        #expect(leap.years(until: try CalendarDate(iso: "2024-02-29")) == 12)
        #expect(leap.years(until: try CalendarDate(iso: "2025-03-01")) == 13)
        #expect(try CalendarDate(iso: "2024-02-20").days(until: try CalendarDate(iso: "2024-03-01")) == 10)
        let data = try JSONEncoder().encode(leap)
        #expect(String(decoding: data, as: UTF8.self) == "\"2012-02-29\"")
        #expect(try JSONDecoder().decode(CalendarDate.self, from: data) == leap)
        // Written with leading zeros in every part, and read back the same.
        for text in ["0987-03-04", "1900-01-01", "2024-12-31", "0001-01-09"] {
            #expect(try CalendarDate(iso: text).iso == text)
        }
    }

    @Test("A calendar day is taken in the department's time zone (BST)")
    func timeZone() throws {
        // 2026-06-30 23:30 UTC is already 1 July in London.
        let instant = Date(timeIntervalSince1970: 1_782_862_200)
        #expect(CalendarDate(instant, in: TimeZone(identifier: "Europe/London")!).iso == "2026-07-01")
        #expect(CalendarDate(instant, in: TimeZone(identifier: "UTC")!).iso == "2026-06-30")
    }

    @Test("Names match ignoring case, spacing and punctuation; addresses by postcode and first line")
    func matching() {
        let name = PersonName(family: "O'Brien", given: ["Mary", "Anne"])
        #expect(name.matches(PersonName(family: "OBRIEN", given: ["mary"])))
        #expect(!name.matches(PersonName(family: "O'Brien", given: ["Anne"])))
        #expect(name.display == "O'BRIEN, Mary Anne")
        let address = PostalAddress(lines: ["12 High Street", "Exeter"], postcode: "EX1 1AA")
        #expect(address.matches(PostalAddress(lines: ["12 high street"], postcode: "ex11aa")))
        #expect(!address.matches(PostalAddress(lines: ["14 High Street"], postcode: "EX1 1AA")))
    }

    @Test("Entitlements are in force from their start until (not at) their expiry, and not after revocation")
    func inForce() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var entitlement = Entitlement(
            id: UUID(), staffID: UUID(), duty: .operate, scope: ExamScope(modality: .DX), starts: start,
            expires: start + 100, trainingEvidence: "x", grantedBy: "m", grantedAt: start)
        #expect(!entitlement.isInForce(at: start - 1))
        #expect(entitlement.isInForce(at: start))
        #expect(entitlement.isInForce(at: start + 99))
        #expect(!entitlement.isInForce(at: start + 100))
        entitlement.revokedAt = start + 50
        #expect(!entitlement.isInForce(at: start + 60))
    }

    @Test("Scopes: every field set must match; an empty scope covers nothing")
    func scopes() throws {
        let wrist = try #require(SampleCatalogue.entries.first { $0.code == "XWRIST" })
        #expect(ExamScope(modality: .DX, bodyRegion: .upperLimb).covers(wrist))
        #expect(!ExamScope(modality: .DX, bodyRegion: .lowerLimb).covers(wrist))
        #expect(ExamScope(examCode: "xwrist").covers(wrist))
        #expect(!ExamScope().covers(wrist))
        #expect(ReferralScope.everything.covers(wrist))
        #expect(!ReferralScope().covers(wrist))
    }

    @Test("Commands and exams survive a JSON round trip")
    func codable() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("CCHEST", at: .discharged)
        let data = try JSONEncoder().encode(exam)
        #expect(try JSONDecoder().decode(Exam.self, from: data) == exam)
        let command = f.goodCheck(exam)
        #expect(
            try JSONDecoder().decode(RecordPauseAndCheck.Command.self, from: JSONEncoder().encode(command)) == command)
        let config = DepartmentConfiguration.default
        #expect(try JSONDecoder().decode(DepartmentConfiguration.self, from: JSONEncoder().encode(config)) == config)
    }

    @Test("An exam stored before later fields existed still decodes, with those collections empty")
    func olderStoredExam() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("XWRIST", at: .inProgress)
        var object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(exam)) as? [String: Any])
        object["contrastReactions"] = nil
        object["imageChecks"] = nil
        var performance = try #require(object["performance"] as? [String: Any])
        performance["carers"] = nil
        object["performance"] = performance
        let decoded = try JSONDecoder().decode(Exam.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded == exam)
    }
}
