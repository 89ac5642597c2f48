import Foundation
import LightboxDomain

/// The contrast screening recorded at Pause and Check, as the exposure record shows it (DOMAIN.md "Contrast
/// screening": agent, batch, volume, route, who screened, and the answers behind the decision).
extension ExamPageModel {
    static func contrastRow(
        _ screening: ContrastScreening, staffNames: [UUID: String], format: PageFormat
    ) -> SummaryRow {
        var given = [screening.agent ?? "Agent not recorded"]
        if let batch = screening.batch { given.append("batch \(batch)") }
        if let volume = screening.volumeMillilitres { given.append("\(volume.pageClean) mL") }
        if let route = screening.route { given.append(route.label) }
        let answer = { (yes: Bool) in yes ? "yes" : "no" }
        var answers = [
            "previous reaction \(answer(screening.previousReaction))",
            "allergies or asthma \(answer(screening.allergiesOrAsthma))",
            "diabetes \(answer(screening.diabetes))", "renal disease \(answer(screening.renalDisease))",
            "known low eGFR \(answer(screening.knownLowEGFR))", "metformin \(answer(screening.onMetformin))",
        ]
        if screening.onMetformin { answers.append("metformin stopped \(answer(screening.metforminStopped))") }
        var lines = [given.joined(separator: ", "), "Screening: " + answers.joined(separator: "; ")]
        if let eGFR = screening.latestEGFR {
            lines.append(
                "eGFR \(eGFR.value.pageClean), measured \(format.date(CalendarDate(eGFR.measuredAt, in: format.timeZone)))"
            )
        }
        if let reviewer = screening.previousReactionReviewedBy {
            lines.append("Previous reaction reviewed by \(staffNames[reviewer] ?? "a practitioner")")
        }
        if let screener = screening.screenedBy {
            lines.append("Screened by \(staffNames[screener] ?? "a member of staff")")
        }
        return SummaryRow("Contrast screening", lines.joined(separator: "\n"))
    }
}
