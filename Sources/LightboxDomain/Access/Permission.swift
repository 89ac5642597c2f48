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
    /// Report a possible significant accidental or unintended exposure, and read the cases.
    case reportSAUE
    /// Confirm or override a case's classification and export its notification (the MPE).
    case reviewSAUE
    /// Record personal dosemeter readings and classified workers, and read staff dosimetry.
    case manageStaffDosimetry
    /// Close a staff dose investigation (the MPE).
    case investigateStaffDose
    /// Read every member of staff's training, competencies, practice logs, CPD and appraisals (not only one's own).
    case viewStaffRecords
    /// Read stock: items, batches, levels, expiry, orders, lead aprons.
    case viewStock
    /// Receive, move, use and order stock; record lead apron checks.
    case manageStock
    /// Export archived images de-identified (PS3.15 Annex E basic profile) for someone outside the department.
    case exportImages
    /// Read the equipment register, the QA catalogue and results, and the faults (no patient data).
    case viewEquipment
    /// Add and change items of the equipment register.
    case manageEquipment
    /// Record QA test results (the clinical scientist).
    case recordQA
    /// Report an equipment fault.
    case reportFault
    /// Send faults to engineering and close them.
    case manageFaults
    /// Flag an exam's patient as on isolation (infection control).
    case flagIsolation
    /// Log a room's clean.
    case recordCleaning
    /// Read the department's statistics (DM01, turnaround, reject rates, pregnancy status, activity): counts only.
    case viewStatistics
    /// Export the national datasets (the Diagnostic Imaging Dataset), which carry patient identifiers.
    case exportDatasets
    /// Read the dose register: alerts queue, reference levels, proposed local levels.
    case viewDoseRegister
    /// Acknowledge a dose alert with a comment.
    case acknowledgeDoseAlerts
    /// Set local diagnostic reference levels (with the medical physics expert's sign-off).
    case manageReferenceLevels
    /// Read the support workers' task board (issue 14).
    case viewTasks
    /// Put a task on the board (a transfer, a chaperone, a clean, a top-up, a free task) and cancel one.
    case requestTask
    /// Claim, release and mark done the board's tasks (the support workers' own work).
    case workTasks
    /// Read the median dose per operator (managers and the clinical scientist: staff performance, not for peers).
    case viewOperatorDose
    /// Report an incident or near miss.
    case reportIncident
    /// Read incidents and near misses (they name patients).
    case viewIncidents
    /// Investigate, record duty-of-candour contacts on, link to a dose incident, close and export incidents.
    case manageIncidents
    /// Read the scheduled jobs and their last runs.
    case viewJobs
    /// Read the rota: who covers each room per day and session.
    case viewRota
    /// Put staff on the rota and take them off.
    case manageRota
}
