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
        case "chaperone-request": return "Chaperone asked for: the request is on the task board"
        case "transfer-request": return "Transfer asked for: the request is on the task board"
        case "task-requested": return "Task put on the board"
        case "task-claimed": return "Task claimed: it shows as yours"
        case "task-released": return "Task released back to the board"
        case "task-done": return "Task marked done"
        case "task-cleaned": return "Room clean logged and the task marked done"
        case "task-cancelled": return "Task cancelled"
        case "dose": return "Dose figures recorded"
        case "dose-alert-acknowledgement": return "Dose alert acknowledged"
        case "reference-level-set": return "Local reference level set"
        case "incident-reported": return "Incident reported: thank you"
        case "incident-investigation": return "Investigation saved"
        case "incident-contacts": return "Duty-of-candour contact recorded"
        case "incident-saue": return "Dose incident case linked"
        case "incident-closure": return "Incident closed"
        case "fault-reported": return "Fault reported"
        case "fault-engineering": return "Engineering job recorded"
        case "fault-closed": return "Fault closed; its downtime is recorded"
        case "room-cleaned": return "Clean logged"
        case "stock-received": return "Delivery received"
        case "stock-movement": return "Stock recorded"
        case "stock-ordered": return "Order placed"
        case "rota-assigned": return "Added to the rota"
        case "rota-removed": return "Taken off the rota"
        default:
            return JustificationDecision(rawValue: code).map { "Vetting saved: \($0.label.lowercased())" }
        }
    }
}
