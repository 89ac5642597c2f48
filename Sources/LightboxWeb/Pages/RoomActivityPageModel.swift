import Foundation
import LightboxDomain

/// Exams performed per room in the period.
struct RoomActivityPageModel: PageModel {
    static let template = "statistics"
    var layout: LayoutModel
    var heading = "Activity per room"
    var lede = "Exams performed in each room in the period, with the images acquired."
    var form: StatisticsPeriodForm
    var hasReport: Bool
    var summary: [String]
    var chart: BarChart?
    var tables: [StatisticsTable]

    init(layout: LayoutModel, form: StatisticsPeriodForm, report: RoomActivityReport?) {
        self.layout = layout
        self.form = form
        hasReport = report != nil
        guard let report else {
            summary = []
            tables = []
            return
        }
        summary = ["\(report.exams) exams performed in \(report.rooms.filter { $0.exams > 0 }.count) rooms."]
        chart = BarChart(
            id: "activity-chart", title: "Exams performed per room",
            summary: report.rooms.map { "\($0.name) \($0.exams)" }.joined(separator: "; ") + ".",
            items: report.rooms.map {
                BarChart.Item(label: $0.name, value: Double($0.exams), valueText: "\($0.exams)", flagged: false)
            })
        tables = [
            StatisticsTable(
                caption: "Per room", headers: ["Exams", "Images acquired", "By modality"],
                rows: report.rooms.map { room in
                    StatisticsTable.Row(
                        heading: room.name,
                        cells: [
                            "\(room.exams)", "\(room.imagesAcquired)",
                            room.byModality.map { "\($0.label): \($0.exams)" }.joined(separator: ", "),
                        ], flagged: false, note: room.exams == 0 ? "Idle" : "")
                })
        ]
    }
}
