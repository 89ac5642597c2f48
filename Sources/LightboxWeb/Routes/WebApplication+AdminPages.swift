import Foundation
import Hummingbird
import LightboxDomain

/// The administration pages (issue 14) and the audit log page, over the same use cases as the API, each behind the
/// permission the API asks for.
extension WebApplication {
    func addAdminPages(_ page: PageRegistrar) {
        page(.get, "/admin") { call in
            let user = try call.signedIn()
            let policy = call.environment.policy
            let items = AdminIndexPageModel.items(for: user.role, policy: policy)
            guard !items.isEmpty else { throw Problem.forbidden(role: user.role.label, permission: "administration") }
            return try call.page(
                AdminIndexPageModel(layout: try call.layout("Administration"), role: user.role, policy: policy))
        }
        addAuditPages(page)
        addRoomPages(page)
        addAccountPages(page)
        addCataloguePages(page)
        addStaffPages(page)
        addDICOMPeerPages(page)
    }

    // MARK: Audit log

    private func addAuditPages(_ page: PageRegistrar) {
        page(.get, "/audit") { call in
            _ = try call.require(.viewAudit)
            return try await Self.auditPage(call)
        }
        page(.post, "/audit/verification") { call in
            _ = try call.require(.viewAudit)
            _ = try await call.form()
            guard let monitor = call.environment.auditChain else {
                throw PageRefusal.notFound("The audit chain cannot be checked from this server.")
            }
            _ = try await monitor.check(at: call.environment.clock.now())
            return call.redirect("/audit?done=chain-checked")
        }
    }

