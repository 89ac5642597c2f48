import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import NIOCore
import SQLKit
import Testing

@testable import LightboxStore
@testable import LightboxWeb

/// The administration pages and the audit log page through HTTP (issue 14): each over the API's use case, behind
/// its permission, with the error summary, the form token and the audit entries they write.
@Suite("Administration pages")
struct AdminPageTests {
    static let password = PageTests.password

    /// Signs `username` (made with `role`) in through the sign-in page.
    static func signedIn(
        _ seeded: SeededDepartment, _ client: any TestClientProtocol, _ username: String, _ role: AccessRole,
        person: String? = nil
    ) async throws -> PageSession {
        try await PageTests.account(seeded, username, role, person: person)
        var browser = PageSession(client)
        let signIn = try await browser.signIn(username, password)
        #expect(signIn.status == .seeOther, "sign in \(username)")
        return browser
    }

    static func auditActions(_ seeded: SeededDepartment, by username: String) async throws -> [String] {
        try await seeded.store.transaction { unit in
            try await unit.audit.search(AuditQuery(actorUsername: username, limit: 1000))
        }.map(\.action)
    }

    @Test(
        "Administration index: an administrator sees its pages; a radiographer is refused",
        arguments: TestEngine.allCases)
    func index(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            var admin = try await Self.signedIn(seeded, client, "a.admin", .admin)
            let index = try await admin.get("/admin")
            #expect(index.status == .ok)
            for href in ["/admin/accounts", "/admin/rooms", "/audit"] {
                #expect(index.html.contains("href=\"\(href)\""))
            }
            #expect(try await admin.get("/").html.contains("href=\"/admin\""), "navigation links administration")
            var radiographer = try await Self.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            let refused = try await radiographer.get("/admin")
            #expect(refused.status == .forbidden)
            #expect(refused.html.contains("This page is not for your role"))
            #expect(!(try await radiographer.get("/").html.contains("href=\"/admin\"")))
        }
    }

    @Test(
        "Rooms: add, status with reason, restriction, AE title and service hours; errors summarised",
        arguments: TestEngine.allCases)
    func rooms(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            var admin = try await Self.signedIn(seeded, client, "a.admin", .admin)
            let list = try await admin.get("/admin/rooms")
            #expect(list.status == .ok)
            #expect(list.html.contains("X-ray 1") && list.html.contains("In use"))
            let token = list.formToken ?? ""

            let noName = try await admin.post("/admin/rooms", [("_csrf", token), ("name", ""), ("modality", "DX")])
            #expect(noName.status == .unprocessableContent)
            #expect(noName.html.contains("error-summary") && noName.html.contains("href=\"#field-name\""))
            let duplicate = try await admin.post(
                "/admin/rooms", [("_csrf", token), ("name", "x-ray 1"), ("modality", "DX")])
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.html.contains("already exists"))

            let added = try await admin.post(
                "/admin/rooms",
                [("_csrf", token), ("name", "Mobile 2"), ("modality", "DX"), ("aeTitle", "MOB2"), ("isMobile", "yes")])
            #expect(added.status == .seeOther)
            let roomPath = try #require(added.headers[.location]?.split(separator: "?").first.map(String.init))
            let roomID = try #require(UUID(uuidString: String(roomPath.split(separator: "/").last ?? "")))
            let roomPage = try await admin.get(added.headers[.location] ?? "")
            #expect(
                roomPage.html.contains("Room added") && roomPage.html.contains("DX: digital radiography, mobile unit"))
            func stored() async throws -> Room? {
                try await seeded.store.transaction { unit in try await unit.rooms.list().first { $0.id == roomID } }
            }
            #expect(try await stored()?.isMobile == true)
            #expect(try await stored()?.aeTitle == "MOB2")

            let noReason = try await admin.post("\(roomPath)/status", [("_csrf", token), ("status", "suspended")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.html.contains("href=\"#field-reason\""))
            #expect(try await stored()?.status == .inUse, "nothing changed")
            let restricted = try await admin.post(
                "\(roomPath)/status",
                [
                    ("_csrf", token), ("status", "restricted"), ("reason", "Detector fault"),
                    ("restrictedTo", "chest, upper limb"),
                ])
            #expect(restricted.status == .seeOther)
            #expect(
                try await stored()?.restrictedTo == [ExamScope(bodyRegion: .chest), ExamScope(bodyRegion: .upperLimb)])
            let shown = try await admin.get("/admin/rooms")
            #expect(shown.html.contains("Only: chest, upper limb") && shown.html.contains("Restricted"))

            let badAE = try await admin.post(
                "\(roomPath)/ae-title", [("_csrf", token), ("aeTitle", "WAY TOO LONG AN AE TITLE")])
            #expect(badAE.status == .unprocessableContent)
            #expect(badAE.html.contains("href=\"#field-aeTitle\""))
            let takenAE = try await admin.post("\(roomPath)/ae-title", [("_csrf", token), ("aeTitle", "MOB3")])
            #expect(takenAE.status == .seeOther)
            #expect(try await stored()?.aeTitle == "MOB3")

            let badHours = try await admin.post(
                "\(roomPath)/service-hours",
                [
                    ("_csrf", token), ("serviceHours.days", "1"), ("serviceHours.opens", "18"),
                    ("serviceHours.closes", "8"),
                ])
            #expect(badHours.status == .unprocessableContent)
            #expect(badHours.html.contains("href=\"#field-serviceHours-closes\""))
            let noDays = try await admin.post(
                "\(roomPath)/service-hours",
                [("_csrf", token), ("serviceHours.opens", "8"), ("serviceHours.closes", "18")])
            #expect(noDays.status == .unprocessableContent)
            #expect(noDays.html.contains("href=\"#day-1\""))
            let hours = try await admin.post(
                "\(roomPath)/service-hours",
                [("_csrf", token)] + (1...5).map { ("serviceHours.days", String($0)) }
                    + [("serviceHours.opens", "8"), ("serviceHours.closes", "18")])
            #expect(hours.status == .seeOther)
            #expect(try await stored()?.serviceHours == ServiceHours(days: [1, 2, 3, 4, 5], opens: 8, closes: 18))
            #expect(try await admin.get("/admin/rooms").html.contains("Mon–Fri"))

            let forged = try await admin.post("\(roomPath)/status", [("status", "suspended"), ("reason", "forged")])
            #expect(forged.status == .forbidden)
            #expect(try await stored()?.status == .restricted, "a form without its token changes nothing")

            var radiographer = try await Self.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            #expect(try await radiographer.get("/admin/rooms").status == .forbidden)
            let home = try await radiographer.get("/")
            let refused = try await radiographer.post(
                "\(roomPath)/status", [("_csrf", home.formToken ?? ""), ("status", "suspended"), ("reason", "no")])
            #expect(refused.status == .forbidden)
            #expect(try await stored()?.status == .restricted)

            let actions = try await Self.auditActions(seeded, by: "a.admin")
            for action in ["room.added", "room.status", "room.ae-title", "room.service-hours"] {
                #expect(actions.contains { $0.hasPrefix(action) }, "\(action) in \(actions)")
            }
        }
    }

    @Test(
        "Accounts: list, create with a role and a linked member of staff; errors summarised; refused to others",
        arguments: TestEngine.allCases)
    func accounts(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            var admin = try await Self.signedIn(seeded, client, "a.admin", .admin)
            let list = try await admin.get("/admin/accounts")
            #expect(list.status == .ok)
            #expect(list.html.contains("person-support") && list.html.contains("Support worker"))
            #expect(!list.html.contains(">supportWorker<"))
            let token = list.formToken ?? ""

            let noRole = try await admin.post(
                "/admin/accounts", [("_csrf", token), ("username", "n.new"), ("role", "")])
            #expect(noRole.status == .unprocessableContent)
            #expect(noRole.html.contains("href=\"#field-role\""))
            let taken = try await admin.post(
                "/admin/accounts", [("_csrf", token), ("username", "a.admin"), ("role", "radiographer")])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.html.contains("href=\"#field-username\""))
            let weak = try await admin.post(
                "/admin/accounts",
                [("_csrf", token), ("username", "n.new"), ("role", "radiographer"), ("password", "x")])
            #expect(weak.status == .unprocessableContent)
            #expect(weak.html.contains("href=\"#field-password\""))

            let staffID = try #require(seeded.staff["radiographer2"]?.id)
            let created = try await admin.post(
                "/admin/accounts",
                [
                    ("_csrf", token), ("username", "n.new"), ("role", AccessRole.assistantPractitioner.rawValue),
                    ("password", "a long enough passphrase"), ("staffID", staffID.uuidString),
                ])
            #expect(created.status == .seeOther)
            let after = try await admin.get(created.headers[.location] ?? "")
            #expect(after.html.contains("Account created") && after.html.contains("n.new"))
            let account = try #require(try await seeded.auth.account(username: "n.new"))
            #expect(account.role == .assistantPractitioner && account.staffID == staffID)
            #expect(try await Self.auditActions(seeded, by: "a.admin").contains("account.created"))
            var newcomer = PageSession(client)
            #expect(try await newcomer.signIn("n.new", "a long enough passphrase").status == .seeOther)

            let edit = try await admin.get("/admin/accounts/n.new")
            #expect(edit.status == .ok && edit.html.contains("Assistant practitioner"))
            let self_ = try await admin.post(
                "/admin/accounts/a.admin", [("_csrf", token), ("role", "admin"), ("disabled", "true")])
            #expect(self_.status == .unprocessableContent)
            #expect(self_.html.contains("href=\"#field-disabled\"") && self_.html.contains("your own account"))
            #expect(try await newcomer.get("/").html.contains("Your work"), "the newcomer is signed in")
            let disabled = try await admin.post(
                "/admin/accounts/n.new", [("_csrf", token), ("role", "radiographer"), ("disabled", "true")])
            #expect(disabled.status == .seeOther)
            let changed = try #require(try await seeded.auth.account(username: "n.new"))
            #expect(changed.role == .radiographer && changed.disabled)
            #expect(try await Self.auditActions(seeded, by: "a.admin").contains("account.updated"))
            #expect(
                try await newcomer.get("/").html.contains("Sign in to Lightbox"), "a disabled account's session ends")
            // The API's door to the same use case.
            let api = try await APIClient(client).send(
                .put, "/api/accounts/n.new", token: seeded.tokens[.admin] ?? "", json: #"{"disabled":false}"#)
            #expect(api.status == .ok, "\(api.text)")
            #expect(try await seeded.auth.account(username: "n.new")?.disabled == false)
            let apiSelf = try await APIClient(client).send(
                .put, "/api/accounts/role-admin", token: seeded.tokens[.admin] ?? "", json: #"{"disabled":true}"#)
            #expect(apiSelf.status == .unprocessableContent, "\(apiSelf.text)")

            let forged = try await admin.post("/admin/accounts", [("username", "f.forged"), ("role", "admin")])
            #expect(forged.status == .forbidden)
            #expect(try await seeded.auth.account(username: "f.forged") == nil)

            var radiographer = try await Self.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            #expect(try await radiographer.get("/admin/accounts").status == .forbidden)
            let home = try await radiographer.get("/")
            let refused = try await radiographer.post(
                "/admin/accounts", [("_csrf", home.formToken ?? ""), ("username", "x.sneaky"), ("role", "admin")])
            #expect(refused.status == .forbidden)
            #expect(try await seeded.auth.account(username: "x.sneaky") == nil)
        }
    }

    @Test(
        "Audit log page: newest first, filters, paging, a patient search audited, the chain checked",
        arguments: TestEngine.allCases)
    func auditLog(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            var admin = try await Self.signedIn(seeded, client, "a.admin", .admin)
            let first = try await admin.get("/audit")
            #expect(first.status == .ok)
            let sequences = Self.sequences(first.html)
            #expect(sequences.count == 50, "a page of 50")
            #expect(sequences == sequences.sorted(by: >), "newest first")
            let older = try #require(Self.href(first.html, id: "older"))
            let second = try await admin.get(older)
            let next = Self.sequences(second.html)
            #expect(!next.isEmpty && next.allSatisfy { $0 < (sequences.last ?? 0) })
            #expect(second.html.contains("Newest entries"))

            let byWho = try await admin.get("/audit?who=a.admin")
            #expect(byWho.html.contains("session.created"))
            #expect(!byWho.html.contains("test-setup"))
            let byAction = try await admin.get("/audit?action=room")
            #expect(byAction.html.contains("room.added") && !byAction.html.contains("account.created"))
            let yesterday = seeded.clock.now().addingTimeInterval(-2 * 86_400).formatted(.iso8601.year().month().day())
            let none = try await admin.get("/audit?to=\(yesterday)")
            #expect(none.html.contains("No entries match."))

            let man = try #require(seeded.patients["man"])
            let byPatient = try await admin.get("/audit?patient=\(man.nhsNumber?.digits ?? "")")
            #expect(byPatient.status == .ok)
            #expect(Self.sequences(byPatient.html).count >= 1)
            #expect(byPatient.html.contains("/patients/\(man.id.uuidString)"))
            let reads = try await seeded.store.transaction { unit in
                try await unit.audit.search(AuditQuery(actorUsername: "a.admin", action: "audit.read", limit: 10))
            }
            #expect(reads.first?.patientID == man.id, "reading a patient's audit entries is itself audited")

            let badDate = try await admin.get("/audit?from=2026-13-45&patient=0000000000")
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.html.contains("href=\"#field-from\"") && badDate.html.contains("href=\"#field-patient\""))

            #expect(first.html.contains("Not checked"))
            let forged = try await admin.post("/audit/verification", [])
            #expect(forged.status == .forbidden)
            let checked = try await admin.post("/audit/verification", [("_csrf", first.formToken ?? "")])
            #expect(checked.status == .seeOther)
            let intact = try await admin.get(checked.headers[.location] ?? "")
            #expect(intact.html.contains("tag--green\">Intact"), "\(intact.html)")
            try await database.database.sql().raw(
                "UPDATE audit_entries SET detail = 'nothing happened' WHERE sequence = 2"
            )
            .run()
            _ = try await admin.post("/audit/verification", [("_csrf", first.formToken ?? "")])
            let broken = try await admin.get("/audit")
            #expect(broken.html.contains("tag--red\">Broken") && broken.html.contains("audit entry 2"))

            var radiographer = try await Self.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            #expect(try await radiographer.get("/audit").status == .forbidden)
            let home = try await radiographer.get("/")
            #expect(
                try await radiographer.post("/audit/verification", [("_csrf", home.formToken ?? "")]).status
                    == .forbidden)
        }
    }

    @Test(
        "Staff and entitlements: add, change, grant with expiry (expiring soon marked), revoke with a reason",
        arguments: TestEngine.allCases)
    func staffAndEntitlements(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            var admin = try await Self.signedIn(seeded, client, "a.admin", .admin)
            let list = try await admin.get("/admin/staff")
            #expect(list.status == .ok)
            #expect(list.html.contains("Lewis Evans") && list.html.contains("Radiographer"))
            let token = list.formToken ?? ""

            let incomplete = try await admin.post("/admin/staff", [("_csrf", token), ("name.given", "Ada")])
            #expect(incomplete.status == .unprocessableContent)
            #expect(
                incomplete.html.contains("href=\"#field-name-family\"")
                    && incomplete.html.contains("href=\"#field-profession\""))
            let added = try await admin.post(
                "/admin/staff",
                [
                    ("_csrf", token), ("name.family", "Okonjo"), ("name.given", "Ada"), ("profession", "radiographer"),
                    ("jobTitle", "Band 5 radiographer"), ("registration.body", "HCPC"),
                    ("registration.number", "RA123456"),
                    ("registration.expires", "2030-03-31"),
                ])
            #expect(added.status == .seeOther)
            let memberPath = try #require(added.headers[.location]?.split(separator: "?").first.map(String.init))
            let staffID = try #require(UUID(uuidString: String(memberPath.split(separator: "/").last ?? "")))
            let memberPage = try await admin.get(added.headers[.location] ?? "")
            #expect(
                memberPage.html.contains("Member of staff added") && memberPage.html.contains("No entitlements yet"))

            let noEvidence = try await admin.post(
                "\(memberPath)/entitlements",
                [("_csrf", token), ("duty", "operate"), ("scope.modality", "DX"), ("starts", "2026-01-01")])
            #expect(noEvidence.status == .unprocessableContent)
            #expect(noEvidence.html.contains("href=\"#field-trainingEvidence\""))
            let soon = PageDates.iso(
                seeded.clock.now().addingTimeInterval(10 * 86_400), TimeZone(identifier: "Europe/London")!)
            let granted = try await admin.post(
                "\(memberPath)/entitlements",
                [
                    ("_csrf", token), ("duty", "operate"), ("scope.modality", "DX"), ("scope.bodyRegion", "upperLimb"),
                    ("starts", "2026-01-01"), ("expires", soon), ("trainingEvidence", "Preceptorship signed off"),
                ])
            #expect(granted.status == .seeOther)
            let withEntitlement = try await admin.get(granted.headers[.location] ?? "")
            #expect(withEntitlement.html.contains("Entitlement granted"))
            #expect(withEntitlement.html.contains("DX upper limb"))
            #expect(withEntitlement.html.contains("tag--orange\">expires soon"), "expiring within the warning days")
            let entitlement = try #require(
                try await seeded.department.browse.entitlements(staffID: staffID, by: Self.setup).first)
            #expect(
                entitlement.duty == .operate && entitlement.scope == ExamScope(modality: .DX, bodyRegion: .upperLimb))

            let revokePath = "\(memberPath)/entitlements/\(entitlement.id.uuidString)/revocation"
            let noReason = try await admin.post(revokePath, [("_csrf", token), ("reason", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.html.contains("href=\"#reason-\(entitlement.id.uuidString)\""))
            let revoked = try await admin.post(revokePath, [("_csrf", token), ("reason", "Left the DX team")])
            #expect(revoked.status == .seeOther)
            #expect(try await admin.get(memberPath).html.contains("revoked"))
            #expect(
                try await seeded.department.browse.entitlements(staffID: staffID, by: Self.setup).first?.revokedAt
                    != nil)

            let left = try await admin.post(
                memberPath,
                [
                    ("_csrf", token), ("name.family", "Okonjo"), ("name.given", "Ada"), ("profession", "radiographer"),
                    ("registration.body", "HCPC"), ("registration.number", "RA123456"),
                    ("registration.expires", "2030-03-31"),
                ])
            #expect(left.status == .seeOther)
            #expect(
                try await seeded.department.browse.staff(by: Self.setup).first { $0.id == staffID }?.active == false)

            let forged = try await admin.post(
                "\(memberPath)/entitlements",
                [
                    ("duty", "operate"), ("scope.modality", "CT"), ("starts", "2026-01-01"),
                    ("trainingEvidence", "forged"),
                ])
            #expect(forged.status == .forbidden)
            var radiographer = try await Self.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            #expect(try await radiographer.get("/admin/staff").status == .forbidden)
            let home = try await radiographer.get("/")
            let refused = try await radiographer.post(
                "\(memberPath)/entitlements",
                [
                    ("_csrf", home.formToken ?? ""), ("duty", "operate"), ("scope.modality", "CT"),
                    ("starts", "2026-01-01"),
                    ("trainingEvidence", "self-granted"),
                ])
            #expect(refused.status == .forbidden)
            #expect(try await seeded.department.browse.entitlements(staffID: staffID, by: Self.setup).count == 1)
            let actions = try await Self.auditActions(seeded, by: "a.admin")
            for action in ["staff.added", "staff.updated", "entitlement.granted", "entitlement.revoked"] {
                #expect(actions.contains(action), "\(action)")
            }
        }
    }

    @Test(
        "DICOM peers: add with services, change, remove; errors summarised; refused to others",
        arguments: TestEngine.allCases)
    func dicomPeers(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            var admin = try await Self.signedIn(seeded, client, "a.admin", .admin)
            let list = try await admin.get("/admin/dicom-peers")
            #expect(list.status == .ok && list.html.contains("No DICOM peers yet"))
            let token = list.formToken ?? ""
            let wrong = try await admin.post(
                "/admin/dicom-peers", [("_csrf", token), ("aeTitle", ""), ("host", "ct 1!"), ("port", "104")])
            #expect(wrong.status == .unprocessableContent)
            for field in ["#field-aeTitle", "#field-host", "#service-echo"] {
                #expect(wrong.html.contains("href=\"\(field)\""), "\(field)")
            }
            let added = try await admin.post(
                "/admin/dicom-peers",
                [
                    ("_csrf", token), ("aeTitle", "CT1"), ("host", "10.1.2.3"), ("port", "104"), ("services", "echo"),
                    ("services", "store"), ("services", "worklist"),
                ])
            #expect(added.status == .seeOther)
            let shown = try await admin.get(added.headers[.location] ?? "")
            #expect(shown.html.contains("DICOM peer saved") && shown.html.contains("10.1.2.3:104"))
            #expect(shown.html.contains("Send images (C-STORE)") && shown.html.contains("Modality worklist"))
            let peers = try await ListDICOMPeers(seeded.department.environment)(by: Self.setup)
            #expect(peers.first?.services == [.echo, .store, .worklist])

            let forged = try await admin.post("/admin/dicom-peers/removal", [("aeTitle", "CT1")])
            #expect(forged.status == .forbidden)
            var radiographer = try await Self.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            #expect(try await radiographer.get("/admin/dicom-peers").status == .forbidden)
            let home = try await radiographer.get("/")
            #expect(
                try await radiographer.post(
                    "/admin/dicom-peers/removal", [("_csrf", home.formToken ?? ""), ("aeTitle", "CT1")]
                ).status == .forbidden)
            #expect(try await ListDICOMPeers(seeded.department.environment)(by: Self.setup).count == 1)

            let removed = try await admin.post("/admin/dicom-peers/removal", [("_csrf", token), ("aeTitle", "CT1")])
            #expect(removed.status == .seeOther)
            #expect(try await ListDICOMPeers(seeded.department.environment)(by: Self.setup).isEmpty)
            let actions = try await Self.auditActions(seeded, by: "a.admin")
            #expect(actions.contains("dicom-peer.added") && actions.contains { $0.hasPrefix("dicom-peer.removed") })
        }
    }

    static let setup = Actor(staffID: nil, username: "test-reader", role: .admin, door: .system)

    /// The fixture catalogue file (shared with the browser test): 36 rows, three wrong (lines 4, 5 and 7), one
    /// update of an existing code and 32 new codes.
    static var catalogueCSV: String {
        get throws {
            let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            return try String(contentsOf: here.appendingPathComponent("Browser/catalogue-import.csv"), encoding: .utf8)
        }
    }

    /// Posts `csv` as the file of the catalogue page's upload form (`multipart/form-data`).
    static func upload(
        _ browser: PageSession, token: String?, fileName: String = "catalogue.csv", csv: String
    ) async throws -> PageSession.Page {
        let boundary = "----LightboxTestBoundary7MA4YWxk"
        var body = ""
        if let token {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"\(fileName)\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.cookie] = browser.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
            separator: "; ")
        let response = try await browser.client.executeRequest(
            uri: "/admin/catalogue/imports", method: .post, headers: headers, body: ByteBuffer(string: body))
        return PageSession.Page(
            status: response.status, headers: response.headers, html: String(buffer: response.body),
            bytes: response.body)
    }

    @Test(
        "Catalogue import: a background job whose progress and result show on the page, wrong lines refused with why",
        arguments: TestEngine.allCases)
    func catalogueImport(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            var admin = try await Self.signedIn(seeded, client, "a.admin", .admin)
            let page = try await admin.get("/admin/catalogue")
            #expect(page.status == .ok)
            #expect(page.html.contains("XCHEST") && page.html.contains("enctype=\"multipart/form-data\""))
            let token = page.formToken

            let forged = try await Self.upload(admin, token: nil, csv: try Self.catalogueCSV)
            #expect(forged.status == .forbidden)
            let badHeader = try await Self.upload(admin, token: token, csv: "code,name,colour\r\nX1,Thing,red\r\n")
            #expect(badHeader.status == .unprocessableContent)
            #expect(badHeader.html.contains("href=\"#field-csv\"") && badHeader.html.contains("colour"))
            let empty = try await Self.upload(admin, token: token, csv: "")
            #expect(empty.status == .unprocessableContent && empty.html.contains("Choose a CSV file"))
            let before = try await seeded.department.browse.catalogue(
                by: Actor(staffID: nil, username: "t", role: .admin, door: .system))
            #expect(!before.contains { $0.code == "XNEW1" }, "nothing imported by the refused uploads")

            let started = try await Self.upload(admin, token: token, csv: try Self.catalogueCSV)
            #expect(started.status == .seeOther)
            let jobPath = try #require(started.headers[.location])
            let running = try await admin.get(jobPath)
            #expect(running.status == .ok)
            #expect(running.html.contains("catalogue.csv"))
            var status = try await admin.get(jobPath + "/status")
            #expect(status.headers[.contentType]?.hasPrefix("application/json") == true)
            let deadline = Date().addingTimeInterval(20)
            var seenProgress: [Int] = []
            while status.html.contains("\"running\""), Date() < deadline {
                if let processed = Self.number("processed", in: status.html) { seenProgress.append(processed) }
                try await Task.sleep(for: .milliseconds(20))
                status = try await admin.get(jobPath + "/status")
            }
            #expect(status.html.contains("\"finished\""), "\(status.html)")
            #expect(Self.number("total", in: status.html) == 36)
            #expect(Self.number("processed", in: status.html) == 36)
            #expect(Self.number("added", in: status.html) == 32)
            #expect(Self.number("updated", in: status.html) == 1)
            #expect(seenProgress.allSatisfy { $0 <= 36 } && seenProgress == seenProgress.sorted())

            let result = try await admin.get(jobPath)
            #expect(result.html.contains("Finished: 32 added, 1 updated, 3 refused of 36 rows"), "\(result.html)")
            #expect(!result.html.contains("data-import-status"), "the page stops following a finished import")
            for (line, why) in [(4, "modality"), (5, "code"), (7, "bodyRegion")] {
                #expect(result.html.contains("<tr><td>\(line)</td><td>\(why)"), "line \(line)")
            }
            let catalogue = try await seeded.department.browse.catalogue(
                by: Actor(staffID: nil, username: "t", role: .admin, door: .system))
            #expect(catalogue.first { $0.code == "XCHEST" }?.name == "XR Chest PA (updated)")
            #expect(catalogue.contains { $0.code == "XNEW1" } && catalogue.contains { $0.code == "XG030" })
            #expect(!catalogue.contains { $0.code == "XBAD1" || $0.code == "XNEW3" })
            let upserts = try await seeded.store.transaction { unit in
                try await unit.audit.search(
                    AuditQuery(actorUsername: "a.admin", action: "catalogue.upserted", limit: 100))
            }
            #expect(upserts.count == 33)
            #expect(try await admin.get("/admin/catalogue").html.contains("Finished: 32 added"))

            var radiographer = try await Self.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            #expect(try await radiographer.get("/admin/catalogue").status == .forbidden)
            #expect(try await radiographer.get(jobPath + "/status").status == .forbidden)
            let home = try await radiographer.get("/")
            #expect(
                try await Self.upload(radiographer, token: home.formToken, csv: try Self.catalogueCSV).status
                    == .forbidden)
        }
    }

    /// A whole-number member of a flat JSON object.
    static func number(_ name: String, in json: String) -> Int? {
        guard let range = json.range(of: "\"\(name)\":") else { return nil }
        return Int(json[range.upperBound...].prefix { $0.isNumber })
    }

    /// The sequence numbers of the audit rows shown.
    static func sequences(_ html: String) -> [Int64] {
        html.components(separatedBy: "<tr><td>").dropFirst().compactMap { Int64($0.prefix { $0.isNumber }) }
    }

    /// The `href` of the link with `id`, with entities decoded.
    static func href(_ html: String, id: String) -> String? {
        guard let range = html.range(of: "id=\"\(id)\"") else { return nil }
        let before = html[..<range.lowerBound]
        guard let start = before.range(of: "href=\"", options: .backwards) else { return nil }
        return String(before[start.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }
}
