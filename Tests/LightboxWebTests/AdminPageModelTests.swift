import Foundation
import LightboxDomain
import Testing

@testable import LightboxWeb

/// The administration pages' view logic without HTML: the upload parser, the audit page's filters and paging, and
/// the words shown for stored values.
@Suite("Administration page models")
struct AdminPageModelTests {
    @Test("A multipart upload gives each part's name, file name and text; a broken one gives nothing")
    func multipart() throws {
        let body =
            "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntoken\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"cat.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "code,name\r\nX1,One\r\n\r\n--XyZ--\r\n"
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=XyZ") == "XyZ")
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"XyZ\"") == "XyZ")
        #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        let form = try #require(MultipartForm(Array(body.utf8), boundary: "XyZ"))
        #expect(form["_csrf"]?.text == "token")
        #expect(form["csv"]?.fileName == "cat.csv")
        #expect(form["csv"]?.text == "code,name\r\nX1,One\r\n")
        #expect(MultipartForm(Array("no boundary here".utf8), boundary: "XyZ") == nil)
        #expect(MultipartForm([0xFF, 0xFE], boundary: "XyZ") == nil, "not UTF-8")
    }

    @Test("Audit filters: whole days in the department's zone, `to` inclusive, a wrong date named")
    func auditDates() throws {
        let london = try #require(TimeZone(identifier: "Europe/London"))
        var filters = AuditPageModel.Filters(from: "2026-07-01", to: "2026-07-01")
        let (from, until, problems) = AuditPageModel.dateRange(filters, timeZone: london)
        #expect(problems.isEmpty)
        #expect(from.map { PageDates.iso($0, london) } == "2026-07-01")
        #expect(until.map { $0.timeIntervalSince(from ?? $0) } == 86_400)
        filters.from = "2026-02-30"
        filters.to = "2026-01-01"
        let wrong = AuditPageModel.dateRange(filters, timeZone: london).2
        #expect(wrong.map(\.field) == ["from"])
        filters.from = "2026-02-01"
        #expect(AuditPageModel.dateRange(filters, timeZone: london).2.map(\.field) == ["to"])
    }

    @Test("The audit page pages older entries keeping its filters, and says roles and doors in words")
    func auditPaging() {
        let entries = (1...3).reversed().map { sequence in
            AuditEntry(
                sequence: Int64(sequence),
                draft: AuditEntryDraft(
                    actorUsername: "a b", actorRole: AccessRole.supportWorker.rawValue, action: "room.added",
                    patientID: nil, examID: nil,
                    at: Date(timeIntervalSince1970: 1_772_442_000), door: .cli, address: nil, detail: "x"),
                hash: "")
        }
        let layout = LayoutModel.visitor(title: "Audit log")
        let model = AuditPageModel(
            layout: layout, filters: .init(who: "a b", action: "room"), problems: [], entries: entries, pageSize: 3,
            chain: nil, canCheckChain: true, timeZone: .gmt)
        #expect(model.olderHref == "/audit?who=a%20b&action=room&before=1")
        #expect(model.newestHref == nil)
        #expect(model.rows.first?.role == "Support worker" && model.rows.first?.door == "Command line")
        #expect(model.chainSummary == "Not checked since Lightbox started.")
        let short = AuditPageModel(
            layout: layout, filters: .init(before: 9), problems: [], entries: Array(entries.prefix(2)), pageSize: 3,
            chain: .init(intact: false, summary: "audit entry 2: changed", checkedAt: .init(timeIntervalSince1970: 0)),
            canCheckChain: true, timeZone: .gmt)
        #expect(short.olderHref == nil && short.newestHref == "/audit")
        #expect(short.chainChecked && !short.chainIntact && short.chainSummary.contains("BROKEN"))
    }

    @Test("A restriction typed by a person: modalities, body regions in words, else exam codes")
    func scopes() {
        #expect(ExamScope.parse("ct") == ExamScope(modality: .CT))
        #expect(ExamScope.parse("upper limb") == ExamScope(bodyRegion: .upperLimb))
        #expect(ExamScope.parse("xknel") == ExamScope(examCode: "XKNEL"))
        #expect(ExamScope(modality: .DX, bodyRegion: .lowerLimb).pageSummary == "DX lower limb")
    }
}
