import Foundation

/// Which role may use which capability. Default deny: anything not listed is refused.
public struct AccessPolicy: Sendable, Equatable, Codable {
    public var grants: [AccessRole: Set<Permission>]

    public init(grants: [AccessRole: Set<Permission>]) {
        self.grants = grants
    }

    public func allows(_ role: AccessRole, _ permission: Permission) -> Bool {
        grants[role]?.contains(permission) ?? false
    }

    /// Throws `permission.denied` naming the role and the capability.
    public func require(_ actor: Actor, _ permission: Permission) throws(DomainError) {
        guard allows(actor.role, permission) else {
            throw DomainError.permissionDenied(role: actor.role, permission: permission)
        }
    }

    /// The shipped matrix, by DOMAIN.md's table of people and duties. Exposure-related capabilities
    /// are open to the clinical roles; whether the person may do it for this exam is then decided by
    /// their entitlement.
    public static let `default`: AccessPolicy = {
        let read: Set<Permission> = [.viewPatient, .viewExams, .viewReferenceData]
        let pathwayDesk: Set<Permission> = [.checkIn, .book, .rebook, .cancel, .recordDidNotAttend, .discharge]
        let operating: Set<Permission> = [.pauseAndCheck, .performExam]
        // The archive: clinical roles see and store images; those who check images reconcile them.
        let images: Set<Permission> = [.viewImages, .storeImages]
        let reconcile: Set<Permission> = [.viewImages, .storeImages, .reconcileImages]
        var grants: [AccessRole: Set<Permission>] = [
            .referrer: [.viewPatient, .viewExams, .viewReferenceData, .createRequest],
            .supportWorker: read.union([.managePatients, .checkIn, .book, .rebook, .recordDidNotAttend]),
            .apprentice: read.union([.checkIn]).union(operating),
            .student: read.union([.checkIn]).union(operating),
            .assistantPractitioner: read.union(pathwayDesk).union(operating).union([.justify]),
            .radiographer: read.union(pathwayDesk).union(operating)
                .union([.managePatients, .justify, .checkImages, .resolveOutsidePathway]),
            .reportingRadiographer: read.union(pathwayDesk).union(operating)
                .union([.managePatients, .justify, .checkImages, .report, .verifyReport, .resolveOutsidePathway]),
            .radiologist: read.union(pathwayDesk).union(operating)
                .union([.createRequest, .justify, .checkImages, .report, .verifyReport, .resolveOutsidePathway]),
            .physicist: read.union([.manageRooms, .manageCatalogue]),
            .manager: read.union(pathwayDesk).union([
                .managePatients, .manageReferrers, .manageStaff, .manageEntitlements, .manageRooms,
                .manageCatalogue, .manageAccounts, .viewAudit,
            ]),
            .admin: [
                .viewReferenceData, .manageReferrers, .manageStaff, .manageEntitlements, .manageRooms,
                .manageCatalogue, .manageAccounts, .viewAudit,
            ],
            .integration: read.union([.managePatients, .createRequest, .book, .rebook, .cancel, .recordModalityStep]),
        ]
        for role in [AccessRole.apprentice, .student, .assistantPractitioner] { grants[role]?.formUnion(images) }
        for role in [AccessRole.radiographer, .reportingRadiographer, .radiologist] {
            grants[role]?.formUnion(reconcile)
        }
        grants[.integration]?.formUnion(images)
        grants[.manager]?.formUnion(reconcile.union([.manageDICOMPeers]))
        grants[.admin]?.formUnion([.manageDICOMPeers])
        grants[.physicist]?.formUnion([.manageThresholds])
        grants[.manager]?.formUnion([.manageThresholds])
        // The dose register: the physicist reviews and sets local DRLs; those at image check see and
        // acknowledge the exam's dose alerts; managers read it.
        grants[.physicist]?.formUnion([.viewDoseRegister, .acknowledgeDoseAlerts, .manageReferenceLevels])
        for role in [AccessRole.radiographer, .reportingRadiographer, .radiologist] {
            grants[role]?.formUnion([.viewDoseRegister, .acknowledgeDoseAlerts])
        }
        grants[.manager]?.formUnion([.viewDoseRegister])
        return AccessPolicy(grants: grants)
    }()
}
