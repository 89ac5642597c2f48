import Foundation

/// One capability of the API. Default deny: a role has only what `AccessPolicy` grants it.
public enum Permission: String, Codable, CaseIterable, Sendable {
    case viewPatient
    case managePatients
    case viewExams
    case createRequest
    case justify
    case book
    case checkIn
    case pauseAndCheck
    case performExam
    case checkImages
    case discharge
    case cancel
    case recordDidNotAttend
    case rebook
    case report
    case verifyReport
    case viewReferenceData
    case manageReferrers
    case manageStaff
    case manageEntitlements
    case manageRooms
    case manageCatalogue
    case manageAccounts
    case viewAudit
    /// Store images (STOW-RS; a DICOM peer storing is allowed by its peer entry instead).
    case storeImages
    /// Query, retrieve and view archived images.
    case viewImages
    /// Link, correct or reject studies on the reconciliation list.
    case reconcileImages
    /// Add and remove the DICOM peers allowed to talk to the listener.
    case manageDICOMPeers
    /// A modality reports its performed procedure step (MPPS): start, completion, discontinuation.
    case recordModalityStep
    /// Resolve an exam a modality started outside the pathway (a radiographer's review).
    case resolveOutsidePathway
    /// Change a threshold of DOMAIN.md (with the medical physics expert's sign-off).
    case manageThresholds
    /// Read the dose register: alerts queue, reference levels, proposed local levels.
    case viewDoseRegister
    /// Acknowledge a dose alert with a comment.
    case acknowledgeDoseAlerts
    /// Set local diagnostic reference levels (with the medical physics expert's sign-off).
    case manageReferenceLevels
}