    static func auditPage(_ call: PageCall) async throws -> Response {
        let filters = AuditPageModel.Filters(
            who: call.query("who"), action: call.query("action"), patient: call.query("patient"),
            from: call.query("from"), to: call.query("to"), before: call.query("before").flatMap { Int64($0) })
        let timeZone = try await call.department.viewThresholds.configurationInForce().timeZone
        let (from, until, dateProblems) = AuditPageModel.dateRange(filters, timeZone: timeZone)
        var problems = dateProblems
        var patientID: UUID?
        if let text = filters.patient {
            patientID = try await Self.auditPatient(text, store: call.environment.store)
            if patientID == nil {
                problems.append(FieldProblem("patient", "no patient has this NHS number, hospital number or ID"))
            }
        }
        let pageSize = 50
        var entries: [AuditEntry] = []
        if problems.isEmpty {
            let query = AuditQuery(
                actorUsername: filters.who, action: filters.action, patientID: patientID, from: from, until: until,
                beforeSequence: filters.before, limit: pageSize)
            do {
                entries = try await call.department.viewAuditLog.search(query, by: call.actor).value
            } catch let error as DomainError where !error.fields.isEmpty {
                problems = error.fields
            }
        }
        let chain = await call.environment.auditChain?.last
        let model = AuditPageModel(
            layout: try call.layout("Audit log"), filters: filters, problems: problems, entries: entries,
            pageSize: pageSize, chain: chain,
            canCheckChain: call.environment.auditChain != nil, timeZone: timeZone)
        return try call.page(model, status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    /// The patient an audit filter names: a Lightbox patient ID, an NHS number or a hospital number.
    static func auditPatient(_ text: String, store: any DepartmentStore) async throws -> UUID? {
        if let id = UUID(uuidString: text) { return id }
        let nhsNumber = try? NHSNumber(text)
        let found = try await store.transaction { unit -> UUID? in
            if let nhsNumber,
                let patient = try await unit.patients.search(PatientQuery(nhsNumber: nhsNumber, limit: 2))
                    .first
            {
                return patient.id
            }
            let byNumber = try await unit.patients.search(PatientQuery(hospitalNumber: text, limit: 2))
            return byNumber.count == 1 ? byNumber.first?.id : nil
        }
        return found
    }

    // MARK: Rooms

    private func addRoomPages(_ page: PageRegistrar) {
        page(.get, "/admin/rooms") { call in
            _ = try call.require(.manageRooms)
            return try await Self.roomsPage(call)
        }
        page(.post, "/admin/rooms") { call in
            _ = try call.require(.manageRooms)
            return try await call.submit(parse: RoomsPageModel.command) { command in
                let room = try await call.department.addRoom(command, by: call.actor).value
                return "/admin/rooms/\(room.id.uuidString)?done=room-added"
            } again: { form, error in
                try await Self.roomsPage(call, form: form, problems: error.fields, status: .unprocessableContent)
            }
        }
        page(.get, "/admin/rooms/:roomID") { call in
            _ = try call.require(.manageRooms)
            return try await Self.roomPage(call, roomID: try call.id("roomID"))
        }
        page(.post, "/admin/rooms/:roomID/status") { call in
            _ = try call.require(.manageRooms)
            let roomID = try call.id("roomID")
            return try await Self.changeRoom(call, roomID: roomID, done: "room-status") {
                RoomPageModel.statusCommand($0, roomID: roomID)
            } run: {
                _ = try await call.department.setRoomStatus($0, by: call.actor)
            }
        }
        page(.post, "/admin/rooms/:roomID/ae-title") { call in
            _ = try call.require(.manageRooms)
            let roomID = try call.id("roomID")
            return try await Self.changeRoom(call, roomID: roomID, done: "room-ae-title") {
                (SetRoomAETitle.Command(roomID: roomID, aeTitle: $0["aeTitle"]), [])
            } run: {
                _ = try await call.department.setRoomAETitle($0, by: call.actor)
            }
        }
        page(.post, "/admin/rooms/:roomID/service-hours") { call in
            _ = try call.require(.manageRooms)
            let roomID = try call.id("roomID")
            return try await Self.changeRoom(call, roomID: roomID, done: "room-service-hours") {
                RoomPageModel.serviceHoursCommand($0, roomID: roomID)
            } run: {
                _ = try await call.department.setRoomServiceHours($0, by: call.actor)
            }
        }
    }

    /// Posts one change of a room; a refusal naming fields shows the room's page again with them.
    static func changeRoom<Command>(
        _ call: PageCall, roomID: UUID, done: String, parse: (FormBody) -> (Command?, [FieldProblem]),
        run: (Command) async throws -> Void
    ) async throws -> Response {
        try await call.submit(parse: parse) { command in
            try await run(command)
            return "/admin/rooms/\(roomID.uuidString)?done=\(done)"
        } again: { form, error in
            try await roomPage(call, roomID: roomID, form: form, problems: error.fields, status: .unprocessableContent)
        }
    }

    static func roomsPage(
        _ call: PageCall, form: FormBody? = nil, problems: [FieldProblem] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let rooms = try await call.department.browse.rooms(by: call.actor)
        return try call.page(
            RoomsPageModel(
                layout: try call.layout("Rooms"), rooms: rooms, canManage: true, form: form, problems: problems),
            status: status)
    }

    static func roomPage(
        _ call: PageCall, roomID: UUID, form: FormBody? = nil, problems: [FieldProblem] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let room = try await call.department.browse.rooms(by: call.actor).first(where: { $0.id == roomID })
        else { throw PageRefusal.notFound("There is no such room.") }
        return try call.page(
            RoomPageModel(layout: try call.layout(room.name), room: room, form: form, problems: problems),
            status: status)
    }

    // MARK: Accounts

    private func addAccountPages(_ page: PageRegistrar) {
        page(.get, "/admin/accounts") { call in
            _ = try call.require(.manageAccounts)
            return try await Self.accountsPage(call)
        }
        page(.post, "/admin/accounts") { call in
            _ = try call.require(.manageAccounts)
            return try await call.submit(parse: AccountsPageModel.command) { command in
                _ = try await call.environment.auth.createAccount(
                    username: command.username, role: command.role, password: command.password,
                    staffID: command.staffID, referrerID: command.referrerID, by: call.actor)
                return "/admin/accounts?done=account-created"
            } again: { form, error in
                try await Self.accountsPage(call, form: form, problems: error.fields, status: .unprocessableContent)
            }
        }
        page(.get, "/admin/accounts/:username") { call in
            _ = try call.require(.manageAccounts)
            return try await Self.accountPage(call, username: call.context.parameters.get("username") ?? "")
        }
        page(.post, "/admin/accounts/:username") { call in
            _ = try call.require(.manageAccounts)
            let username = call.context.parameters.get("username") ?? ""
            return try await call.submit {
                AccountPageModel.command($0, username: username)
            } run: { command in
                _ = try await call.department.updateAccount(command, by: call.actor)
                return "/admin/accounts?done=account-updated"
            } again: { form, error in
                try await Self.accountPage(
                    call, username: username, form: form, problems: error.fields, status: .unprocessableContent)
            }
        }
    }

    static func accountPage(
        _ call: PageCall, username: String, form: FormBody? = nil, problems: [FieldProblem] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let account = try await call.environment.auth.account(username: username) else {
            throw PageRefusal.notFound("There is no account named \(username).")
        }
        var linkedTo = "Nobody"
        if let staffID = account.staffID {
            linkedTo =
                try await call.department.browse.staff(by: call.actor).first { $0.id == staffID }?.displayName
                ?? "Unknown member of staff"
        } else if let referrerID = account.referrerID {
            linkedTo =
                "Referrer "
                + (try await call.department.browse.referrers(by: call.actor).first { $0.id == referrerID }?.name
                    .display
                    ?? "unknown")
        }
        return try call.page(
            AccountPageModel(
                layout: try call.layout("Account \(account.username)"), account: account, linkedTo: linkedTo,
                form: form,
                problems: problems),
            status: status)
    }

    static func accountsPage(
        _ call: PageCall, form: FormBody? = nil, problems: [FieldProblem] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let accounts = try await call.environment.auth.accounts()
        let staff = try await call.department.browse.staff(by: call.actor)
        let referrers = try await call.department.browse.referrers(by: call.actor)
        let timeZone = try await call.department.viewThresholds.configurationInForce().timeZone
        return try call.page(
            AccountsPageModel(
                layout: try call.layout("Accounts"), accounts: accounts, staff: staff, referrers: referrers,
                timeZone: timeZone, form: form, problems: problems),
            status: status)
    }

    // MARK: Catalogue

    private func addCataloguePages(_ page: PageRegistrar) {
        page(.get, "/admin/catalogue") { call in
            _ = try call.require(.manageCatalogue)
            return try await Self.cataloguePage(call)
        }
        page(.post, "/admin/catalogue/imports") { call in
            _ = try call.require(.manageCatalogue)
            let form = try await call.multipartForm()
            guard let file = form["csv"], !file.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return try await Self.cataloguePage(
                    call, problems: ["Choose a CSV file to import"], status: .unprocessableContent)
            }
            let environment = call.environment
            do {
                let job = try await environment.catalogueImports.start(
                    csv: file.text, fileName: file.fileName ?? "catalogue.csv", maxRows: environment.limits.maxCSVRows,
                    department: environment.department, actor: try call.actor, now: environment.clock.now(),
                    id: UUID())
                return call.redirect("/admin/catalogue/imports/\(job.id.uuidString)")
            } catch let problem as Problem where problem.status == .unprocessableContent || problem.status == .conflict
            {
                let problems = [problem.detail] + problem.errors.map { "\($0.field): \($0.problem)" }
                return try await Self.cataloguePage(call, problems: problems, status: problem.status)
            }
        }
        page(.get, "/admin/catalogue/imports/:importID") { call in
            _ = try call.require(.manageCatalogue)
            let job = try await Self.catalogueImport(call)
            return try call.page(
                CatalogueImportPageModel(layout: try call.layout("Catalogue import"), job: job))
        }
        page(.get, "/admin/catalogue/imports/:importID/status") { call in
            _ = try call.require(.manageCatalogue)
            let job = try await Self.catalogueImport(call)
            var response = try call.environment.jsonResponse(job, status: .ok)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    static func catalogueImport(_ call: PageCall) async throws -> CatalogueImports.Job {
        guard let job = await call.environment.catalogueImports.job(try call.id("importID")) else {
            throw PageRefusal.notFound("There is no such import; only the latest imports are kept.")
        }
        return job
    }

    static func cataloguePage(
        _ call: PageCall, problems: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let entries = try await call.department.browse.catalogue(by: call.actor)
        let imports = await call.environment.catalogueImports.recent()
        return try call.page(
            CataloguePageModel(
                layout: try call.layout("Exam catalogue"), entries: entries, imports: imports,
                maxRows: call.environment.limits.maxCSVRows, problems: problems),
            status: status)
    }

    // MARK: Staff and entitlements

    private func addStaffPages(_ page: PageRegistrar) {
        page(.get, "/admin/staff") { call in
            _ = try call.require(.manageStaff)
            return try await Self.staffPage(call)
        }
        page(.post, "/admin/staff") { call in
            _ = try call.require(.manageStaff)
            return try await call.submit { form -> PageCall.ParsedForm<AddStaffMember.Command> in
                let details = StaffPageModel.details(form, timeZone: try await Self.timeZone(call))
                guard let profession = details.profession, details.problems.isEmpty else {
                    return (nil, details.problems)
                }
                return (
                    AddStaffMember.Command(
                        name: details.name, profession: profession, jobTitle: details.jobTitle,
                        registration: details.registration), []
                )
            } run: { command in
                let member = try await call.department.addStaffMember(command, by: call.actor).value
                return "/admin/staff/\(member.id.uuidString)?done=staff-added"
            } again: { form, error in
                try await Self.staffPage(call, form: form, problems: error.fields, status: .unprocessableContent)
            }
        }
        page(.get, "/admin/staff/:staffID") { call in
            _ = try call.require(.manageStaff)
            return try await Self.staffMemberPage(call, staffID: try call.id("staffID"))
        }
        page(.post, "/admin/staff/:staffID") { call in
            _ = try call.require(.manageStaff)
            let staffID = try call.id("staffID")
            return try await call.submit { form -> PageCall.ParsedForm<UpdateStaffMember.Command> in
                let details = StaffPageModel.details(form, timeZone: try await Self.timeZone(call))
                guard let profession = details.profession, details.problems.isEmpty else {
                    return (nil, details.problems)
                }
                return (
                    UpdateStaffMember.Command(
                        staffID: staffID, name: details.name, profession: profession, jobTitle: details.jobTitle,
                        registration: details.registration, active: form["active"] != nil), []
                )
            } run: { command in
                _ = try await call.department.updateStaffMember(command, by: call.actor)
                return "/admin/staff/\(staffID.uuidString)?done=staff-updated"
            } again: { form, error in
                try await Self.staffMemberPage(
                    call, staffID: staffID, form: form, sent: .details, problems: error.fields,
                    status: .unprocessableContent)
            }
        }
        page(.post, "/admin/staff/:staffID/entitlements") { call in
            _ = try call.require(.manageEntitlements)
            let staffID = try call.id("staffID")
            return try await call.submit {
                StaffMemberPageModel.grantCommand($0, staffID: staffID, timeZone: try await Self.timeZone(call))
            } run: { command in
                _ = try await call.department.grantEntitlement(command, by: call.actor)
                return "/admin/staff/\(staffID.uuidString)?done=entitlement-granted"
            } again: { form, error in
                try await Self.staffMemberPage(
                    call, staffID: staffID, form: form, sent: .grant, problems: error.fields,
                    status: .unprocessableContent)
            }
        }
        page(.post, "/admin/staff/:staffID/entitlements/:entitlementID/revocation") { call in
            _ = try call.require(.manageEntitlements)
            let staffID = try call.id("staffID")
            let entitlementID = try call.id("entitlementID")
            return try await call.submit { form in
                _ = try await call.department.revokeEntitlement(
                    .init(entitlementID: entitlementID, reason: form["reason"] ?? ""), by: call.actor)
                return "/admin/staff/\(staffID.uuidString)?done=entitlement-revoked"
            } again: { form, error in
                try await Self.staffMemberPage(
                    call, staffID: staffID, form: form, sent: .revoke(entitlementID), problems: error.fields,
                    status: .unprocessableContent)
            }
        }
    }

    /// The department's time zone in force, which the staff forms read their dates in.
    static func timeZone(_ call: PageCall) async throws -> TimeZone {
        try await call.department.viewThresholds.configurationInForce().timeZone
    }

    static func staffPage(
        _ call: PageCall, form: FormBody? = nil, problems: [FieldProblem] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let configuration = try await call.department.viewThresholds.configurationInForce()
        let staff = try await call.department.browse.staff(by: call.actor)
        return try call.page(
            StaffPageModel(
                layout: try call.layout("Staff"), staff: staff, warningDays: configuration.entitlementExpiryWarningDays,
                now: call.environment.clock.now(), timeZone: configuration.timeZone, form: form, problems: problems),
            status: status)
    }

    static func staffMemberPage(
        _ call: PageCall, staffID: UUID, form: FormBody? = nil, sent: StaffMemberPageModel.Form? = nil,
        problems: [FieldProblem] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let member = try await call.department.browse.staff(by: call.actor).first(where: { $0.id == staffID })
        else { throw PageRefusal.notFound("There is no such member of staff.") }
        let configuration = try await call.department.viewThresholds.configurationInForce()
        let entitlements = try await call.department.browse.entitlements(staffID: staffID, by: call.actor)
        return try call.page(
            StaffMemberPageModel(
                layout: try call.layout(member.displayName), member: member, entitlements: entitlements,
                warningDays: configuration.entitlementExpiryWarningDays, now: call.environment.clock.now(),
                timeZone: configuration.timeZone, form: form, sent: sent, problems: problems),
            status: status)
    }

    // MARK: DICOM peers

    private func addDICOMPeerPages(_ page: PageRegistrar) {
        page(.get, "/admin/dicom-peers") { call in
            _ = try call.require(.manageDICOMPeers)
            return try await Self.dicomPeersPage(call)
        }
        page(.post, "/admin/dicom-peers") { call in
            _ = try call.require(.manageDICOMPeers)
            return try await call.submit(parse: DICOMPeersPageModel.command) { command in
                _ = try await AddDICOMPeer(call.department.environment)(command, by: call.actor)
                return "/admin/dicom-peers?done=dicom-peer-saved"
            } again: { form, error in
                try await Self.dicomPeersPage(call, form: form, problems: error.fields, status: .unprocessableContent)
            }
        }
        page(.post, "/admin/dicom-peers/removal") { call in
            _ = try call.require(.manageDICOMPeers)
            let form = try await call.form()
            try await RemoveDICOMPeer(call.department.environment)(aeTitle: form["aeTitle"] ?? "", by: call.actor)
            return call.redirect("/admin/dicom-peers?done=dicom-peer-removed")
        }
    }

    /// The peers page; the use cases are the archive's (`Archive` builds the same ones on the same environment), so
    /// the page works on a server whose archive is elsewhere too.
    static func dicomPeersPage(
        _ call: PageCall, form: FormBody? = nil, problems: [FieldProblem] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let peers = try await ListDICOMPeers(call.department.environment)(by: call.actor)
        return try call.page(
            DICOMPeersPageModel(layout: try call.layout("DICOM peers"), peers: peers, form: form, problems: problems),
            status: status)
    }
}
