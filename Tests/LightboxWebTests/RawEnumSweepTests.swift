import Foundation
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// No page says an enum's case name where a person expects words (issue 14's sweep): a journey is walked through
/// the pages as several roles, and the visible text of every page is searched for the case names that differ from
/// their labels.
@Suite("Raw enum names on pages")
struct RawEnumSweepTests {
    /// Case names a person must never read: those that are not already words.
    static var forbidden: [String] {
        let camel = { (name: String) in name.contains { $0.isUppercase || $0 == "-" } }
        return ExamState.allCases.map(\.rawValue).filter(camel)
            + RoomStatus.allCases.map(\.rawValue).filter(camel)
            + BodyRegion.allCases.map(\.rawValue).filter(camel)
            + AccessRole.allCases.map(\.rawValue).filter(camel)
            + Permission.allCases.map(\.rawValue).filter(camel)
            + Duty.allCases.map(\.rawValue).filter(camel)
            + Priority.allCases.map(\.rawValue).filter(camel)
    }

    /// The text a person reads: no tags, attributes, scripts or styles.
    static func visibleText(_ html: String) -> String {
        var text = html
        for block in ["script", "style"] {
            text = text.replacingOccurrences(
                of: "<\(block)[^>]*>.*?</\(block)>", with: " ", options: [.regularExpression, .caseInsensitive])
        }
        return text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    /// The forbidden case names `html` shows.
    static func rawNames(in html: String) -> [String] {
        let text = visibleText(html)
        return forbidden.filter { name in
            // A whole word: not part of a longer name such as the seeded account "role-support-worker".
            text.range(of: "(?<![\\w-])\(name)(?![\\w-])", options: .regularExpression) != nil
        }
    }

    @Test("The check itself finds a case name in text but not in an attribute")
    func detector() {
        #expect(Self.rawNames(in: "<td>inProgress</td>") == ["inProgress"])
        #expect(Self.rawNames(in: "<td>role-support-worker</td>").isEmpty, "a user name is not a case name")
        #expect(Self.rawNames(in: "<option value=\"inProgress\">in progress</option>").isEmpty)
        #expect(Self.forbidden.contains("returnedForInformation") && Self.forbidden.contains("upperLimb"))
        #expect(Self.forbidden.contains("support-worker"))
    }

    @Test("Every page of a journey, as each role, shows words and never a case name", arguments: TestEngine.allCases)
    func journey(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let started = try await path.checkedChest()
            try await path.step(started, "start", by: path.token("radiographer"))
            let checked = try await path.checkedChest(patient: "woman")
            try await path.step(checked, "start", by: path.token("radiographer"))
            try await path.step(
                checked, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
            try await path.step(checked, "image-check", by: path.token("radiographer2"), #"{"diagnostic":true}"#)
            let returned = try await path.request("elderly", "XCHEST")
            try await path.step(
                returned, "justification", by: path.token("radiographer"),
                #"{"decision":"requestInformation","reason":"Which side hurts?"}"#)
            let missed = try await path.request("elderly", "XCHEST")
            try await path.justify(missed)
            try await path.book(missed)
            try await path.step(missed, "did-not-attend", by: path.token("radiographer"), #"{"reason":"No show"}"#)
            let manager = Actor(staffID: nil, username: "sweep-setup", role: .manager, door: .system)
            let roomID = try #require(seeded.rooms["ct"]?.id)
            _ = try await seeded.department.setRoomStatus(
                .init(
                    roomID: roomID, status: .restricted, reason: "Tube ageing",
                    restrictedTo: [ExamScope(bodyRegion: .upperLimb)]),
                by: manager)

            var pages: [(String, String)] = []
            var radiographer = try await AdminPageTests.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            var paths = [
                "/", "/vetting", "/worklist", "/worklist/\(seeded.rooms["xr"]?.id.uuidString ?? "")", "/staff-records",
            ]
            paths += ["man", "woman", "elderly"].map { "/patients/\(seeded.patients[$0]?.id.uuidString ?? "")" }
            paths += [started, checked, returned, missed].map { "/exams/\($0)" }
            for path in paths {
                let page = try await radiographer.get(path)
                #expect(page.status == .ok, "\(path)")
                pages.append(("radiographer \(path)", page.html))
            }
            var admin = try await AdminPageTests.signedIn(seeded, client, "m.manager", .manager)
            for path in [
                "/", "/admin", "/admin/rooms", "/admin/rooms/\(roomID.uuidString)", "/admin/accounts", "/staff-records",
            ] {
                let page = try await admin.get(path)
                #expect(page.status == .ok, "\(path)")
                pages.append(("manager \(path)", page.html))
            }
            var support = try await AdminPageTests.signedIn(
                seeded, client, "s.support", .supportWorker, person: "support")
            for path in ["/", "/vetting", "/admin/rooms"] {
                pages.append(("support worker \(path)", try await support.get(path).html))
            }
            #expect(pages.contains { $0.1.contains("in progress") }, "the journey reaches an exam in progress")
            #expect(pages.contains { $0.1.contains("upper limb") }, "a restriction is shown")
            for (name, html) in pages {
                #expect(Self.rawNames(in: html).isEmpty, "\(name) shows \(Self.rawNames(in: html))")
            }
        }
    }
}
