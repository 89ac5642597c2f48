import Foundation
import Hummingbird
import LightboxDomain

/// Body of `PUT /api/staff/{staffID}`.
extension UpdateStaffMember.Command: APISchema {
    public static let schemaName = "UpdateStaffMember"
    public static let pathMembers = ["staffID"]
    public static var example: UpdateStaffMember.Command {
        let add = AddStaffMember.Command.example
        return .init(
            staffID: Examples.id(5), name: add.name, profession: add.profession, jobTitle: add.jobTitle,
            registration: add.registration, active: true)
    }
}

extension WebApplication {
    static var referenceRoutes: [APIRoute] {
        staffRoutes + referrerRoutes + roomRoutes + catalogueRoutes
    }

    static var staffRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/staff", id: "listStaff", summary: "Department staff", tag: "Staff",
                access: .permission(.viewReferenceData), body: NoBody.self, response: [StaffMember].self
            ) { call, _ in
                try await call.department.browse.staff(by: call.actor)
            },
            .json(
                .post, "/api/staff", id: "addStaffMember", summary: "Add a staff member", tag: "Staff",
                access: .permission(.manageStaff), body: AddStaffMember.Command.self,
                response: Outcome<StaffMember>.self, status: .created
            ) { call, command in
                try await call.department.addStaffMember(command, by: call.actor)
            },
            .json(
                .put, "/api/staff/{staffID}", id: "updateStaffMember",
                summary: "Change a staff member (profession, registration renewal, active)", tag: "Staff",
                access: .permission(.manageStaff), body: UpdateStaffMember.Command.self,
                response: Outcome<StaffMember>.self
            ) { call, command in
                try await call.department.updateStaffMember(command, by: call.actor)
            },
            .json(
                .get, "/api/staff/{staffID}/entitlements", id: "listStaffEntitlements",
                summary: "A person's entitlements, including expired and revoked ones", tag: "Entitlements",
                access: .permission(.viewReferenceData), body: NoBody.self, response: [Entitlement].self
            ) { call, _ in
                try await call.department.browse.entitlements(staffID: call.id("staffID"), by: call.actor)
            },
            .json(
                .get, "/api/entitlements", id: "listEntitlements", summary: "Every entitlement", tag: "Entitlements",
                access: .permission(.viewReferenceData), body: NoBody.self, response: [Entitlement].self
            ) { call, _ in
                try await call.department.browse.entitlements(by: call.actor)
            },
            .json(
                .post, "/api/entitlements", id: "grantEntitlement",
                summary: "Grant an entitlement (duty × modality/exam/region, dates, supervision, evidence)",
                tag: "Entitlements", access: .permission(.manageEntitlements), body: GrantEntitlement.Command.self,
                response: Outcome<Entitlement>.self, status: .created
            ) { call, command in
                try await call.department.grantEntitlement(command, by: call.actor)
            },
            .json(
                .post, "/api/entitlements/{entitlementID}/revocation", id: "revokeEntitlement",
                summary: "Revoke an entitlement with a reason", tag: "Entitlements",
                access: .permission(.manageEntitlements), body: RevokeEntitlement.Command.self,
                response: Outcome<Entitlement>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.revokeEntitlement(command, by: call.actor)
            },
        ]
    }

    static var referrerRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/referrers", id: "listReferrers", summary: "Referrers and their referral scope",
                tag: "Referrers", access: .permission(.viewReferenceData), body: NoBody.self, response: [Referrer].self
            ) { call, _ in
                try await call.department.browse.referrers(by: call.actor)
            },
            .json(
                .post, "/api/referrers", id: "addReferrer", summary: "Add a referrer with their referral scope",
                tag: "Referrers", access: .permission(.manageReferrers), body: AddReferrer.Command.self,
                response: Outcome<Referrer>.self, status: .created, problems: [.conflict]
            ) { call, command in
                try await call.department.addReferrer(command, by: call.actor)
            },
        ]
    }
}
