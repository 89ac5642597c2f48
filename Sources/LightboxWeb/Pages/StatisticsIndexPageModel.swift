import Foundation
import LightboxDomain

/// The statistics a manager may open, with what each answers.
struct StatisticsIndexPageModel: PageModel {
    static let template = "statistics-index"

    struct Link: Sendable, Equatable {
        var href: String
        var label: String
        var description: String
    }

    var layout: LayoutModel
    var links: [Link]

    init(layout: LayoutModel, canExport: Bool) {
        self.layout = layout
        var links = [
            Link(
                href: "/statistics/dm01", label: "DM01 diagnostic waiting",
                description: "who is waiting, for how long, against the six-week target"),
            Link(
                href: "/statistics/turnaround", label: "Reporting turnaround",
                description: "reports issued within their targets, and what is unreported beyond four weeks"),
            Link(
                href: "/statistics/reject-rates", label: "Reject rates",
                description: "rejected images per room and operator, against the department's band"),
            Link(
                href: "/statistics/pregnancy-status", label: "Pregnancy status recorded",
                description: "the share of exams with a pregnancy status where the enquiry applies"),
            Link(href: "/statistics/activity", label: "Activity per room", description: "exams performed in each room"),
        ]
        if canExport {
            links.append(
                Link(
                    href: "/exports/did", label: "Diagnostic Imaging Dataset",
                    description: "the monthly national return, checked against its field rules"))
        }
        self.links = links
    }
}
