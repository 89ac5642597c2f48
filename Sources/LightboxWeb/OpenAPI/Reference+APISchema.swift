import Foundation
import LightboxDomain

// Patients and reference data as documented API bodies.

extension PatientDetails: APISchema {
    public static let schemaName = "PatientDetails"
    public static let memberDefaults: [String: JSONValue] = [
        "hospitalNumbers": [], "sex": "unknown", "previousContrastReaction": false, "alerts": [],
    ]
    public static var example: PatientDetails {
        PatientDetails(
            nhsNumber: "9434765919", hospitalNumbers: [Examples.hospitalNumber], name: Examples.name,
            dateOfBirth: Examples.dateOfBirth, sex: .female, childbearingPotential: false, address: Examples.address,
            gpPracticeCode: "L81001", previousContrastReaction: false, alerts: ["Latex allergy"])
    }
}

extension Patient: APISchema {
    public static let schemaName = "Patient"
    public static var example: Patient {
        Patient(
            id: Examples.id(1), nhsNumber: try? NHSNumber("9434765919"), hospitalNumbers: [Examples.hospitalNumber],
            name: Examples.name, dateOfBirth: Examples.dateOfBirth, sex: .female, childbearingPotential: false,
            address: Examples.address, gpPracticeCode: "L81001", previousContrastReaction: false,
            alerts: ["Latex allergy"], mergedInto: Examples.id(9), createdAt: Examples.now, updatedAt: Examples.now)
    }
}

extension PatientRecord: APISchema {
    public static let schemaName = "PatientRecord"
    public static var example: PatientRecord { PatientRecord(patient: .example, exams: [.example]) }
}

extension StaffMember: APISchema {
    public static let schemaName = "StaffMember"
    public static var example: StaffMember {
        StaffMember(
            id: Examples.id(5), name: PersonName(family: "Okafor", given: ["Grace"]), profession: .radiographer,
            jobTitle: "Band 6 radiographer",
            registration: ProfessionalRegistration(body: "HCPC", number: "RA123456", expires: Examples.now),
            active: true, createdAt: Examples.now)
    }
}

extension AddStaffMember.Command: APISchema {
    public static let schemaName = "AddStaffMember"
    public static var example: AddStaffMember.Command {
        let member = StaffMember.example
        return .init(
            name: member.name, profession: member.profession, jobTitle: member.jobTitle,
            registration: member.registration)
    }
}

extension Entitlement: APISchema {
    public static let schemaName = "Entitlement"
    public static var example: Entitlement {
        Entitlement(
            id: Examples.id(7), staffID: Examples.id(5), duty: .operate,
            scope: ExamScope(modality: .DX, examCode: "XCHES", bodyRegion: .chest), starts: Examples.now,
            expires: Examples.now.addingTimeInterval(365 * 86400), supervisionRequired: false,
            trainingEvidence: "Preceptorship sign-off 2025-09", grantedBy: "m.manager", grantedAt: Examples.now,
            revokedAt: Examples.now, revokedBy: "m.manager", revocationReason: "Left the trust",
            competencyID: Examples.id(41))
    }
}

extension GrantEntitlement.Command: APISchema {
    public static let schemaName = "GrantEntitlement"
    public static let memberDefaults: [String: JSONValue] = ["supervisionRequired": false, "trainingEvidence": ""]
    public static var example: GrantEntitlement.Command {
        let entitlement = Entitlement.example
        return .init(
            staffID: entitlement.staffID, duty: entitlement.duty, scope: entitlement.scope, starts: entitlement.starts,
            expires: entitlement.expires, supervisionRequired: false, trainingEvidence: entitlement.trainingEvidence,
            competencyID: entitlement.competencyID)
    }
}

extension RevokeEntitlement.Command: APISchema {
    public static let schemaName = "RevokeEntitlement"
    public static let pathMembers = ["entitlementID"]
    public static var example: RevokeEntitlement.Command {
        .init(entitlementID: Examples.id(7), reason: "Registration lapsed")
    }
}

extension Referrer: APISchema {
    public static let schemaName = "Referrer"
    public static var example: Referrer {
        Referrer(
            id: Examples.id(3), name: PersonName(family: "Patel", given: ["Anil"], prefix: "Dr"),
            kind: .generalPractitioner, registrationNumber: "GMC7654321", organisationCode: "L81001",
            scope: ReferralScope(unrestricted: false, rules: [ExamScope(modality: .DX)]), active: true,
            scopeExpires: Examples.now)
    }
}

extension AddReferrer.Command: APISchema {
    public static let schemaName = "AddReferrer"
    public static let memberDefaults: [String: JSONValue] = ["scope.unrestricted": false, "scope.rules": []]
    public static var example: AddReferrer.Command {
        let referrer = Referrer.example
        return .init(
            name: referrer.name, kind: referrer.kind, registrationNumber: referrer.registrationNumber,
            organisationCode: referrer.organisationCode, scope: referrer.scope, scopeExpires: referrer.scopeExpires)
    }
}
