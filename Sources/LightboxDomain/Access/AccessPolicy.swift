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
        for role in [AccessRole.radiographer, .reportingRadiographer, .radiologist, .physicist, .manager] {
            grants[role]?.formUnion([.reportSAUE])
        }
        grants[.physicist]?.formUnion([.reviewSAUE])
        grants[.physicist]?.formUnion([.manageStaffDosimetry, .investigateStaffDose])
        grants[.manager]?.formUnion([.manageStaffDosimetry])
        // Department operations (issue 17): staff records for those who manage staff; stock for the support
        // worker who keeps it, the clinical staff who use it, and the manager.
        grants[.manager]?.formUnion([.viewStaffRecords, .viewStock, .manageStock])
        grants[.admin]?.formUnion([.viewStaffRecords])
        for role in [AccessRole.supportWorker, .apprentice, .radiographer, .reportingRadiographer] {
            grants[role]?.formUnion([.viewStock, .manageStock])
        }
        for role in [AccessRole.student, .assistantPractitioner, .radiologist, .physicist] {
            grants[role]?.formUnion([.viewStock])
        }
        // A de-identified copy for a referrer is a disclosure: those who check and report images decide it.
        for role in [AccessRole.radiographer, .reportingRadiographer, .radiologist] {
            grants[role]?.insert(.exportImages)
        }
        // Equipment and QA (issue 17): the clinical scientist records QA; managers read everything and run faults;
        // anyone working in the rooms sees the equipment and reports a fault.
        grants[.physicist]?.formUnion([.viewEquipment, .manageEquipment, .recordQA, .reportFault, .manageFaults])
        grants[.manager]?.formUnion([.viewEquipment, .manageEquipment, .reportFault, .manageFaults])
        grants[.admin]?.formUnion([.viewEquipment, .manageEquipment])
        for role in [
            AccessRole.supportWorker, .apprentice, .student, .assistantPractitioner, .radiographer,
            .reportingRadiographer, .radiologist,
        ] {
            grants[role]?.formUnion([.viewEquipment, .reportFault, .flagIsolation, .recordCleaning])
        }
        grants[.manager]?.formUnion([.flagIsolation, .recordCleaning])
        for role in [AccessRole.manager, .physicist, .radiologist, .reportingRadiographer, .admin] {
            grants[role]?.formUnion([.viewStatistics])
        }
        grants[.manager]?.formUnion([.exportDatasets])
        // The dose register: the physicist reviews and sets local DRLs; those at image check see and
        // acknowledge the exam's dose alerts; managers read it.
        grants[.physicist]?.formUnion([.viewDoseRegister, .acknowledgeDoseAlerts, .manageReferenceLevels])
        for role in [AccessRole.radiographer, .reportingRadiographer, .radiologist] {
            grants[role]?.formUnion([.viewDoseRegister, .acknowledgeDoseAlerts])
        }
        grants[.manager]?.formUnion([.viewDoseRegister])
        // The support workers' task board (issue 14): clinical staff and the desk ask for tasks; the support workers,
        // apprentices, students and radiographers do them; radiologists and managers ask and follow, not claim.
        for role in [
            AccessRole.supportWorker, .apprentice, .student, .assistantPractitioner, .radiographer,
            .reportingRadiographer, .radiologist, .manager,
        ] {
            grants[role]?.formUnion([.viewTasks, .requestTask])
        }
        for role in [
            AccessRole.supportWorker, .apprentice, .student, .assistantPractitioner, .radiographer,
            .reportingRadiographer,
        ] {
            grants[role]?.insert(.workTasks)
        }
        grants[.manager]?.formUnion([.viewOperatorDose])
        grants[.physicist]?.formUnion([.viewOperatorDose])
        // Incidents and near misses: anyone working in the department reports; clinical staff and the physicist
        // read them; the manager and the physicist (radiation incidents) investigate, close and export.
        for role in [
            AccessRole.supportWorker, .apprentice, .student, .assistantPractitioner, .radiographer,
            .reportingRadiographer, .radiologist, .physicist, .manager,
        ] {
            grants[role]?.insert(.reportIncident)
        }
        for role in [AccessRole.radiographer, .reportingRadiographer, .radiologist, .physicist, .manager] {
            grants[role]?.insert(.viewIncidents)
        }
        for role in [AccessRole.physicist, .manager] { grants[role]?.insert(.manageIncidents) }
        for role in [AccessRole.manager, .admin] { grants[role]?.insert(.viewJobs) }
        // The rota: everyone who works in the rooms reads it; the manager plans it.
        for role in [
            AccessRole.supportWorker, .apprentice, .student, .assistantPractitioner, .radiographer,
            .reportingRadiographer, .radiologist, .physicist, .manager, .admin,
        ] {
            grants[role]?.insert(.viewRota)
        }
        grants[.manager]?.insert(.manageRota)
        return AccessPolicy(grants: grants)
    }()
}
