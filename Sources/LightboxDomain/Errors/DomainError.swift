import Foundation

/// The single error type of LightboxDomain. `code` is stable (adapters map it to problem+json
/// `type`, HL7 ERR, DIMSE status); `message` is for the person at the desk; `fields` names every
/// missing or wrong item at once.
public struct DomainError: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    /// How an adapter should report the error (HTTP: 422, 404, 403, 409).
    public enum Kind: String, Sendable, Codable {
        case validation, notFound, forbidden, conflict
    }

    /// Stable machine codes.
    public enum Code: String, Sendable, Codable, CaseIterable {
        case validationFailed = "validation.failed"
        case notFound = "not-found"
        case duplicate = "duplicate"
        /// The archive: an instance that cannot be read, lacks a UID or carries an invalid one.
        case unreadableDataSet = "archive.unreadable-data-set"
        case invalidInstance = "archive.invalid-instance"
        /// The image store is below its free-space threshold or cannot write (DIMSE 0xA700).
        case archiveOutOfResources = "archive.out-of-resources"
        case permissionDenied = "permission.denied"
        case noStaffRecord = "actor.no-staff-record"
        case entitlementMissing = "entitlement.missing"
        case entitlementExpired = "entitlement.expired"
        case entitlementNotYetValid = "entitlement.not-yet-valid"
        case registrationExpired = "registration.expired"
        case registrationMissing = "registration.missing"
        case staffInactive = "staff.inactive"
        case supervisionRequired = "supervision.required"
        case supervisorNotEntitled = "supervision.supervisor-not-entitled"
        case invalidNHSNumber = "patient.invalid-nhs-number"
        case requestMissingIdentifiers = "request.missing-identifiers"
        case requestIncomplete = "request.incomplete"
        case referrerOutOfScope = "request.referrer-out-of-scope"
        case unknownExam = "catalogue.unknown-exam"
        case transitionNotAllowed = "exam.transition-not-allowed"
        case notJustified = "exam.not-justified"
        case roomSuspended = "room.suspended"
        case roomRestricted = "room.restricted"
        case roomWrongModality = "room.wrong-modality"
        case pauseAndCheckIncomplete = "pause-and-check.incomplete"
        case identityNotConfirmed = "pause-and-check.identity"
        case pregnancyEnquiryRequired = "pregnancy.enquiry-required"
        case pregnancyUnresolved = "pregnancy.unresolved"
        case tenDayRule = "pregnancy.ten-day-rule"
        case contrastScreeningRequired = "contrast.screening-required"
        case contrastEGFRRequired = "contrast.egfr-required"
        case contrastMetformin = "contrast.metformin"
        case contrastPreviousReaction = "contrast.previous-reaction"
        case imageCheckerNotEligible = "image-check.checker-not-eligible"
        case imagesNotChecked = "discharge.images-not-checked"
        case carerDoseConstraint = "carer.dose-constraint"
        case patientMerged = "patient.merged"
        /// A referrer's account tried to request, or act on a request, as another referrer.
        case referrerNotOwn = "request.referrer-not-own"
        case bookingInPast = "booking.in-past"
        case bookingOutsideServiceHours = "booking.outside-service-hours"
        /// Another exam is booked in the same room for an overlapping slot.
        case bookingSlotTaken = "booking.slot-taken"
        /// PS3.4 §F.7.2: no performed procedure step with that SOP Instance UID.
        case modalityStepUnknown = "mpps.unknown-instance"
        /// PS3.4 §F.7.2.2: the performed procedure step is COMPLETED or DISCONTINUED and may no longer be changed.
        case modalityStepClosed = "mpps.closed"
        /// The room waits for its clean after an isolation patient's exam (DOMAIN.md "Infection control").
        case roomCleaningDue = "room.cleaning-due"
        /// The task on the support workers' board is already done or cancelled (issue 14).
        case taskNotOpen = "task.not-open"
        /// Another support worker has claimed the task (issue 14).
        case taskClaimedByOther = "task.claimed-by-other"

        public var kind: Kind {
            switch self {
            case .notFound, .modalityStepUnknown: .notFound
            case .permissionDenied, .noStaffRecord, .entitlementMissing, .entitlementExpired,
                .entitlementNotYetValid, .registrationExpired, .registrationMissing, .staffInactive,
                .supervisorNotEntitled,
                .imageCheckerNotEligible, .referrerNotOwn:
                .forbidden
            case .archiveOutOfResources: .conflict
            case .duplicate, .transitionNotAllowed, .notJustified, .roomSuspended, .imagesNotChecked,
                .modalityStepClosed, .bookingSlotTaken:
                .conflict
            case .roomCleaningDue: .conflict
            case .taskNotOpen, .taskClaimedByOther: .conflict
            default: .validation
            }
        }
    }

    public var code: Code
    public var message: String
    public var fields: [FieldProblem]

    public init(_ code: Code, _ message: String, fields: [FieldProblem] = []) {
        self.code = code
        self.message = message
        self.fields = fields
    }

    public var kind: Kind { code.kind }

    public var description: String {
        fields.isEmpty
            ? "\(code.rawValue): \(message)"
            : "\(code.rawValue): \(message) — " + fields.map { "\($0.field): \($0.problem)" }.joined(separator: "; ")
    }
}

extension DomainError {
    static func notFound(_ what: String, _ id: CustomStringConvertible) -> DomainError {
        DomainError(.notFound, "No \(what) with id \(id) was found.")
    }

    static func permissionDenied(role: AccessRole, permission: Permission) -> DomainError {
        DomainError(
            .permissionDenied,
            "Your role (\(role.rawValue)) does not allow \(permission.rawValue).")
    }

    /// A validation error carrying every problem found. The code is the one shared by all
    /// problems when they agree, otherwise `fallback`.
    static func problems(_ fields: [FieldProblem], fallback: Code, message: String) -> DomainError {
        let codes = Set(fields.compactMap(\.code))
        let code = codes.count == 1 && fields.allSatisfy({ $0.code != nil }) ? codes.first ?? fallback : fallback
        return DomainError(code, message, fields: fields)
    }
}
