import Foundation
import LightboxDomain
import Testing

@Suite("Access policy")
struct AccessPolicyTests {
    @Test("Role raw values are the fixed API names")
    func rawValues() {
        #expect(
            AccessRole.allCases.map(\.rawValue) == [
                "referrer", "support-worker", "apprentice", "student", "assistant-practitioner", "radiographer",
                "radiologist", "reporting-radiographer", "physicist", "manager", "admin", "integration",
            ])
    }

    @Test("Default deny: an empty policy allows nothing")
    func defaultDeny() {
        let empty = AccessPolicy(grants: [:])
        for role in AccessRole.allCases {
            for permission in Permission.allCases {
                #expect(!empty.allows(role, permission))
            }
        }
    }

    @Test(
        "The default matrix keeps exposures with clinical roles",
        arguments: [
            (AccessRole.supportWorker, Permission.justify, false),
            (.supportWorker, .performExam, false),
            (.supportWorker, .pauseAndCheck, false),
            (.supportWorker, .checkIn, true),
            (.supportWorker, .book, true),
            (.referrer, .createRequest, true),
            (.referrer, .justify, false),
            (.referrer, .book, false),
            (.student, .performExam, true),
            (.student, .justify, false),
            (.student, .checkImages, false),
            (.apprentice, .checkImages, false),
            (.assistantPractitioner, .checkImages, false),
            (.assistantPractitioner, .performExam, true),
            (.radiographer, .checkImages, true),
            (.radiographer, .manageEntitlements, false),
            (.radiologist, .justify, true),
            (.radiologist, .verifyReport, true),
            (.reportingRadiographer, .report, true),
            (.physicist, .manageRooms, true),
            (.physicist, .justify, false),
            (.manager, .manageEntitlements, true),
            (.manager, .performExam, false),
            (.admin, .viewPatient, false),
            (.admin, .manageAccounts, true),
            (.integration, .createRequest, true),
            (.integration, .performExam, false),
        ])
    func matrix(_ role: AccessRole, _ permission: Permission, _ allowed: Bool) {
        #expect(AccessPolicy.default.allows(role, permission) == allowed)
    }

    @Test("Every role can do something, and only managers and admins manage accounts or read the audit")
    func everyRole() {
        for role in AccessRole.allCases {
            #expect(Permission.allCases.contains { AccessPolicy.default.allows(role, $0) })
        }
        let auditors = AccessRole.allCases.filter { AccessPolicy.default.allows($0, .viewAudit) }
        #expect(auditors == [.manager, .admin])
    }

    @Test("A department can use its own policy")
    func customPolicy() async throws {
        var grants = AccessPolicy.default.grants
        grants[.supportWorker]?.remove(.book)
        let f = try await Fixture.make()
        let department = Department(
            store: f.store, clock: f.clock, ids: SequentialIDs(), policy: AccessPolicy(grants: grants))
        let exam = try await f.exam(at: .justified)
        await f.expectRefused(.permissionDenied) {
            _ = try await department.bookExam(
                .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now()), by: f.supportWorker)
        }
    }

    @Test("Error codes are stable strings and map to HTTP kinds")
    func errorCodes() {
        #expect(DomainError.Code.requestMissingIdentifiers.rawValue == "request.missing-identifiers")
        #expect(DomainError.Code.notJustified.kind == .conflict)
        #expect(DomainError.Code.entitlementExpired.kind == .forbidden)
        #expect(DomainError.Code.permissionDenied.kind == .forbidden)
        #expect(DomainError.Code.pregnancyUnresolved.kind == .validation)
        #expect(DomainError.Code.notFound.kind == .notFound)
        #expect(Set(DomainError.Code.allCases.map(\.rawValue)).count == DomainError.Code.allCases.count)
    }
}
