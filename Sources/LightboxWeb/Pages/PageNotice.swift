import Foundation
import LightboxDomain

/// The confirmations a page shows after a form succeeded, named by a code in the address
/// (`?done=registered`), so a crafted link cannot put words of its own on a Lightbox page.
enum PageNotice {
    static func text(for code: String) -> String? {
        switch code {
        case "registered": return "Patient registered"
        case "booking": return "Appointment booked"
        case "rebooking": return "Appointment changed"
        case "arrival": return "Arrival recorded"
        case "did-not-attend": return "Recorded as did not attend"
        case "cancellation": return "Exam cancelled"
        case "pause-and-check": return "Pause and Check recorded: the exam may start"
        case "start": return "Exam started"
        case "completion": return "Exam completed"
        case "image-check": return "Image check recorded"
        case "discharge": return "Patient discharged"
        case "report": return "Report saved"
        case "verification": return "Report verified"
        case "cpd": return "Added to your CPD log"
        case "practice-signed-off": return "Supervised practice signed off"
        case "qa-result": return "QA result recorded"
        case "report-alert-acknowledgement": return "Alert acknowledged"
        case "finding-flag": return "Finding flagged for the reporter"
        case "contrast-reaction": return "Contrast reaction recorded; the patient's record is flagged"
        case "saue-review": return "Dose incident decision recorded"
        case "chain-checked": return "Audit chain checked"
        case "room-added": return "Room added"
        case "room-status": return "Room status saved"
        case "room-ae-title": return "AE title saved"
        case "room-service-hours": return "Service hours saved"
        case "account-created": return "Account created"
        case "account-updated": return "Account saved"
        case "staff-added": return "Member of staff added"
        case "staff-updated": return "Details saved"
        case "entitlement-granted": return "Entitlement granted"
        case "entitlement-revoked": return "Entitlement revoked"
        case "dicom-peer-saved": return "DICOM peer saved"
        case "dicom-peer-removed": return "DICOM peer removed"
        default:
            return JustificationDecision(rawValue: code).map { "Vetting saved: \($0.label.lowercased())" }
        }
    }
}
