import Foundation
import LightboxDomain

/// The appointment letter and the pre-exam instruction sheets of a booked exam (`PrintAppointmentLetter`), laid
/// out for printing (the stylesheet's `@media print` leaves only the letter and starts each sheet on a new page).
struct AppointmentLetterPageModel: PageModel {
    static let template = "letter"

    /// One instruction sheet.
    struct Sheet: Sendable, Equatable, Codable {
        var id: String
        var title: String
        var paragraphs: [String]
    }

    var layout: LayoutModel
    var examHref: String
    var addressLines: [String]
    var patientName: String
    var identifiers: [String]
    var dateText: String
    var timeText: String
    var roomName: String
    var examName: String
    var accessionNumber: String
    var arriveText: String
    var sheets: [Sheet]
    var hasSheets: Bool
    var printedText: String

    init(layout: LayoutModel, letter: AppointmentLetter, configuration: DepartmentConfiguration, now: Date) {
        self.layout = layout
        let text = AppointmentLetterText(letter: letter, configuration: configuration, now: now)
        examHref = text.examHref
        addressLines = text.addressLines
        patientName = text.patientName
        identifiers = text.identifiers
        dateText = text.dateText
        timeText = text.timeText
        roomName = text.roomName
        examName = text.examName
        accessionNumber = text.accessionNumber
        arriveText = text.arriveText
        sheets = text.sheets
        hasSheets = !sheets.isEmpty
        printedText = text.printedText
    }

    static func sheet(_ preparation: AppointmentLetter.Preparation) -> Sheet {
        switch preparation {
        case .pregnancy(let tenDayRule):
            var paragraphs = [
                "X-rays can harm an unborn baby. Before your exam a member of staff will ask you, in private, whether "
                    + "you are or might be pregnant, and the date your last period started.",
                "If you are or might be pregnant, please tell us before your appointment: we may change the exam, "
                    + "or its date, to protect your baby.",
            ]
            if let days = tenDayRule {
                paragraphs.append(
                    "This exam is best done within the first \(days) days after your period starts. If your "
                        + "appointment does not fall in those days, please call us to change it.")
            }
            return Sheet(id: "sheet-pregnancy", title: "Pregnancy", paragraphs: paragraphs)
        case .contrast(let route):
            return Sheet(
                id: "sheet-contrast", title: "Contrast (dye) for your exam",
                paragraphs: [
                    "Your exam uses a contrast medium (a dye that shows up on the images), given \(route.words).",
                    "Please tell us before your appointment if you have ever reacted to a contrast medium, if you have "
                        + "allergies or asthma, diabetes or kidney disease. You may need a blood test of your kidney "
                        + "function (eGFR) beforehand.",
                    "If you take metformin, bring a list of your medicines: you may be asked to stop it for a while "
                        + "after the exam. Drink plenty of water before and after, unless your doctor has told you "
                        + "to limit what you drink.",
                ])
        case .fasting(let hours):
            let span = hours == 1 ? "1 hour" : "\(hours) hours"
            return Sheet(
                id: "sheet-fasting", title: "Nothing to eat before your exam",
                paragraphs: [
                    "Please do not eat for \(span) before your appointment time. You may drink small amounts of "
                        + "water.",
                    "Take your usual medicines with a little water unless you have been told otherwise. If you have "
                        + "diabetes, please call us for advice before you fast.",
                ])
        }
    }
}

extension ContrastRoute {
    /// How the contrast is given, in the patient's words.
    var words: String {
        switch self {
        case .intravenous: "into a vein"
        case .intraArterial: "into an artery"
        case .oral: "as a drink"
        case .rectal: "into the back passage"
        case .intrathecal: "into the spine"
        case .intraArticular: "into a joint"
        }
    }
}
